import Foundation
import YAML

/// How one Go type travels between YAML nodes and JSON: its Go name (for type errors), a reader that
/// reports problems into the state instead of throwing (so all unknown fields get collected), a
/// writer, and Go's omitempty notion of "empty".
struct Codec<Value> {
    let goType: String
    let zero: () -> Value
    let read: (YNode, inout DecodeState, DecodeContext) -> Value?
    let write: (Value) -> JSONValue
    let isEmpty: (Value) -> Bool
}

extension Codec where Value == String {
    static var string: Codec { Codec(
        goType: "string", zero: { "" },
        read: { node, state, ctx in
            if case .scalar(let text, let style, _) = node, case .string = resolveScalar(text, style) { return text }
            state.mismatch(node, goType: "string", ctx)
            return nil
        },
        write: { .string($0) }, isEmpty: { $0.isEmpty }) }

    /// resource.Quantity: a number or a string matching Kubernetes' quantity syntax; kept as text.
    static var quantity: Codec { Codec(
        goType: "resource.Quantity", zero: { "" },
        read: { node, state, ctx in
            if case .scalar(let text, let style, _) = node {
                let resolved = resolveScalar(text, style)
                let candidate: String
                switch resolved {
                case .string(let s): candidate = s
                case .int, .float: candidate = resolved.numberText ?? text
                default: candidate = text
                }
                if isQuantity(candidate) { return candidate }
            }
            state.malformed("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", node, ctx)
            return nil
        },
        write: { .string($0) }, isEmpty: { $0.isEmpty }) }
}

extension Codec where Value == Bool {
    static var bool: Codec { Codec(
        goType: "bool", zero: { false },
        read: { node, state, ctx in
            if case .scalar(let text, let style, _) = node, case .bool(let b) = resolveScalar(text, style) { return b }
            state.mismatch(node, goType: "bool", ctx)
            return nil
        },
        write: { .bool($0) }, isEmpty: { !$0 }) }
}

extension Codec where Value: FixedWidthInteger {
    /// A Go integer field; `goType` is "int32" or "int64" and sets the accepted range.
    static func integer(_ goType: String) -> Codec {
        let (low, high): (Int64, Int64) = goType == "int32" ? (Int64(Int32.min), Int64(Int32.max)) : (Int64.min, Int64.max)
        return Codec(
            goType: goType, zero: { 0 },
            read: { node, state, ctx in
                guard case .scalar(let text, let style, _) = node else {
                    state.mismatch(node, goType: goType, ctx)
                    return nil
                }
                let resolved = resolveScalar(text, style)
                switch resolved {
                case .int(let i) where i >= low && i <= high:
                    return Value(exactly: i)
                case .float(let d):
                    if let i = integralValue(d), i >= low, i <= high { return Value(exactly: i) }
                    state.mismatch(node, goType: goType, ctx, found: "number \(resolved.numberText ?? text)")
                case .int:
                    state.mismatch(node, goType: goType, ctx, found: "number \(resolved.numberText ?? text)")
                default:
                    state.mismatch(node, goType: goType, ctx)
                }
                return nil
            },
            write: { .int(Int($0)) }, isEmpty: { $0 == 0 })
    }
}

extension Codec where Value == Date {
    /// metav1.Time: an RFC 3339 string; other JSON types fail inside its UnmarshalJSON as a string would.
    static var time: Codec { Codec(
        goType: "string", zero: { Date(timeIntervalSince1970: 0) },
        read: { node, state, ctx in
            guard case .scalar(let text, let style, _) = node, case .string = resolveScalar(text, style) else {
                state.mismatch(node, goType: "string", ctx)
                return nil
            }
            if let date = parseRFC3339(text) { return date }
            state.malformed("parsing time \(goQuoted(text)) as \"2006-01-02T15:04:05Z07:00\": cannot parse \(goQuoted(text)) as \"2006\"", node, ctx)
            return nil
        },
        write: { .string(formatRFC3339($0)) }, isEmpty: { _ in false }) }
}

extension Codec where Value == IntOrString {
    /// intstr.IntOrString: a quoted value is a string, anything else must be an int32.
    static var intOrString: Codec { Codec(
        goType: "intstr.IntOrString", zero: { .int(0) },
        read: { node, state, ctx in
            if case .scalar(let text, let style, _) = node {
                let resolved = resolveScalar(text, style)
                if case .string(let s) = resolved { return .string(s) }
                if case .int(let i) = resolved, let v = Int32(exactly: i) { return .int(Int(v)) }
            }
            guard let n = Codec<Int>.integer("int32").read(node, &state, ctx) else { return nil }
            return .int(n)
        },
        write: {
            switch $0 {
            case .int(let i): return .int(i)
            case .string(let s): return .string(s)
            }
        },
        isEmpty: { _ in false }) }
}

extension Codec where Value == Int {
    static var int32: Codec { .integer("int32") }
    static var int64: Codec { .integer("int64") }
}

extension Codec where Value == Int64 {
    static var int64: Codec { .integer("int64") }
}

extension Codec where Value == Int32 {
    static var int32: Codec { .integer("int32") }
}

extension Codec {
    /// A Go pointer: nil is omitted under omitempty, a pointed-to zero value is not.
    static func optional<W>(_ inner: Codec<W>) -> Codec<W?> where Value == W? {
        Codec<W?>(
            goType: inner.goType, zero: { nil },
            read: { node, state, ctx in inner.read(node, &state, ctx).map { Optional($0) } },
            write: { $0.map(inner.write) ?? .null }, isEmpty: { $0 == nil })
    }

    static func array<E>(_ element: Codec<E>) -> Codec<[E]> where Value == [E] {
        Codec<[E]>(
            goType: "[]" + element.goType, zero: { [] },
            read: { node, state, ctx in
                guard case .sequence(let items, _) = node else {
                    state.mismatch(node, goType: "[]" + element.goType, ctx)
                    return nil
                }
                var out: [E] = []
                for (i, item) in items.enumerated() {
                    let child = ctx.index(i)
                    state.marks[child.path] = item.mark
                    // A null element decodes to the zero value, keeping indices aligned with the source.
                    out.append(item.isNull ? element.zero() : (element.read(item, &state, child) ?? element.zero()))
                }
                return out
            },
            write: { .array($0.map(element.write)) }, isEmpty: { $0.isEmpty })
    }

    /// `map[string]string` and friends; keys are written sorted, as Go marshals maps.
    static func map(_ value: Codec<String>, goType: String = "map[string]string") -> Codec<[String: String]> where Value == [String: String] {
        Codec<[String: String]>(
            goType: goType, zero: { [:] },
            read: { node, state, ctx in
                guard case .mapping(let pairs, _) = node else {
                    state.mismatch(node, goType: goType, ctx)
                    return nil
                }
                var out: [String: String] = [:]
                for pair in pairs.sorted(by: { $0.key.keyText.utf8.lexicographicallyPrecedes($1.key.keyText.utf8) }) {
                    let key = pair.key.keyText
                    let child = ctx.key(key)
                    state.marks[child.path] = pair.value.mark
                    if pair.value.isNull { out[key] = ""; continue }
                    if let v = value.read(pair.value, &state, child) { out[key] = v }
                }
                return out
            },
            write: { m in .object(m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, value.write(m[$0] ?? "")) }) },
            isEmpty: { $0.isEmpty })
    }

    /// A Go struct described by a schema.
    static func object(_ schema: StructSchema<Value>) -> Codec<Value> {
        Codec(
            goType: schema.goType, zero: schema.make,
            read: { node, state, ctx in schema.read(node, &state, ctx) },
            write: { schema.write($0) }, isEmpty: { _ in false })
    }
}

/// Kubernetes' quantity syntax: `^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$`.
func isQuantity(_ s: String) -> Bool {
    var chars = Substring(s)
    if let c = chars.first, c == "+" || c == "-" { chars = chars.dropFirst() }
    let number = chars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    guard !number.isEmpty else { return false }
    chars = chars.dropFirst(number.count)
    chars = chars.drop { "eEinumkKMGTP".contains($0) }
    if let c = chars.first, c == "+" || c == "-" { chars = chars.dropFirst() }
    return chars.allSatisfy { $0.isASCII && $0.isNumber }
}
