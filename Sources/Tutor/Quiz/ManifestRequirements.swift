import YAML

/// How to find a value in an answer: a mapping key, or a list element picked by an identifying field
/// (`name`, `containerPort`, `key`) so that list order is free, or by position when it has none.
enum PathStep: Equatable {
    case key(String)
    case element(matchKey: String?, matchValue: JSONValue?, index: Int)
    /// A container's `command` followed by its `args`: ["sh", "-c", "x"] may be split either way.
    case commandLine
}

/// One field the model answer writes, which an answer must write with the same value.
struct Requirement {
    var steps: [PathStep]
    var value: JSONValue
    /// Where the model writes it (for marking the model answer).
    var modelLine: Int
    /// For `commandLine`: whether the model sets `command` (the image's entrypoint is replaced).
    var setsCommand = false

    /// `spec.containers[0].image`, with the model's index.
    var path: String {
        var s = ""
        for step in steps {
            switch step {
            case .key(let k): s += s.isEmpty ? k : ".\(k)"
            case .element(_, _, let i): s += "[\(i)]"
            case .commandLine: s += s.isEmpty ? "command" : ".command"
            }
        }
        return s
    }
}

enum ManifestRequirements {
    static let identifyingKeys = ["name", "containerPort", "key"]

    /// Every leaf of the model answer, as requirements.
    static func of(_ model: Node) -> [Requirement] {
        var out: [Requirement] = []
        collect(model, [], &out)
        return out
    }

    private static func collect(_ node: Node, _ steps: [PathStep], _ out: inout [Requirement]) {
        switch node {
        case .mapping(let pairs, let mark):
            if pairs.isEmpty { out.append(Requirement(steps: steps, value: .object([]), modelLine: mark.line)); return }
            let keys = pairs.compactMap { $0.key.scalarText }
            let isContainer = keys.contains("image") || keys.contains("command") || keys.contains("args")
            for pair in pairs {
                guard let key = pair.key.scalarText else { continue }
                if isContainer && (key == "command" || key == "args") { continue }
                collect(pair.value, steps + [.key(key)], &out)
            }
            if isContainer, let line = pairs.first(where: { ["command", "args"].contains($0.key.scalarText ?? "") })?.key.mark.line {
                let words = commandLine(of: node)
                out.append(Requirement(steps: steps + [.commandLine], value: .array(words.words.map(JSONValue.string)),
                                       modelLine: line, setsCommand: words.setsCommand))
            }
        case .sequence(let items, let mark):
            if items.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
                out.append(Requirement(steps: steps, value: json(node), modelLine: mark.line))
                return
            }
            for (i, item) in items.enumerated() {
                collect(item, steps + [identify(item, index: i)], &out)
            }
        case .scalar(_, _, let mark):
            out.append(Requirement(steps: steps, value: json(node), modelLine: mark.line))
        }
    }

    private static func identify(_ item: Node, index: Int) -> PathStep {
        if case .mapping(let pairs, _) = item {
            for key in identifyingKeys {
                if let value = pairs.first(where: { $0.key.scalarText == key })?.value {
                    return .element(matchKey: key, matchValue: json(value), index: index)
                }
            }
        }
        return .element(matchKey: nil, matchValue: nil, index: index)
    }

    /// The node an answer holds at `steps`, nil when absent.
    static func lookup(_ node: Node, _ steps: ArraySlice<PathStep>) -> Node? {
        guard let step = steps.first else { return node }
        switch step {
        case .key(let k):
            guard case .mapping(let pairs, _) = node, let v = pairs.first(where: { $0.key.scalarText == k })?.value else { return nil }
            return lookup(v, steps.dropFirst())
        case .element(let matchKey, let matchValue, let index):
            guard case .sequence(let items, _) = node else { return nil }
            if let matchKey {
                let found = items.first { item in
                    guard case .mapping(let pairs, _) = item, let v = pairs.first(where: { $0.key.scalarText == matchKey })?.value else { return false }
                    return json(v) == matchValue
                }
                return found.flatMap { lookup($0, steps.dropFirst()) }
            }
            return index < items.count ? lookup(items[index], steps.dropFirst()) : nil
        case .commandLine:
            return node
        }
    }

    /// `lookup` in an encoded object (the answer after the API server's defaults).
    static func lookup(_ value: JSONValue, _ steps: ArraySlice<PathStep>) -> JSONValue? {
        guard let step = steps.first else { return value }
        switch step {
        case .key(let k):
            guard case .object(let fields) = value, let v = fields.first(where: { $0.0 == k })?.1 else { return nil }
            return lookup(v, steps.dropFirst())
        case .element(let matchKey, let matchValue, let index):
            guard case .array(let items) = value else { return nil }
            if let matchKey {
                let found = items.first { item in
                    guard case .object(let fields) = item else { return false }
                    return fields.first(where: { $0.0 == matchKey })?.1 == matchValue
                }
                return found.flatMap { lookup($0, steps.dropFirst()) }
            }
            return index < items.count ? lookup(items[index], steps.dropFirst()) : nil
        case .commandLine:
            return nil
        }
    }

    /// A container's command followed by its args.
    static func commandLine(of container: Node) -> (words: [String], setsCommand: Bool) {
        guard case .mapping(let pairs, _) = container else { return ([], false) }
        func list(_ key: String) -> [String]? {
            guard let v = pairs.first(where: { $0.key.scalarText == key })?.value else { return nil }
            if case .sequence(let items, _) = v { return items.map { $0.scalarText ?? "" } }
            return v.scalarText.map { [$0] }
        }
        let command = list("command")
        return ((command ?? []) + (list("args") ?? []), !(command ?? []).isEmpty)
    }

    /// A node as kubectl's YAML→JSON conversion types it; unconvertible nodes compare as null.
    static func json(_ node: Node) -> JSONValue {
        (try? node.toJSONValue()) ?? .null
    }

    /// A value for messages: `nginx:latest`, `3`, `["sh", "-c", "x"]`.
    static func show(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map { show($0) }.joined(separator: ", ") + "]"
        case .object(let fields): return "{" + fields.map { "\($0.0): \(show($0.1))" }.joined(separator: ", ") + "}"
        }
    }
}
