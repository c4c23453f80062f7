import Foundation
import KubeAPI
import Cluster

/// `kubectl cordon`, `uncordon` and `drain` (kubectl's cmd/drain with the drain helper's filters).
enum NodeVerbs {
    static let cordon = Kubectl.Verb(
        name: "cordon", summary: "Mark node as unschedulable", flags: [FlagSpec("selector", "l")],
        run: { k, f, io in try k.setSchedulable(false, verb: "cordon", f, io) })
    static let uncordon = Kubectl.Verb(
        name: "uncordon", summary: "Mark node as schedulable", flags: [FlagSpec("selector", "l")],
        run: { k, f, io in try k.setSchedulable(true, verb: "uncordon", f, io) })
    static let drain = Kubectl.Verb(
        name: "drain", summary: "Drain node in preparation for maintenance",
        flags: [FlagSpec("selector", "l"), FlagSpec("ignore-daemonsets", nil, .bool), FlagSpec("force", nil, .bool),
                FlagSpec("delete-emptydir-data", nil, .bool), FlagSpec("grace-period"), FlagSpec("timeout")],
        run: { k, f, io in try k.drain(f, io) })

    static let all = [cordon, uncordon, drain]

    // The drain helper's filter messages (k8s.io/kubectl/pkg/drain/filters.go).
    static let daemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
    static let daemonSetWarning = "ignoring DaemonSet-managed Pods"
    static let localStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)"
    static let localStorageWarning = "deleting Pods with local storage"
    static let unmanagedFatal = "cannot delete Pods that declare no controller (use --force to override)"
    static let unmanagedWarning = "deleting Pods that declare no controller"

    /// What drain does with one pod: delete it, leave it, and why.
    struct Verdict {
        var delete: Bool
        var warning: String? = nil
        var error: String? = nil
    }

    /// The filters in the drain helper's order; the first that does not delete decides.
    static func verdict(_ pod: Pod, daemonSetExists: (String, String) -> Bool, ignoreDaemonSets: Bool,
                        deleteEmptyDirData: Bool, force: Bool) -> Verdict {
        let finished = pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
        var warning: String?
        if let ref = pod.metadata.controllerRef, ref.kind == "DaemonSet", !finished {
            if !daemonSetExists(pod.metadata.namespace ?? "default", ref.name) {
                guard force else { return Verdict(delete: false, error: "daemonsets.apps \"\(ref.name)\" not found") }
                warning = "daemonsets.apps \"\(ref.name)\" not found"
            } else if !ignoreDaemonSets {
                return Verdict(delete: false, error: daemonSetFatal)
            } else {
                return Verdict(delete: false, warning: daemonSetWarning)
            }
        }
        if pod.spec.volumes.contains(where: { $0.emptyDir != nil }), !finished {
            guard deleteEmptyDirData else { return Verdict(delete: false, error: localStorageFatal) }
            warning = localStorageWarning
        }
        if pod.metadata.controllerRef == nil, !finished {
            guard force else { return Verdict(delete: false, error: unmanagedFatal) }
            warning = unmanagedWarning
        }
        return Verdict(delete: true, warning: warning)
    }

    /// `msg: ns/a, ns/b` per message (sorted), `cannot delete` prefixed where the message lacks it.
    static func grouped(_ items: [(message: String, pod: String)], prefix: String?) -> [String] {
        var byMessage: [String: [String]] = [:]
        for item in items { byMessage[item.message, default: []].append(item.pod) }
        return byMessage.keys.sorted().map { message in
            let pods = byMessage[message, default: []].joined(separator: ", ")
            if let prefix, !message.lowercased().hasPrefix(prefix) { return "\(prefix) \(message): \(pods)" }
            return "\(message): \(pods)"
        }
    }

    /// Go's utilerrors.NewAggregate message: one error as is, several as `[a, b]`.
    static func aggregate(_ errors: [String]) -> String {
        errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
    }
}

extension Kubectl {
    /// The nodes named on the command line (or matched by `-l`); kubectl's USAGE error without any.
    private func nodeArguments(_ flags: ParsedFlags, verb: String) throws -> [Node] {
        let selector = try flags.string("selector").map { try LabelSelectorParser.parse($0) }
        guard !flags.positional.isEmpty || selector != nil else {
            throw KubectlError("error: USAGE: \(verb) NODE [flags]\nSee 'kubectl \(verb) -h' for help and examples")
        }
        return try cluster.sync {
            if let selector { return cluster.nodes.list { selector.matches($0.metadata.labels) } }
            return try flags.positional.map { name in
                guard let node = cluster.nodes.get(ObjectKey(namespace: "", name: name)) else {
                    throw KubectlError.notFound(.node, name)
                }
                return node
            }
        }
    }

    func setSchedulable(_ schedulable: Bool, verb: String, _ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        for node in try nodeArguments(flags, verb: verb) {
            let changed = try cluster.sync { try cluster.setUnschedulable(node.metadata.name, !schedulable) }
            io.line("node/\(node.metadata.name) \(changed ? "" : "already ")\(verb)ed")
        }
        return 0
    }

    func drain(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        let nodes = try nodeArguments(flags, verb: "drain")
        var grace: Int64?
        if let g = flags.string("grace-period") {
            guard let v = Int64(g) else {
                throw KubectlError("error: invalid argument \"\(g)\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"\(g)\": invalid syntax")
            }
            if v >= 0 { grace = v }
        }
        for node in nodes {
            let changed = try cluster.sync { try cluster.setUnschedulable(node.metadata.name, true) }
            io.line("node/\(node.metadata.name) \(changed ? "" : "already ")cordoned")
        }
        var fatal: [String] = []
        var remaining: [String] = []
        for node in nodes {
            let name = node.metadata.name
            if let error = drainPods(of: name, flags: flags, grace: grace, io: io) {
                io.errorLine("error: unable to drain node \"\(name)\" due to error: \(error), continuing command...")
                fatal.append(error)
                remaining.append(name)
            } else {
                io.line("node/\(name) drained")
            }
        }
        guard fatal.isEmpty else {
            io.err("There are pending nodes to be drained:\n" + remaining.map { " \($0)\n" }.joined())
            throw KubectlError("error: " + NodeVerbs.aggregate(fatal))
        }
        return 0
    }

    /// Evicts the node's pods the filters allow and waits until they are gone; returns the error text
    /// when some pod blocks the drain (nothing is evicted then).
    private func drainPods(of node: String, flags: ParsedFlags, grace: Int64?, io: CommandIO) -> String? {
        let (verdicts, pods) = cluster.sync { () -> ([NodeVerbs.Verdict], [Pod]) in
            let pods = cluster.pods(onNode: node)
            let verdicts = pods.map {
                NodeVerbs.verdict($0, daemonSetExists: { ns, name in cluster.daemonSets.get(ObjectKey(namespace: ns, name: name)) != nil },
                                  ignoreDaemonSets: flags.bool("ignore-daemonsets"),
                                  deleteEmptyDirData: flags.bool("delete-emptydir-data"), force: flags.bool("force"))
            }
            return (verdicts, pods)
        }
        func label(_ p: Pod) -> String { "\(p.metadata.namespace ?? "default")/\(p.metadata.name)" }
        let errors = zip(verdicts, pods).compactMap { v, p in v.error.map { ($0, label(p)) } }
        if !errors.isEmpty { return NodeVerbs.aggregate(NodeVerbs.grouped(errors, prefix: "cannot delete")) }
        let warnings = zip(verdicts, pods).compactMap { v, p in v.warning.map { ($0, label(p)) } }
        if !warnings.isEmpty { io.errorLine("Warning: " + NodeVerbs.grouped(warnings, prefix: nil).joined(separator: "; ")) }
        let evicted = zip(verdicts, pods).filter { $0.0.delete }.map(\.1)
        for pod in evicted {
            io.line("evicting pod \(label(pod))")
            cluster.sync { _ = try? cluster.deletePod(pod.key, gracePeriod: grace) }
        }
        var waiting = evicted
        while !waiting.isEmpty && !io.isInterrupted() {
            let gone = cluster.sync { waiting.filter { cluster.pods.get($0.key)?.metadata.uid != $0.metadata.uid } }
            for pod in gone { io.line("pod/\(pod.metadata.name) evicted") }
            waiting.removeAll { p in gone.contains { $0.metadata.uid == p.metadata.uid } }
            if !waiting.isEmpty { usleep(10_000) }
        }
        return waiting.isEmpty ? nil : "interrupted while waiting for pods to terminate"
    }
}
