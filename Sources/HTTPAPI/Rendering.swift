import Foundation
import APIServer
import KubeAPI
import YAML

/// How objects travel over HTTP: JSON objects, `<Kind>List`s, and `meta.k8s.io/v1` Tables.
enum Rendering {
    static func list(_ list: ObjectList) -> JSONValue {
        var meta: [(String, JSONValue)] = [("resourceVersion", .string(list.resourceVersion))]
        if !list.continueToken.isEmpty { meta.append(("continue", .string(list.continueToken))) }
        if let remaining = list.remainingItemCount { meta.append(("remainingItemCount", .int(remaining))) }
        return .object([
            ("kind", .string("\(list.resource.kind)List")), ("apiVersion", .string(list.resource.apiVersion)),
            ("metadata", .object(meta)), ("items", .array(list.items.map(KubeAPI.encode))),
        ])
    }

    /// What a Table row carries of its object (`includeObject`: None, Metadata, Object).
    enum IncludeObject: String {
        case none = "None", metadata = "Metadata", object = "Object"
    }

    static func table(_ definition: ResourceDefinition, _ objects: [APIObject], now: Date, resourceVersion: String,
                      continueToken: String = "", include: IncludeObject) -> JSONValue {
        let table = definition.table(objects, now)
        let columns: [JSONValue] = definition.tableColumns.map { column in
            .object([
                ("name", .string(column.name)), ("type", .string(column.type)), ("format", .string(column.format)),
                ("description", .string(column.description)), ("priority", .int(column.wideOnly ? 1 : 0)),
            ])
        }
        var rows: [JSONValue] = []
        for (row, object) in zip(table.rows, objects) {
            var fields: [(String, JSONValue)] = [("cells", .array(row.cells.map(JSONValue.string)))]
            switch include {
            case .none: break
            case .object: fields.append(("object", KubeAPI.encode(object)))
            case .metadata:
                fields.append(("object", .object([
                    ("kind", .string("PartialObjectMetadata")), ("apiVersion", .string("meta.k8s.io/v1")),
                    ("metadata", KubeAPI.encodeMetadata(object)),
                ])))
            }
            rows.append(.object(fields))
        }
        var meta: [(String, JSONValue)] = [("resourceVersion", .string(resourceVersion))]
        if !continueToken.isEmpty { meta.append(("continue", .string(continueToken))) }
        return .object([
            ("kind", .string("Table")), ("apiVersion", .string("meta.k8s.io/v1")), ("metadata", .object(meta)),
            ("columnDefinitions", .array(columns)), ("rows", .array(rows)),
        ])
    }

    static func success(_ resource: ResourceKind, _ object: APIObject) -> JSONValue {
        var details: [(String, JSONValue)] = [("name", .string(object.name))]
        if !resource.group.isEmpty { details.append(("group", .string(resource.group))) }
        details.append(("kind", .string(resource.plural)))
        details.append(("uid", .string(object.metadata.uid)))
        return .object([
            ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
            ("status", .string("Success")), ("details", .object(details)),
        ])
    }
}
