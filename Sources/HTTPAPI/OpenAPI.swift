import Foundation
import APIServer
import KubeAPI
import YAML

/// The OpenAPI v3 documents kubectl reads: one per group version, with every resource's paths and the
/// `fieldValidation` parameter, so that `kubectl apply`/`create` hand field validation to the server
/// (which decodes strictly) as they do with kube-apiserver.
struct OpenAPIDocuments: Sendable {
    let v3Root: String
    private let byGroupVersion: [String: String]
    /// kubetutor serves v3 only; kubectl falls back to v2 only when v3 is missing.
    let v2 = APIError.pageNotFound().status.compactJSONString()

    init(registry: ResourceRegistry) {
        var docs: [String: String] = [:]
        var paths: [(String, JSONValue)] = []
        for gv in registry.groupVersions {
            let prefix = gv.group.isEmpty ? "api/\(gv.version)" : "apis/\(gv.group)/\(gv.version)"
            let doc = Self.document(registry, group: gv.group, version: gv.version).compactJSONString()
            docs[prefix] = doc
            let hash = Self.hash(doc)
            paths.append((prefix, .object([("serverRelativeURL", .string("/openapi/v3/\(prefix)?hash=\(hash)"))])))
        }
        v3Root = JSONValue.object([("paths", .object(paths))]).compactJSONString()
        byGroupVersion = docs
    }

    func v3(group: String, version: String) -> String? {
        byGroupVersion[group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"]
    }

    /// FNV-1a, as a stable cache key for the document (kube-apiserver uses a SHA-512 prefix).
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(format: "%016llX", h)
    }

    static func document(_ registry: ResourceRegistry, group: String, version: String) -> JSONValue {
        var paths: [(String, JSONValue)] = []
        let fieldValidation: JSONValue = .object([
            ("name", .string("fieldValidation")), ("in", .string("query")),
            ("description", .string("fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.")),
            ("schema", .object([("type", .string("string")), ("uniqueItems", .bool(true))])),
        ])
        for d in registry.definitions where d.resource.group == group && d.resource.version == version {
            let r = d.resource
            let gvk: JSONValue = .object([("group", .string(r.group)), ("kind", .string(r.kind)), ("version", .string(r.version))])
            let base = (r.group.isEmpty ? "/api/\(r.version)" : "/apis/\(r.group)/\(r.version)")
                + (r.namespaced ? "/namespaces/{namespace}/\(r.plural)" : "/\(r.plural)")
            let schemaRef: JSONValue = .object([("$ref", .string("#/components/schemas/\(Self.schemaName(r))"))])
            func operation(_ id: String, _ action: String, params: [JSONValue]) -> JSONValue {
                .object([
                    ("description", .string("\(action) a \(r.kind)")), ("operationId", .string(id)),
                    ("parameters", .array(params)),
                    ("responses", .object([("200", .object([("description", .string("OK")),
                        ("content", .object([("application/json", .object([("schema", schemaRef)]))]))]))])),
                    ("x-kubernetes-action", .string(action)), ("x-kubernetes-group-version-kind", gvk),
                ])
            }
            let id = r.kind
            paths.append((base, .object([
                ("get", operation("list\(id)", "list", params: [])),
                ("post", operation("create\(id)", "post", params: [fieldValidation])),
            ])))
            paths.append(("\(base)/{name}", .object([
                ("get", operation("read\(id)", "get", params: [])),
                ("put", operation("replace\(id)", "put", params: [fieldValidation])),
                ("patch", operation("patch\(id)", "patch", params: [fieldValidation])),
                ("delete", operation("delete\(id)", "delete", params: [])),
            ])))
        }
        let kinds = registry.definitions.map(\.resource).filter { $0.group == group && $0.version == version }
        let schemas = OpenAPISchemas.components(for: kinds)
        return .object([
            ("openapi", .string("3.0.0")),
            ("info", .object([("title", .string("Kubernetes")), ("version", .string("v1.32.0"))])),
            ("paths", .object(paths)),
            ("components", .object([("schemas", .object(schemas))])),
        ])
    }

    static func schemaName(_ r: ResourceKind) -> String { OpenAPISchemas.schemaName(r.kind, kind: r) }
}
