/// The YAML module's entry points.
///
/// - `parseYAML(_:)`: text → one `Node` per non-empty document, errors as `YAMLError` worded like kubectl.
/// - `Node.toJSONValue()`: a node typed the way kubectl's YAML→JSON conversion types it (go-yaml, YAML 1.1).
/// - `emitYAML(_:)`: a `JSONValue` printed like `kubectl -o yaml`.
/// - `JSONValue.jsonString()`: a `JSONValue` printed like `kubectl -o json`.

/// Parses a YAML stream into one node per non-empty document.
///
/// Documents are cut at `---` lines first, as kubectl does, so error line numbers (`YAMLError.goYAMLLine`)
/// match kubectl's; node marks and `YAMLError.mark` are positions in the whole `text`.
/// Aliases are replaced by copies of their anchored node; a `<<` merge key folds the merged mappings in.
/// - Throws: `YAMLError`.
public func parseYAML(_ text: String) throws -> [Node] {
    var nodes: [Node] = []
    for chunk in try splitDocuments(Array(text.utf8)) {
        for node in try EventParser.parse(chunk) where !node.isNull {
            nodes.append(node)
        }
    }
    return nodes
}
