import KubeAPI

/// One field of an API type as `kubectl explain` shows it.
public struct FieldDoc: Equatable, Sendable {
    public let name: String
    /// As kubectl prints it between `<` and `>`: `string`, `integer`, `[]Container`, `map[string]string`.
    public let type: String
    public let required: Bool
    public let description: String

    /// The API type this field holds (element type for lists), when it is one with fields of its own.
    public var typeName: String? {
        let base = type.hasPrefix("[]") ? String(type.dropFirst(2)) : type
        return FieldDocs.types[base] == nil ? nil : base
    }
    public var isList: Bool { type.hasPrefix("[]") }
}

/// An API type (struct) with its fields in the order kubetutor's schemas declare them.
public struct TypeDoc: Equatable, Sendable {
    public let name: String
    public let description: String
    public let fields: [FieldDoc]

    public func field(_ name: String) -> FieldDoc? { fields.first { $0.name == name } }
}

/// kubetutor's own field reference, written for learners; the offline source of `kubectl explain`
/// and of the quiz's "did you mean" suggestions. Its field lists mirror the KubeAPI decoding schemas
/// (a test compares them), so everything kubetutor decodes is documented.
///
/// Text format, one block per type:
///
///     # TypeName: what the type is.
///     fieldName <type> description      (`<type>!` marks a required field)
public enum FieldDocs {
    public static let types: [String: TypeDoc] = {
        var all: [String: TypeDoc] = [:]
        for text in [metaFieldDocs, podFieldDocs, workloadFieldDocs, nodeEventFieldDocs, namespaceFieldDocs] {
            for doc in parse(text) { all[doc.name] = doc }
        }
        return all
    }()

    /// The top-level type of a resource kind (`Pod`, `Deployment`).
    public static func type(for kind: ResourceKind) -> TypeDoc? { types[kind.kind] }

    /// Follows `path` (`["spec", "containers"]`) from a type. Nil when a name is not a field.
    /// Returns the last field and the type it holds (nil for a scalar or map).
    public static func resolve(_ path: [String], from root: TypeDoc) -> (field: FieldDoc, type: TypeDoc?)? {
        var current: TypeDoc? = root
        var last: FieldDoc?
        for name in path {
            guard let field = current?.field(name) else { return nil }
            last = field
            current = field.typeName.flatMap { types[$0] }
        }
        return last.map { ($0, current) }
    }

    /// Parses the text format above. Lines that fit no rule are skipped (a test checks the count).
    static func parse(_ text: String) -> [TypeDoc] {
        var docs: [TypeDoc] = []
        var name = "", description = "", fields: [FieldDoc] = []
        func flush() {
            if !name.isEmpty { docs.append(TypeDoc(name: name, description: description, fields: fields)) }
            name = ""; description = ""; fields = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            if line.hasPrefix("# ") {
                flush()
                let body = line.dropFirst(2)
                guard let colon = body.firstIndex(of: ":") else { continue }
                name = String(body[..<colon])
                description = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let open = line.firstIndex(of: "<"), let close = line.firstIndex(of: ">"), open < close else { continue }
            let fieldName = line[..<open].trimmingCharacters(in: .whitespaces)
            let type = String(line[line.index(after: open)..<close])
            var rest = line[line.index(after: close)...]
            let required = rest.first == "!"
            if required { rest = rest.dropFirst() }
            fields.append(FieldDoc(name: fieldName, type: type, required: required,
                                   description: rest.trimmingCharacters(in: .whitespaces)))
        }
        flush()
        return docs
    }
}
