import Foundation
import Cluster
import KubeAPI

/// Checks answered by the live cluster (namespace `default`). Call inside `cluster.sync`.
struct ClusterChecks {
    let cluster: Cluster
    let language: Language
    /// Pod names of each Deployment when the step began (for `podRecreated`).
    let baseline: [String: Set<String>]
    static let namespace = "default"

    func evaluate(_ check: Check) -> CheckOutcome {
        let (passed, detail) = verdict(check.kind)
        return CheckOutcome(check: check, passed: passed, detail: detail)
    }

    private func verdict(_ kind: Check.Kind) -> (Bool, String) {
        switch kind {
        case .ran, .output: return (false, "")
        case .pod(let c): return pod(c)
        case .deployment(let c): return deployment(c)
        case .exists(let ref):
            let found = isPresent(ref)
            return (found, found ? "" : say(language, "\(ref) does not exist yet", "\(ref) はまだありません"))
        case .absent(let ref):
            let found = isPresent(ref)
            return (!found, found ? say(language, "\(ref) still exists", "\(ref) はまだ残っています") : "")
        case .podRecreated(let name): return podRecreated(name)
        case .nodeReady(let name, let status):
            guard let node = cluster.nodes.get(ObjectKey(namespace: "", name: name)) else {
                return (false, say(language, "no node \(name)", "ノード \(name) がありません"))
            }
            let now = node.status.conditions.first { $0.type == "Ready" }?.status ?? "Unknown"
            return (now == status, say(language, "node \(name) is Ready=\(now), waiting for Ready=\(status)",
                                       "ノード \(name) は Ready=\(now)（Ready=\(status) を待っています）"))
        }
    }

    /// Live pods (not being deleted) of the namespace.
    private var livePods: [Pod] {
        cluster.pods.list(namespace: Self.namespace) { $0.metadata.deletionTimestamp == nil }
    }

    static func isReady(_ pod: Pod) -> Bool {
        !pod.status.containerStatuses.isEmpty && pod.status.containerStatuses.allSatisfy(\.ready)
    }

    private func pod(_ c: PodCriteria) -> (Bool, String) {
        let selected = livePods.filter { p in
            (c.name == nil || p.metadata.name == c.name) && c.labels.allSatisfy { p.metadata.labels[$0.key] == $0.value }
        }
        let meeting = selected.filter { p in
            (c.phase == nil || p.status.phase == c.phase) && (c.ready == nil || Self.isReady(p) == c.ready)
                && (c.node == nil || p.spec.nodeName == c.node) && (c.containers == nil || p.spec.containers.count == c.containers)
        }
        let what = c.name ?? c.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        if selected.isEmpty && c.count != 0 { return (false, say(language, "no pod \(what) yet", "Pod \(what) はまだありません")) }
        let countOK = c.count.map { meeting.count == $0 } ?? !meeting.isEmpty
        let nodes = Set(meeting.compactMap(\.spec.nodeName))
        let spreadOK = c.spread.map { nodes.count >= $0 } ?? true
        if countOK && spreadOK { return (true, "") }
        let states = selected.map { p in
            "\(p.metadata.name) \(p.status.phase)\(Self.isReady(p) ? " ready" : "") \(p.spec.nodeName ?? "-")"
        }.joined(separator: "; ")
        return (false, say(language, "\(meeting.count) of \(selected.count) pod(s) as expected (\(c.summary)) — now: \(states)",
                           "条件（\(c.summary)）を満たす Pod は \(selected.count) 個中 \(meeting.count) 個 — 現在: \(states)"))
    }

    private func deployment(_ c: DeploymentCriteria) -> (Bool, String) {
        guard let d = cluster.deployments.get(ObjectKey(namespace: Self.namespace, name: c.name)) else {
            return (false, say(language, "no deployment \(c.name) yet", "Deployment \(c.name) はまだありません"))
        }
        let ok = (c.replicas.map { d.spec.replicas == $0 } ?? true) && (c.readyReplicas.map { d.status.readyReplicas == $0 } ?? true)
        return (ok, say(language, "deployment \(c.name): replicas \(d.spec.replicas), ready \(d.status.readyReplicas)",
                        "Deployment \(c.name): replicas \(d.spec.replicas)、ready \(d.status.readyReplicas)"))
    }

    private func podRecreated(_ name: String) -> (Bool, String) {
        let before = baseline[name] ?? []
        guard let d = cluster.deployments.get(ObjectKey(namespace: Self.namespace, name: name)) else {
            return (false, say(language, "no deployment \(name)", "Deployment \(name) がありません"))
        }
        if before.isEmpty {
            return (false, say(language, "deployment \(name) had no pods when this step began (try `reset`)",
                               "このステップの開始時に \(name) の Pod がありませんでした（`reset` を試してください）"))
        }
        let live = Self.pods(of: d, in: cluster).filter { $0.metadata.deletionTimestamp == nil }
        let liveNames = Set(live.map(\.metadata.name))
        let gone = !before.isSubset(of: liveNames)
        let fresh = live.contains { !before.contains($0.metadata.name) && Self.isReady($0) }
        if gone && fresh { return (true, "") }
        if !gone { return (false, say(language, "all pods of \(name) are still the original ones: delete one", "\(name) の Pod はまだ元のままです。1 つ削除してみましょう")) }
        return (false, say(language, "a pod of \(name) is gone; its replacement is not ready yet", "\(name) の Pod が消えました。代わりの Pod はまだ準備中です"))
    }

    /// The pods a Deployment's selector picks in its namespace.
    static func pods(of d: Deployment, in cluster: Cluster) -> [Pod] {
        guard let selector = d.spec.selector else { return [] }
        return cluster.pods.list(namespace: d.metadata.namespace ?? namespace) { selector.matches($0.metadata.labels) }
    }

    private func isPresent(_ ref: ObjectRef) -> Bool {
        let key = ObjectKey(namespace: ref.kind.namespaced ? Self.namespace : "", name: ref.name)
        switch ref.kind {
        case .pod: return cluster.pods.get(key).map { $0.metadata.deletionTimestamp == nil } ?? false
        case .deployment: return cluster.deployments.get(key) != nil
        case .replicaSet: return cluster.replicaSets.get(key) != nil
        case .daemonSet: return cluster.daemonSets.get(key) != nil
        case .statefulSet: return cluster.statefulSets.get(key) != nil
        case .node: return cluster.nodes.get(key) != nil
        case .event: return cluster.events.get(key) != nil
        default: return false
        }
    }
}
