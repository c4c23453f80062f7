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

    static func validateCreate(_ o: APIObject) -> [FieldError] { [] }
    static func validateUpdate(_ new: APIObject, old: APIObject) -> [FieldError] { [] }
}

/// A parsed `-l` selector.
struct LabelSelectorQuery {
    var text: String
    func matches(_ labels: [String: String]) -> Bool {
        text.split(separator: ",").allSatisfy { part in
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            return kv.count == 2 ? labels[kv[0]] == kv[1] : labels[kv[0]] != nil
        }
    }
}

enum LabelSelectorParser {
    static func parse(_ text: String) throws -> LabelSelectorQuery { LabelSelectorQuery(text: text) }
}
