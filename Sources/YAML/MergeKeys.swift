/// YAML 1.1 merge keys (`<<: *defaults`), which go-yaml and therefore kubectl honour.
enum MergeKeys {
    /// The mapping's entries with every `<<` entry replaced by the entries it merges in.
    /// Keys written explicitly win over merged ones, and earlier merged mappings win over later ones,
    /// as the merge-key spec says. Merged entries take the place of the `<<` entry.
    static func apply(to entries: [(key: Node, value: Node)]) throws -> [(key: Node, value: Node)] {
        guard entries.contains(where: { isMergeKey($0.key) }) else { return entries }
        var explicit: Set<String> = []
        for entry in entries where !isMergeKey(entry.key) {
            if let text = entry.key.scalarText { explicit.insert(text) }
        }
        var merged: Set<String> = []
        var result: [(key: Node, value: Node)] = []
        for entry in entries {
            guard isMergeKey(entry.key) else {
                result.append(entry)
                continue
            }
            for source in try mappings(mergedBy: entry.value) {
                for candidate in source {
                    if let text = candidate.key.scalarText {
                        guard !explicit.contains(text), merged.insert(text).inserted else { continue }
                    }
                    result.append(candidate)
                }
            }
        }
        return result
    }

    private static func isMergeKey(_ node: Node) -> Bool {
        if case .scalar("<<", .plain, _) = node { return true }
        return false
    }

    /// The mappings a `<<` value names: one mapping, or a sequence of mappings.
    private static func mappings(mergedBy value: Node) throws -> [[(key: Node, value: Node)]] {
        switch value {
        case .mapping(let entries, _):
            return [entries]
        case .sequence(let items, _):
            return try items.map { item in
                guard case .mapping(let entries, _) = item else { throw mergeError(at: item.mark) }
                return entries
            }
        case .scalar:
            throw mergeError(at: value.mark)
        }
    }

    private static func mergeError(at mark: Mark) -> YAMLError {
        YAMLError(kind: .composer, problem: "map merge requires map or sequence of maps as the value", mark: mark, goYAMLLine: 0)
    }
}
