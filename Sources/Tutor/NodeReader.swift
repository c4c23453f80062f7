import YAML

/// Reads a YAML node tree the way lesson files are shaped, collecting problems instead of stopping
/// at the first one, so that `lessons lint` reports every issue of a file at once.
struct NodeReader {
    let file: String
    private(set) var issues: [LessonIssue] = []

    init(file: String) { self.file = file }

    mutating func problem(_ message: String, at mark: Mark) {
        issues.append(LessonIssue(file: file, mark: mark, message: message))
    }

    /// The key/value pairs of a mapping with scalar keys; reports anything else.
    mutating func mapping(_ node: Node, _ what: String) -> [(key: String, value: Node, mark: Mark)]? {
        guard case .mapping(let pairs, _) = node else {
            problem("\(what) must be a mapping", at: node.mark)
            return nil
        }
        var result: [(key: String, value: Node, mark: Mark)] = []
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                problem("\(what): keys must be plain words", at: pair.key.mark)
                continue
            }
            result.append((key, pair.value, pair.key.mark))
        }
        return result
    }

    /// A mapping's fields by name, reporting unknown ones (typos would otherwise be silently ignored).
    mutating func fields(_ node: Node, _ what: String, allowed: [String]) -> [String: Node] {
        var out: [String: Node] = [:]
        for (key, value, mark) in mapping(node, what) ?? [] {
            if allowed.contains(key) {
                out[key] = value
            } else {
                problem("\(what): unknown field \"\(key)\" (known: \(allowed.joined(separator: ", ")))", at: mark)
            }
        }
        return out
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node] {
        if case .sequence(let items, _) = node { return items }
        problem("\(what) must be a list", at: node.mark)
        return []
    }

    mutating func string(_ node: Node?, _ what: String, at fallback: Mark) -> String? {
        guard let node else {
            problem("\(what) is missing", at: fallback)
            return nil
        }
        guard let text = node.scalarText, !node.isNull else {
            problem("\(what) must be a text", at: node.mark)
            return nil
        }
        return text
    }

    mutating func int(_ node: Node, _ what: String) -> Int? {
        guard let text = node.scalarText, let value = Int(text) else {
            problem("\(what) must be a whole number", at: node.mark)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalarText?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            problem("\(what) must be true or false", at: node.mark)
            return nil
        }
    }

    /// `{en: …, ja: …}`; every language of `Language.allCases` must be there and non-empty.
    mutating func localized(_ node: Node?, _ what: String, at fallback: Mark) -> Localized? {
        guard let node else {
            problem("\(what) is missing", at: fallback)
            return nil
        }
        guard case .mapping = node else {
            problem("\(what) must have one text per language (\(Language.allCases.map { "\($0.rawValue):" }.joined(separator: " ")))", at: node.mark)
            return nil
        }
        var texts: [String: String] = [:]
        for (key, value) in fields(node, what, allowed: Language.allCases.map(\.rawValue)) {
            if let text = string(value, "\(what).\(key)", at: node.mark) { texts[key] = text }
        }
        let localized = Localized(texts)
        for language in localized.missingLanguages {
            problem("\(what): missing translation \"\(language.rawValue)\"", at: node.mark)
        }
        return localized
    }
}
