import Foundation
import KubeAPI
import YAML

// The seam between kubectl and the KubeAPI/YAML modules: decoding, validation, encoding, selectors.
// INTEGRATION: placeholders until the KubeAPI decoder/encoder land.

/// A decoded manifest document and where it came from.
struct LoadedObject {
    var object: APIObject
    /// Field path → position, to point validation errors at a line and column.
    var marks: [String: Mark]
    var node: YAML.Node
    var source: String
}

enum ObjectCodec {
    static func encode(_ o: APIObject) -> JSONValue { KubeAPI.encode(o) }

    /// kubectl's `List` wrapper for several objects.
    static func list(_ objects: [APIObject]) -> JSONValue {
        .object([("apiVersion", .string("v1")), ("items", .array(objects.map(encode))), ("kind", .string("List")),
                 ("metadata", .object([("resourceVersion", .string(""))]))])
    }

    static func yaml(_ v: JSONValue) -> String { emitYAML(v) }

    /// Decodes a manifest document (no defaults: what the user wrote).
    static func decode(_ node: YAML.Node) throws -> DecodedManifest { try decodeManifest(node) }

    static func validateCreate(_ o: APIObject) -> [FieldError] { validate(o) }

    /// What an apply makes of `old`: the three-way merge of the live object, the manifest and the
    /// last applied configuration, keeping identity and status. Validate it with `validateUpdate`.
    static func applied(manifest node: YAML.Node, config: String, lastApplied: String?, over old: APIObject) throws -> APIObject {
        var live = encode(old)
        if case .object(var fields) = live {
            fields.removeAll { $0.0 == "status" }
            live = .object(fields)
        }
        let manifest = try node.toJSONValue()
        let last = lastApplied.flatMap { try? parseYAML($0).first?.toJSONValue() }
        var new = try KubeAPI.decode(ApplyMerge.merge(live: live, manifest: manifest, lastApplied: last))
        setDefaults(&new)
        new.metadata.annotations[ApplyVerb.lastApplied] = config
        switch (new, old) {
        case (.pod(var p), .pod(let o)):
            p.status = o.status
            return .pod(p)
        case (.deployment(var d), .deployment(let o)):
            d.status = o.status
            return .deployment(d)
        case (.replicaSet(var r), .replicaSet(let o)):
            r.status = o.status
            return .replicaSet(r)
        default:
            return new
        }
    }
}

/// A parsed `-l` selector.
typealias LabelSelectorQuery = Selector

enum LabelSelectorParser {
    static func parse(_ text: String) throws -> Selector {
        do {
            return try Selector.parse(text)
        } catch let e as SelectorParseError {
            throw KubectlError("error: \(e)")
        }
    }
}
