import Foundation
import KubeAPI
import YAML

/// One condition a step waits for. The set of kinds is closed (see lessons/README.md); the linter
/// rejects anything else.
///
/// `ran` and `output` look at the learner's commands: all of a step's command checks must hold for one
/// and the same command, and once one did, they stay satisfied for the rest of the step. The other
/// kinds look at the live cluster every time they are evaluated.
public struct Check: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The learner ran this kubectl verb with these words, e.g. `get nodes` (resource names may be
        /// aliases: `get no` matches too; the `kubectl`/`k` prefix is optional).
        case ran([String])
        /// The command's output (stdout and stderr) contains this text, or matches this regex.
        case output(OutputPattern)
        case pod(PodCriteria)
        case deployment(DeploymentCriteria)
        case exists(ObjectRef)
        case absent(ObjectRef)
        /// A pod of the Deployment that was not there when the step began is Running and ready, and
        /// one that was there is gone (or going): the controller replaced a deleted pod.
        case podRecreated(deployment: String)
        /// The node's Ready condition has this status (`True`, `False`, `Unknown`).
        case nodeReady(name: String, status: String)
    }

    /// Every kind's name as written in lesson files.
    public static let kindNames = ["ran", "output", "pod", "deployment", "exists", "absent", "podRecreated", "nodeReady"]

    public var kind: Kind
    public var mark: Mark
    /// What an `output` check looks for, in the learner's words (`says:`); a regex is never shown.
    public var says: Localized?

    public init(_ kind: Kind, mark: Mark = Mark(line: 0, column: 0), says: Localized? = nil) {
        self.kind = kind
        self.mark = mark
        self.says = says
    }

    /// True for checks answered by the learner's last command rather than by the cluster.
    public var isCommandCheck: Bool {
        switch kind {
        case .ran, .output: return true
        default: return false
        }
    }

    /// How the check reads to the learner in `check`: plain words, in their language.
    public func label(_ language: Language) -> String {
        if let says { return says.text(language) }
        switch kind {
        case .ran(let words):
            let line = "kubectl " + words.joined(separator: " ")
            return say(language, "you ran `\(line)`", "`\(line)` を実行した")
        case .output(.contains(let s)): return say(language, "its output shows \"\(s)\"", "出力に「\(s)」が表示された")
        case .output(.regex): return say(language, "its output shows the expected result", "出力が期待どおりだった")
        case .pod(let c): return c.label(language)
        case .deployment(let c):
            var parts = [say(language, "deployment \(c.name) exists", "Deployment \(c.name) がある")]
            if let r = c.replicas { parts.append(say(language, "wants \(r) replica(s)", "レプリカ数 \(r)")) }
            if let r = c.readyReplicas { parts.append(say(language, "\(r) ready", "\(r) 個が ready")) }
            return parts.joined(separator: say(language, ", ", "、"))
        case .exists(let r): return say(language, "\(r) exists", "\(r) がある")
        case .absent(let r): return say(language, "\(r) is gone", "\(r) がなくなった")
        case .podRecreated(let d):
            return say(language, "a deleted pod of deployment \(d) was replaced by a new, ready one",
                       "Deployment \(d) の削除された Pod の代わりに新しい Pod ができて ready になった")
        case .nodeReady(let n, let s): return say(language, "node \(n) reports Ready=\(s)", "ノード \(n) が Ready=\(s)")
        }
    }

    /// How the check reads in play reports and lint (for lesson authors).
    public var summary: String {
        switch kind {
        case .ran(let words): return "ran: \(words.joined(separator: " "))"
        case .output(.contains(let s)): return "output contains \"\(s)\""
        case .output(.regex(let r)): return "output matches /\(r)/"
        case .pod(let c): return "pod: \(c.summary)"
        case .deployment(let c): return "deployment: \(c.summary)"
        case .exists(let r): return "exists: \(r)"
        case .absent(let r): return "absent: \(r)"
        case .podRecreated(let d): return "podRecreated: deployment \(d)"
        case .nodeReady(let n, let s): return "nodeReady: \(n) Ready=\(s)"
        }
    }
}

public enum OutputPattern: Equatable, Sendable {
    case contains(String)
    case regex(String)
}

/// Which pods a `pod` check looks at and what it expects of them. Pods being deleted are ignored.
public struct PodCriteria: Equatable, Sendable {
    public var name: String?
    public var labels: [String: String] = [:]
    public var phase: String?
    public var ready: Bool?
    public var node: String?
    /// Exactly this many selected pods meet the expectations; nil means at least one.
    public var count: Int?
    /// The pods meeting the expectations run on at least this many different nodes.
    public var spread: Int?
    /// Each selected pod has exactly this many containers.
    public var containers: Int?

    public init() {}

    /// The criteria in the learner's words.
    func label(_ language: Language) -> String {
        let who = name.map { say(language, "pod \($0)", "Pod \($0)") }
            ?? say(language, "pods ", "Pod ") + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        var parts: [String] = []
        if let count { parts.append(say(language, "\(count) of them", "\(count) 個")) }
        if let phase { parts.append(phase) }
        if let ready { parts.append(ready ? say(language, "ready", "ready") : say(language, "not ready", "ready でない")) }
        if let node { parts.append(say(language, "on \(node)", "\(node) 上")) }
        if let containers { parts.append(say(language, "\(containers) containers", "コンテナ \(containers) 個")) }
        if let spread { parts.append(say(language, "on at least \(spread) nodes", "\(spread) 台以上のノードに分散")) }
        return parts.isEmpty ? who : who + say(language, ": ", " が ") + parts.joined(separator: say(language, ", ", "、"))
    }

    var summary: String {
        var parts: [String] = []
        if let name { parts.append(name) }
        if !labels.isEmpty { parts.append("-l " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")) }
        if let phase { parts.append("phase \(phase)") }
        if let ready { parts.append(ready ? "ready" : "not ready") }
        if let node { parts.append("on \(node)") }
        if let containers { parts.append("\(containers) containers") }
        if let count { parts.append("count \(count)") }
        if let spread { parts.append("on ≥\(spread) nodes") }
        return parts.joined(separator: ", ")
    }
}

public struct DeploymentCriteria: Equatable, Sendable {
    public var name: String
    public var replicas: Int?
    public var readyReplicas: Int?

    public init(name: String) { self.name = name }

    var summary: String {
        var s = name
        if let replicas { s += ", replicas \(replicas)" }
        if let readyReplicas { s += ", readyReplicas \(readyReplicas)" }
        return s
    }
}

/// `kind/name`, e.g. `deployment/web` or `pod/sample-pod` (kubectl's names and short names work).
public struct ObjectRef: Equatable, Sendable, CustomStringConvertible {
    public var kind: ResourceKind
    public var name: String

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty, let kind = ResourceKind.lookup(parts[0]) else { return nil }
        self.kind = kind
        self.name = parts[1]
    }

    public var description: String { "\(kind.singular)/\(name)" }
}
