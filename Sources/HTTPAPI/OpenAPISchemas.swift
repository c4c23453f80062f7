import APIServer
import KubeAPI
import YAML

/// The `components.schemas` of an OpenAPI v3 document, generated from the field docs that the
/// shell's own `kubectl explain` reads, in kube-apiserver's shapes: a reference to another type as
/// `allOf: [{$ref}]`, lists as `items`, maps as `additionalProperties`. The real kubectl's explain
/// template walks exactly these, so its output and the shell's are the same text.
enum OpenAPISchemas {
    /// The schemas reachable from the kinds served under one group version.
    static func components(for kinds: [ResourceKind]) -> [(String, JSONValue)] {
        var names: [String] = []
        var seen: Set<String> = []
        func visit(_ type: String) {
            guard seen.insert(type).inserted, let doc = FieldDocs.types[type] else { return }
            names.append(type)
            for field in doc.fields { if let nested = referencedType(field.type) { visit(nested) } }
        }
        for kind in kinds { visit(kind.kind) }
        let byKind = Dictionary(kinds.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        return names.compactMap { name in
            guard let doc = FieldDocs.types[name] else { return nil }
            var schema: [(String, JSONValue)] = [("description", .string(doc.description))]
            let properties = doc.fields.map { ($0.name, property($0, byKind)) }
            if !properties.isEmpty { schema.append(("properties", .object(properties))) }
            let required = doc.fields.filter(\.required).map { JSONValue.string($0.name) }
            if !required.isEmpty { schema.append(("required", .array(required))) }
            schema.append(("type", .string("object")))
            if let kind = byKind[name] {
                schema.append(("x-kubernetes-group-version-kind", .array([.object([
                    ("group", .string(kind.group)), ("kind", .string(kind.kind)), ("version", .string(kind.version)),
                ])])))
            }
            return (schemaName(name, kind: byKind[name]), .object(schema))
        }
    }

    /// `io.k8s.api.core.v1.PodSpec`; explain shows only the part after the last dot.
    static func schemaName(_ type: String, kind: ResourceKind? = nil) -> String {
        if let kind { return "io.k8s.api.\(kind.group.isEmpty ? "core" : kind.group).\(kind.version).\(kind.kind)" }
        if metaTypes.contains(type) { return "io.k8s.apimachinery.pkg.apis.meta.v1.\(type)" }
        return "io.k8s.api.core.v1.\(type)"
    }

    private static let metaTypes: Set<String> = ["ObjectMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference"]

    /// The documented type a field's type names (`[]Container` → `Container`), if it has fields.
    static func referencedType(_ type: String) -> String? {
        var base = type
        if base.hasPrefix("[]") { base = String(base.dropFirst(2)) }
        if base.hasPrefix("map[string]") { base = String(base.dropFirst("map[string]".count)) }
        return FieldDocs.types[base] == nil ? nil : base
    }

    private static func property(_ field: FieldDoc, _ kinds: [String: ResourceKind]) -> JSONValue {
        var schema = valueSchema(field.type, kinds)
        schema.insert(("description", .string(field.description)), at: 0)
        return .object(schema)
    }

    /// The schema of a value of `type`, without a description.
    private static func valueSchema(_ type: String, _ kinds: [String: ResourceKind]) -> [(String, JSONValue)] {
        if type.hasPrefix("[]") {
            return [("items", .object(valueSchema(String(type.dropFirst(2)), kinds))), ("type", .string("array"))]
        }
        if type.hasPrefix("map[string]") {
            return [("additionalProperties", .object(valueSchema(String(type.dropFirst("map[string]".count)), kinds))),
                    ("type", .string("object"))]
        }
        if FieldDocs.types[type] != nil {
            let ref: JSONValue = .object([("$ref", .string("#/components/schemas/\(schemaName(type, kind: kinds[type]))"))])
            return [("allOf", .array([ref])), ("default", .object([]))]
        }
        // string, integer, boolean, and the scalar types explain names as they are (Quantity, IntOrString).
        return [("type", .string(type))]
    }
}
