import Foundation
import YAML

/// kubectl's JSONPath templates (`-o jsonpath=…`, and each `custom-columns` expression): text with
/// `{…}` expressions of fields (`.a.b`, `['a.b']`), `*`, indexes and slices (`[0]`, `[-1]`, `[1:3]`),
/// unions (`['a','b']`), recursive descent (`..name`), filters (`[?(@.a=="x")]`), `{range …}…{end}`
/// and string literals (`{"\n"}`). Missing keys give nothing, as `kubectl get` allows them.
struct JSONPath: Equatable {
    struct ParseError: Error, Equatable {
        let message: String
    }

    indirect enum Step: Equatable {
        case field(String)
        case wildcard
        case recursive
        case index(Int)
        case slice(Int?, Int?, Int?)
        case union([String])
        case indexes([Int])
        case filter(Condition)
    }

    struct Condition: Equatable {
        var left: [Step]
        /// nil: the left path only has to exist.
        var op: String?
        var right: Operand?
    }

    enum Operand: Equatable {
        case path([Step])
        case literal(JSONValue)
    }

    indirect enum Part: Equatable {
        case text(String)
        case path([Step])
        case range([Step], [Part])
    }

    let parts: [Part]
    let source: String

    init(_ template: String) throws {
        source = template
        var parser = Parser(template)
        parts = try parser.parts(untilEnd: false)
    }

    /// The template applied to `root`, as kubectl prints it (results of one expression joined by spaces).
    func render(_ root: JSONValue) -> String {
        var out = ""
        Self.render(parts, root, into: &out)
        return out
    }

    /// Every value an expression names (for custom-columns).
    func values(_ root: JSONValue) -> [JSONValue] {
        var all: [JSONValue] = []
        for part in parts { if case .path(let steps) = part { all += Self.evaluate(steps, [root]) } }
        return all
    }

    private static func render(_ parts: [Part], _ current: JSONValue, into out: inout String) {
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .path(let steps):
                out += evaluate(steps, [current]).map(text).joined(separator: " ")
            case .range(let steps, let body):
                for value in evaluate(steps, [current]) { render(body, value, into: &out) }
            }
        }
    }

    /// A value as the jsonpath printer writes it: strings raw, everything else as JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.compactJSONString()
    }

    static func evaluate(_ steps: [Step], _ start: [JSONValue]) -> [JSONValue] {
        var current = start
        for step in steps {
            var next: [JSONValue] = []
            switch step {
            case .union(let names):
                for name in names { for v in current { if let x = v[name] { next.append(x) } } }
            case .indexes(let indexes):
                for i in indexes { for v in current { if case .array(let items) = v, let x = element(items, i) { next.append(x) } } }
            default:
                for v in current { next += apply(step, v) }
            }
            current = next
        }
        return current
    }

    private static func element(_ items: [JSONValue], _ i: Int) -> JSONValue? {
        let at = i < 0 ? items.count + i : i
        return items.indices.contains(at) ? items[at] : nil
    }

    private static func apply(_ step: Step, _ value: JSONValue) -> [JSONValue] {
        switch step {
        case .field(let name):
            if case .array(let items) = value, name.isEmpty { return items }
            return value[name].map { [$0] } ?? []
        case .wildcard:
            switch value {
            case .array(let items): return items
            case .object(let fields): return fields.map(\.1)
            default: return []
            }
        case .recursive:
            var all: [JSONValue] = [value]
            switch value {
            case .array(let items): for i in items { all += apply(.recursive, i) }
            case .object(let fields): for (_, v) in fields { all += apply(.recursive, v) }
            default: break
            }
            return all
        case .index(let i):
            guard case .array(let items) = value else { return [] }
            return element(items, i).map { [$0] } ?? []
        case .slice(let a, let b, let step):
            guard case .array(let items) = value else { return [] }
            let n = items.count
            func clamp(_ x: Int?, _ fallback: Int) -> Int {
                guard let x else { return fallback }
                return min(max(x < 0 ? n + x : x, 0), n)
            }
            let (from, to, by) = (clamp(a, 0), clamp(b, n), max(step ?? 1, 1))
            guard from < to else { return [] }
            return stride(from: from, to: to, by: by).map { items[$0] }
        case .filter(let condition):
            guard case .array(let items) = value else { return [] }
            return items.filter { holds(condition, $0) }
        case .union, .indexes:
            return evaluate([step], [value])
        }
    }

    private static func holds(_ c: Condition, _ item: JSONValue) -> Bool {
        let left = evaluate(c.left, [item])
        guard let op = c.op, let right = c.right else { return !left.isEmpty }
        let rights: [JSONValue]
        switch right {
        case .literal(let v): rights = [v]
        case .path(let steps): rights = evaluate(steps, [item])
        }
        return left.contains { l in rights.contains { r in compare(l, op, r) } }
    }

    private static func number(_ v: JSONValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    private static func compare(_ l: JSONValue, _ op: String, _ r: JSONValue) -> Bool {
        if let a = number(l), let b = number(r) {
            switch op {
            case "==": return a == b
            case "!=": return a != b
            case "<": return a < b
            case ">": return a > b
            case "<=": return a <= b
            case ">=": return a >= b
            default: return false
            }
        }
        switch op {
        case "==": return l == r
        case "!=": return l != r
        default: return false
        }
    }
}

/// The template grammar, read left to right.
private struct Parser {
    let chars: [Character]
    var i = 0
    let source: String

    init(_ text: String) {
        chars = Array(text)
        source = text
    }

    func fail(_ why: String) -> JSONPath.ParseError { JSONPath.ParseError(message: "error parsing jsonpath \(source), \(why)") }

    /// Text and `{…}` expressions, up to the end (or a `{end}` when inside a range).
    mutating func parts(untilEnd: Bool) throws -> [JSONPath.Part] {
        var found: [JSONPath.Part] = []
        var text = ""
        while i < chars.count {
            if chars[i] != "{" {
                text.append(chars[i])
                i += 1
                continue
            }
            if !text.isEmpty { found.append(.text(text)); text = "" }
            i += 1
            guard let close = closingBrace() else {
                let rest = Array(chars[i...])
                if let open = rest.firstIndex(of: "["), JSONPathSteps.matching(rest, from: open) == nil { throw fail("unterminated array") }
                throw fail("unclosed action")
            }
            let inside = String(chars[i..<close]).trimmingCharacters(in: .whitespaces)
            i = close + 1
            if inside == "end" {
                if untilEnd { return found }
                throw fail("not in range, nothing to end")
            }
            if inside.hasPrefix("range ") {
                let steps = try JSONPathSteps.parse(String(inside.dropFirst(6)).trimmingCharacters(in: .whitespaces), fail: fail)
                let body = try parts(untilEnd: true)
                found.append(.range(steps, body))
                continue
            }
            if let literal = Self.stringLiteral(inside) {
                found.append(.text(literal))
                continue
            }
            found.append(.path(try JSONPathSteps.parse(inside, fail: fail)))
        }
        if untilEnd { throw fail("unclosed range") }
        if !text.isEmpty { found.append(.text(text)) }
        return found
    }

    /// The `}` that closes the action at `i`, skipping quoted text.
    func closingBrace() -> Int? {
        var j = i
        var quote: Character?
        while j < chars.count {
            let c = chars[j]
            if let q = quote {
                if c == "\\" { j += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "}" {
                return j
            }
            j += 1
        }
        return nil
    }

    /// `"\n"`, `"text"`: a literal, with Go's escapes.
    static func stringLiteral(_ s: String) -> String? {
        guard s.count >= 2, s.first == "\"", s.last == "\"" else { return nil }
        var out = ""
        var escaped = false
        for c in s.dropFirst().dropLast() {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// One expression's steps: `.a.b[0]['c']..d[*][?(@.x=="y")]`.
enum JSONPathSteps {
    static func parse(_ text: String, fail: (String) -> JSONPath.ParseError) throws -> [JSONPath.Step] {
        let c = Array(text)
        var i = 0
        var steps: [JSONPath.Step] = []
        // `$` is the root; `@` the current item (in filters).
        if i < c.count, c[i] == "$" || c[i] == "@" { i += 1 }
        while i < c.count {
            if c[i] == "." {
                if i + 1 < c.count, c[i + 1] == "." {
                    steps.append(.recursive)
                    i += 2
                    continue
                }
                i += 1
                var name = ""
                while i < c.count, c[i] != ".", c[i] != "[" {
                    if c[i] == "\\", i + 1 < c.count { name.append(c[i + 1]); i += 2; continue }
                    name.append(c[i])
                    i += 1
                }
                if name == "*" { steps.append(.wildcard) } else if !name.isEmpty { steps.append(.field(name)) }
                continue
            }
            if c[i] == "[" {
                guard let close = matching(c, from: i) else { throw fail("unterminated array") }
                let inside = String(c[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                i = close + 1
                steps.append(try bracket(inside, fail: fail))
                continue
            }
            if c[i] == "*" { steps.append(.wildcard); i += 1; continue }
            // A bare name (`{range items[*]}`, `{metadata.name}`).
            var name = ""
            while i < c.count, c[i] != ".", c[i] != "[" { name.append(c[i]); i += 1 }
            steps.append(.field(name))
        }
        return steps
    }

    /// The `]` closing the bracket at `start` (nested brackets and quotes skipped).
    static func matching(_ c: [Character], from start: Int) -> Int? {
        var depth = 0
        var quote: Character?
        var j = start
        while j < c.count {
            let ch = c[j]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "'" || ch == "\"" {
                quote = ch
            } else if ch == "[" {
                depth += 1
            } else if ch == "]" {
                depth -= 1
                if depth == 0 { return j }
            }
            j += 1
        }
        return nil
    }

    static func bracket(_ s: String, fail: (String) -> JSONPath.ParseError) throws -> JSONPath.Step {
        if s == "*" { return .wildcard }
        if s.hasPrefix("?(") && s.hasSuffix(")") { return .filter(try condition(String(s.dropFirst(2).dropLast()), fail: fail)) }
        if s.hasPrefix("'") || s.hasPrefix("\"") {
            let names = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) }
            return names.count == 1 ? .field(names[0]) : .union(names)
        }
        if s.contains(":") {
            let bounds = s.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard bounds.count <= 3 else { throw fail("invalid array index \(s)") }
            var values: [Int?] = []
            for b in bounds {
                if b.isEmpty { values.append(nil); continue }
                guard let v = Int(b) else { throw fail("invalid array index \(s)") }
                values.append(v)
            }
            return .slice(values[0], values.count > 1 ? values[1] : nil, values.count > 2 ? values[2] : nil)
        }
        let parts = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let indexes = parts.compactMap { Int($0) }
        guard !parts.isEmpty, indexes.count == parts.count else { throw fail("invalid array index \(s)") }
        return indexes.count == 1 ? .index(indexes[0]) : .indexes(indexes)
    }

    static func condition(_ s: String, fail: (String) -> JSONPath.ParseError) throws -> JSONPath.Condition {
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            guard let r = s.range(of: op) else { continue }
            let left = try parse(s[..<r.lowerBound].trimmingCharacters(in: .whitespaces), fail: fail)
            let rightText = s[r.upperBound...].trimmingCharacters(in: .whitespaces)
            return JSONPath.Condition(left: left, op: op, right: try operand(rightText, fail: fail))
        }
        return JSONPath.Condition(left: try parse(s.trimmingCharacters(in: .whitespaces), fail: fail), op: nil, right: nil)
    }

    static func operand(_ s: String, fail: (String) -> JSONPath.ParseError) throws -> JSONPath.Operand {
        if s.hasPrefix("@") || s.hasPrefix("$") { return .path(try parse(s, fail: fail)) }
        if s.count >= 2, (s.first == "'" && s.last == "'") || (s.first == "\"" && s.last == "\"") {
            return .literal(.string(String(s.dropFirst().dropLast())))
        }
        if let i = Int(s) { return .literal(.int(i)) }
        if let d = Double(s) { return .literal(.double(d)) }
        if s == "true" || s == "false" { return .literal(.bool(s == "true")) }
        throw fail("unrecognized identifier \(s)")
    }
}
