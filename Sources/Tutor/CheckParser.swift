import Foundation
import Kubectl
import YAML

/// Reads one entry of a step's `checks:` list: a mapping with exactly one key, the check's kind.
extension NodeReader {
    /// Commands a `ran` check may name besides kubectl's verbs.
    static let shellCommands = ["node"]

    mutating func check(_ node: Node, _ what: String) -> Check? {
        guard let pairs = mapping(node, what) else { return nil }
        guard pairs.count == 1, let first = pairs.first else {
            problem("\(what) must have exactly one kind (one of: \(Check.kindNames.joined(separator: ", ")))", at: node.mark)
            return nil
        }
        let (kind, value, mark) = (first.key, first.value, first.mark)
        let kindValue: Check.Kind?
        switch kind {
        case "ran": kindValue = ran(value, what)
        case "output":
            kindValue = output(value, what)
            if case .mapping(let pairs, _) = value, let says = pairs.first(where: { $0.key.scalarText == "says" })?.value {
                let label = localized(says, "\(what).output.says", at: value.mark)
                return kindValue.map { Check($0, mark: mark, says: label) }
            }
            if case .output(.regex)? = kindValue {
                // The learner must never be shown a regex: say in words what the output should show.
                problem("\(what).output: a regex needs `says: {en: …, ja: …}`, what the learner is told to look for", at: value.mark)
            }
        case "pod": kindValue = pod(value, what).map(Check.Kind.pod)
        case "deployment": kindValue = deployment(value, what).map(Check.Kind.deployment)
        case "exists", "absent":
            guard let text = string(value, "\(what).\(kind)", at: mark) else { return nil }
            guard let ref = ObjectRef(text) else {
                problem("\(what).\(kind): expected KIND/NAME with a known kind, e.g. deployment/web, got \"\(text)\"", at: value.mark)
                return nil
            }
            kindValue = kind == "exists" ? .exists(ref) : .absent(ref)
        case "podRecreated":
            let f = value.scalarText == nil ? fields(value, "\(what).podRecreated", allowed: ["deployment"]) : ["deployment": value]
            kindValue = string(f["deployment"], "\(what).podRecreated.deployment", at: value.mark).map { .podRecreated(deployment: $0) }
        case "nodeReady":
            let f = fields(value, "\(what).nodeReady", allowed: ["name", "status"])
            guard let name = string(f["name"], "\(what).nodeReady.name", at: value.mark),
                  let raw = string(f["status"], "\(what).nodeReady.status", at: value.mark) else { return nil }
            let status = raw.prefix(1).uppercased() + raw.dropFirst().lowercased()
            guard ["True", "False", "Unknown"].contains(status) else {
                problem("\(what).nodeReady.status must be True, False or Unknown", at: value.mark)
                return nil
            }
            kindValue = .nodeReady(name: name, status: status)
        default:
            problem("\(what): unknown check kind \"\(kind)\" (known: \(Check.kindNames.joined(separator: ", ")))", at: mark)
            return nil
        }
        return kindValue.map { Check($0, mark: mark) }
    }

    private mutating func ran(_ value: Node, _ what: String) -> Check.Kind? {
        guard let text = string(value, "\(what).ran", at: value.mark) else { return nil }
        var words = text.split(separator: " ").map(String.init)
        if words.first == "kubectl" || words.first == "k" { words.removeFirst() }
        guard let verb = words.first else {
            problem("\(what).ran needs a command, e.g. \"get pods\"", at: value.mark)
            return nil
        }
        guard Kubectl.verbNames.contains(verb) || NodeReader.shellCommands.contains(verb) else {
            problem("\(what).ran: \"\(verb)\" is not a kubectl verb or shell command", at: value.mark)
            return nil
        }
        return .ran(words)
    }

    private mutating func output(_ value: Node, _ what: String) -> Check.Kind? {
        if let text = value.scalarText { return .output(.contains(text)) }
        let f = fields(value, "\(what).output", allowed: ["contains", "regex", "says"])
        if let text = f["contains"].flatMap({ string($0, "\(what).output.contains", at: value.mark) }) {
            return .output(.contains(text))
        }
        guard let regex = string(f["regex"], "\(what).output.regex", at: value.mark) else { return nil }
        do {
            _ = try NSRegularExpression(pattern: regex, options: [.anchorsMatchLines])
        } catch {
            problem("\(what).output.regex is not a valid regular expression", at: value.mark)
            return nil
        }
        return .output(.regex(regex))
    }

    private mutating func pod(_ value: Node, _ what: String) -> PodCriteria? {
        let w = "\(what).pod"
        let f = fields(value, w, allowed: ["name", "labels", "phase", "ready", "node", "count", "spread", "containers"])
        var c = PodCriteria()
        c.name = f["name"].flatMap { string($0, "\(w).name", at: value.mark) }
        if let labels = f["labels"] { c.labels = self.labels(labels, "\(w).labels") }
        c.phase = f["phase"].flatMap { string($0, "\(w).phase", at: value.mark) }
        c.ready = f["ready"].flatMap { bool($0, "\(w).ready") }
        c.node = f["node"].flatMap { string($0, "\(w).node", at: value.mark) }
        c.count = f["count"].flatMap { int($0, "\(w).count") }
        c.spread = f["spread"].flatMap { int($0, "\(w).spread") }
        c.containers = f["containers"].flatMap { int($0, "\(w).containers") }
        if c.name == nil && c.labels.isEmpty {
            problem("\(w) needs a name or labels to select pods", at: value.mark)
        }
        if let phase = c.phase, !["Pending", "Running", "Succeeded", "Failed", "Unknown"].contains(phase) {
            problem("\(w).phase must be Pending, Running, Succeeded, Failed or Unknown", at: value.mark)
        }
        return c
    }

    /// `app=web,tier=front` or a mapping.
    private mutating func labels(_ node: Node, _ what: String) -> [String: String] {
        if let text = node.scalarText {
            var out: [String: String] = [:]
            for pair in text.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2 else {
                    problem("\(what): expected key=value pairs, got \"\(pair)\"", at: node.mark)
                    continue
                }
                out[kv[0]] = kv[1]
            }
            return out
        }
        var out: [String: String] = [:]
        for (key, value, mark) in mapping(node, what) ?? [] {
            out[key] = string(value, "\(what).\(key)", at: mark)
        }
        return out
    }

    private mutating func deployment(_ value: Node, _ what: String) -> DeploymentCriteria? {
        let w = "\(what).deployment"
        let f = fields(value, w, allowed: ["name", "replicas", "readyReplicas"])
        guard let name = string(f["name"], "\(w).name", at: value.mark) else { return nil }
        var c = DeploymentCriteria(name: name)
        c.replicas = f["replicas"].flatMap { int($0, "\(w).replicas") }
        c.readyReplicas = f["readyReplicas"].flatMap { int($0, "\(w).readyReplicas") }
        return c
    }
}
