import YAML

/// RFC 6902 JSON patch (`application/json-patch+json`): add, remove, replace, move, copy, test,
/// with RFC 6901 pointers.
enum JSONPatch {
    struct Failure: Error { var message: String }

    static func apply(_ patch: JSONValue, to document: JSONValue) throws -> JSONValue {
        guard case .array(let operations) = patch else {
            throw Failure(message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        var doc = document
        for op in operations {
            guard case .string(let name)? = op["op"] else { throw Failure(message: "Unexpected kind: unknown") }
            guard case .string(let path)? = op["path"] else { throw Failure(message: "operation missing path") }
            let pointer = try parse(path)
            switch name {
            case "add":
                guard let newValue = op["value"] else { throw Failure(message: "add operation does not apply: doc is missing path: \"\(path)\": missing value") }
                doc = try add(newValue, at: pointer, in: doc)
            case "remove":
                doc = try remove(at: pointer, in: doc, path: path)
            case "replace":
                guard let newValue = op["value"] else { throw Failure(message: "replace operation does not apply: doc is missing value") }
                _ = try value(at: pointer, in: doc, path: path)
                doc = try remove(at: pointer, in: doc, path: path)
                doc = try add(newValue, at: pointer, in: doc)
            case "move", "copy":
                guard case .string(let from)? = op["from"] else { throw Failure(message: "\(name) operation missing from") }
                let source = try parse(from)
                let moved = try value(at: source, in: doc, path: from)
                if name == "move" { doc = try remove(at: source, in: doc, path: from) }
                doc = try add(moved, at: pointer, in: doc)
            case "test":
                let expected = op["value"] ?? .null
                guard try value(at: pointer, in: doc, path: path) == expected else { throw Failure(message: "testing value \(path) failed: test failed") }
            default:
                throw Failure(message: "Unexpected kind: \(name)")
            }
        }
        return doc
    }

    static func parse(_ path: String) throws -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw Failure(message: "JSON pointer must be empty or start with a \"/\": \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func value(at pointer: [String], in doc: JSONValue, path: String) throws -> JSONValue {
        var current = doc
        for token in pointer {
            switch current {
            case .object(let fields):
                guard let v = fields.first(where: { $0.0 == token })?.1 else { throw missing(path) }
                current = v
            case .array(let items):
                guard let i = Int(token), i >= 0, i < items.count else { throw missing(path) }
                current = items[i]
            default:
                throw missing(path)
            }
        }
        return current
    }

    private static func missing(_ path: String) -> Failure { Failure(message: "doc is missing path: \"\(path)\": missing value") }

    static func add(_ value: JSONValue, at pointer: [String], in doc: JSONValue) throws -> JSONValue {
        guard let head = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch doc {
        case .object(var fields):
            if rest.isEmpty {
                if let i = fields.firstIndex(where: { $0.0 == head }) { fields[i].1 = value } else { fields.append((head, value)) }
            } else {
                guard let i = fields.firstIndex(where: { $0.0 == head }) else { throw Failure(message: "add operation does not apply: doc is missing path: \"/\(pointer.joined(separator: "/"))\": missing value") }
                fields[i].1 = try add(value, at: rest, in: fields[i].1)
            }
            return .object(fields)
        case .array(var items):
            if rest.isEmpty {
                if head == "-" { items.append(value); return .array(items) }
                guard let i = Int(head), i >= 0, i <= items.count else { throw Failure(message: "add operation does not apply: index out of range") }
                items.insert(value, at: i)
            } else {
                guard let i = Int(head), i >= 0, i < items.count else { throw Failure(message: "add operation does not apply: index out of range") }
                items[i] = try add(value, at: rest, in: items[i])
            }
            return .array(items)
        default:
            throw Failure(message: "add operation does not apply: doc is missing path")
        }
    }

    static func remove(at pointer: [String], in doc: JSONValue, path: String) throws -> JSONValue {
        guard let head = pointer.first else { return .null }
        let rest = Array(pointer.dropFirst())
        switch doc {
        case .object(var fields):
            guard let i = fields.firstIndex(where: { $0.0 == head }) else { throw Failure(message: "remove operation does not apply: doc is missing path: \"\(path)\": missing value") }
            if rest.isEmpty { fields.remove(at: i) } else { fields[i].1 = try remove(at: rest, in: fields[i].1, path: path) }
            return .object(fields)
        case .array(var items):
            guard let i = Int(head), i >= 0, i < items.count else { throw Failure(message: "remove operation does not apply: doc is missing path: \"\(path)\": missing value") }
            if rest.isEmpty { items.remove(at: i) } else { items[i] = try remove(at: rest, in: items[i], path: path) }
            return .array(items)
        default:
            throw Failure(message: "remove operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
    }
}
