import Foundation
import KubeAPI
import YAML

/// Decodes Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`, what kubectl's
/// typed clients send) into the JSON the API layer takes, driven by the field table of Kubernetes'
/// generated.proto files (`ProtoSchemaData`). The envelope is the 4-byte magic `k8s\0` and a
/// `runtime.Unknown` whose `raw` holds the object's message.
enum ProtoDecoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Field {
        var name: String
        var type: String
        var repeated: Bool
    }

    /// The table, parsed once.
    static let schema: [String: [Int: Field]] = {
        var result: [String: [Int: Field]] = [:]
        for (message, text) in ProtoSchemaData.messages {
            var fields: [Int: Field] = [:]
            for entry in text.split(separator: ";") {
                let parts = entry.split(separator: ":", maxSplits: 2).map(String.init)
                guard parts.count == 3, let number = Int(parts[0]) else { continue }
                var type = parts[2]
                let repeated = type.hasSuffix("*")
                if repeated { type.removeLast() }
                fields[number] = Field(name: parts[1], type: type, repeated: repeated)
            }
            result[message] = fields
        }
        return result
    }()

    /// Zero values a gogo-protobuf encoder writes for plain (non-pointer) Go fields, which JSON would
    /// omit; these pointer fields are the exceptions where 0 or false was written on purpose.
    static let meaningfulZeros: Set<String> = [
        "replicas", "enableServiceLinks", "automountServiceAccountToken", "runAsNonRoot", "readOnlyRootFilesystem",
        "privileged", "allowPrivilegeEscalation", "runAsUser", "runAsGroup", "fsGroup", "terminationGracePeriodSeconds",
        "activeDeadlineSeconds", "revisionHistoryLimit", "progressDeadlineSeconds", "gracePeriodSeconds", "orphanDependents",
        "readOnly", "optional", "defaultMode", "mode", "hostUsers", "shareProcessNamespace", "setHostnameAsFQDN",
    ]

    static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    /// The object in a protobuf body, as JSON with `apiVersion` and `kind`.
    static func decodeBody(_ bytes: [UInt8]) throws -> JSONValue {
        guard bytes.count >= 4, Array(bytes[0..<4]) == magic else { throw Failure(description: "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]") }
        var reader = Reader(bytes: bytes[4...])
        var apiVersion = "", kind = ""
        var raw: ArraySlice<UInt8> = []
        while let (number, wire) = try reader.tag() {
            switch (number, wire) {
            case (1, 2):
                var meta = Reader(bytes: try reader.lengthDelimited())
                while let (n, w) = try meta.tag() {
                    if w == 2, n == 1 { apiVersion = String(decoding: try meta.lengthDelimited(), as: UTF8.self) }
                    else if w == 2, n == 2 { kind = String(decoding: try meta.lengthDelimited(), as: UTF8.self) }
                    else { try meta.skip(w) }
                }
            case (2, 2): raw = try reader.lengthDelimited()
            default: try reader.skip(wire)
            }
        }
        guard !kind.isEmpty, let message = messageName(apiVersion: apiVersion, kind: kind) else {
            throw Failure(description: "no kind \(goQuoted(kind)) is registered for version \(goQuoted(apiVersion))")
        }
        guard case .object(let fields) = try decodeMessage(raw, message) else { throw Failure(description: "not an object") }
        return .object([("apiVersion", .string(apiVersion)), ("kind", .string(kind))] + fields)
    }

    static func messageName(apiVersion: String, kind: String) -> String? {
        let parts = apiVersion.split(separator: "/").map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("core", parts.first ?? "")
        let candidates = [
            "k8s.io.api.\(group.replacingOccurrences(of: ".k8s.io", with: "")).\(version).\(kind)",
            "k8s.io.apimachinery.pkg.apis.meta.\(version).\(kind)",
        ]
        return candidates.first { schema[$0] != nil }
    }

    static func decodeMessage(_ bytes: ArraySlice<UInt8>, _ message: String) throws -> JSONValue {
        switch message {
        case "k8s.io.apimachinery.pkg.apis.meta.v1.Time", "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime":
            return try time(bytes, micro: message.hasSuffix("MicroTime"))
        case "k8s.io.apimachinery.pkg.api.resource.Quantity":
            var r = Reader(bytes: bytes)
            var text = ""
            while let (n, w) = try r.tag() { if n == 1, w == 2 { text = String(decoding: try r.lengthDelimited(), as: UTF8.self) } else { try r.skip(w) } }
            return .string(text)
        case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
            var r = Reader(bytes: bytes)
            var type: UInt64 = 0, int: Int = 0, string = ""
            while let (n, w) = try r.tag() {
                switch (n, w) {
                case (1, 0): type = try r.varint()
                case (2, 0): int = Int(Int32(truncatingIfNeeded: try r.varint()))
                case (3, 2): string = String(decoding: try r.lengthDelimited(), as: UTF8.self)
                default: try r.skip(w)
                }
            }
            return type == 1 ? .string(string) : .int(int)
        case "k8s.io.apimachinery.pkg.runtime.RawExtension", "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1":
            var r = Reader(bytes: bytes)
            var raw: ArraySlice<UInt8> = []
            while let (n, w) = try r.tag() { if n == 1, w == 2 { raw = try r.lengthDelimited() } else { try r.skip(w) } }
            guard let text = String(bytes: raw, encoding: .utf8), let doc = try? parseYAML(text).first else { return .null }
            return (try? doc.toJSONValue()) ?? .null
        default:
            break
        }
        guard let fields = schema[message] else { throw Failure(description: "unknown protobuf message \(message)") }
        var reader = Reader(bytes: bytes)
        var out: [(String, JSONValue)] = []
        func put(_ name: String, _ value: JSONValue, repeated: Bool) {
            if repeated {
                if let i = out.firstIndex(where: { $0.0 == name }), case .array(let items) = out[i].1 {
                    out[i].1 = .array(items + [value])
                } else {
                    out.append((name, .array([value])))
                }
            } else if let i = out.firstIndex(where: { $0.0 == name }) {
                out[i].1 = value
            } else {
                out.append((name, value))
            }
        }
        while let (number, wire) = try reader.tag() {
            guard let field = fields[number] else {
                try reader.skip(wire)
                continue
            }
            if field.type.hasPrefix("map<") {
                let valueType = String(field.type.dropFirst("map<string,".count).dropLast())
                var entry = Reader(bytes: try reader.lengthDelimited())
                var key = ""
                var value: JSONValue = valueType == "string" ? .string("") : .object([])
                while let (n, w) = try entry.tag() {
                    if n == 1, w == 2 { key = String(decoding: try entry.lengthDelimited(), as: UTF8.self) }
                    else if n == 2 { value = try scalarOrMessage(&entry, w, valueType) }
                    else { try entry.skip(w) }
                }
                if let i = out.firstIndex(where: { $0.0 == field.name }), case .object(var m) = out[i].1 {
                    m.append((key, value))
                    out[i].1 = .object(m)
                } else {
                    out.append((field.name, .object([(key, value)])))
                }
                continue
            }
            if field.repeated, wire == 2, ["int32", "int64", "bool", "double"].contains(field.type) {
                // Packed repeated scalars.
                var packed = Reader(bytes: try reader.lengthDelimited())
                while !packed.atEnd { put(field.name, try scalarOrMessage(&packed, field.type == "double" ? 1 : 0, field.type), repeated: true) }
                continue
            }
            put(field.name, try scalarOrMessage(&reader, wire, field.type), repeated: field.repeated)
        }
        return .object(out.filter { keep($0.0, $0.1) })
    }

    /// Drops what JSON would have omitted (see `meaningfulZeros`).
    private static func keep(_ name: String, _ value: JSONValue) -> Bool {
        if name == "managedFields" { return false }
        switch value {
        case .null: return false
        case .string(let s): return !s.isEmpty
        case .int(let i): return i != 0 || meaningfulZeros.contains(name)
        case .bool(let b): return b || meaningfulZeros.contains(name)
        case .double(let d): return d != 0 || meaningfulZeros.contains(name)
        default: return true
        }
    }

    private static func scalarOrMessage(_ r: inout Reader, _ wire: Int, _ type: String) throws -> JSONValue {
        switch type {
        case "string": return .string(String(decoding: try r.lengthDelimited(), as: UTF8.self))
        case "bytes": return .string(Data(try r.lengthDelimited()).base64EncodedString())
        case "bool": return .bool(try r.varint() != 0)
        case "int32": return .int(Int(Int32(truncatingIfNeeded: try r.varint())))
        case "int64": return .int(Int(Int64(bitPattern: try r.varint())))
        case "uint32", "uint64": return .int(Int(truncatingIfNeeded: try r.varint()))
        case "double":
            guard wire == 1 else { throw Failure(description: "bad wire type for double") }
            return .double(Double(bitPattern: try r.fixed64()))
        default:
            guard wire == 2 else { throw Failure(description: "bad wire type \(wire) for \(type)") }
            return try decodeMessage(try r.lengthDelimited(), type)
        }
    }

    private static func time(_ bytes: ArraySlice<UInt8>, micro: Bool) throws -> JSONValue {
        var r = Reader(bytes: bytes)
        var seconds: Int64 = 0, nanos: Int32 = 0
        while let (n, w) = try r.tag() {
            if n == 1, w == 0 { seconds = Int64(bitPattern: try r.varint()) }
            else if n == 2, w == 0 { nanos = Int32(truncatingIfNeeded: try r.varint()) }
            else { try r.skip(w) }
        }
        // Go's zero time (year 1) is how an unset time travels.
        if seconds <= -62135596800 { return .null }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanos) / 1e9)
        return .string(formatRFC3339(date))
    }

    /// Protobuf wire-format reading, bounds-checked: a truncated message is an error, never a crash.
    struct Reader {
        var bytes: ArraySlice<UInt8>
        var atEnd: Bool { bytes.isEmpty }

        mutating func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let b = bytes.first {
                bytes = bytes.dropFirst()
                result |= UInt64(b & 0x7f) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                if shift >= 64 { throw Failure(description: "varint overflow") }
            }
            throw Failure(description: "unexpected end of protobuf data")
        }

        mutating func tag() throws -> (Int, Int)? {
            if bytes.isEmpty { return nil }
            let key = try varint()
            guard key >> 3 > 0, key >> 3 < 1 << 29 else { throw Failure(description: "bad protobuf field number") }
            return (Int(key >> 3), Int(key & 7))
        }

        mutating func lengthDelimited() throws -> ArraySlice<UInt8> {
            let length = try varint()
            guard length <= UInt64(bytes.count) else { throw Failure(description: "unexpected end of protobuf data") }
            let start = bytes.startIndex
            let part = bytes[start..<start + Int(length)]
            bytes = bytes[(start + Int(length))...]
            return part
        }

        mutating func fixed64() throws -> UInt64 {
            guard bytes.count >= 8 else { throw Failure(description: "unexpected end of protobuf data") }
            var v: UInt64 = 0
            for (i, b) in bytes.prefix(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
            bytes = bytes.dropFirst(8)
            return v
        }

        mutating func skip(_ wire: Int) throws {
            switch wire {
            case 0: _ = try varint()
            case 1: _ = try fixed64()
            case 2: _ = try lengthDelimited()
            case 5:
                guard bytes.count >= 4 else { throw Failure(description: "unexpected end of protobuf data") }
                bytes = bytes.dropFirst(4)
            default: throw Failure(description: "unsupported protobuf wire type \(wire)")
            }
        }
    }
}
