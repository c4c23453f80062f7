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

    /// How long every container must have been running for a pod to count as ready in a check: a
    /// container that exits at once (a busybox sidecar without a command) is "ready" for a moment
    /// before it crash-loops. Start times are whole seconds, so 2 s means at least one full second.
    static let settle: TimeInterval = 2

    /// Ready and staying ready: every container ready, running for `settle` on the cluster clock.
    func isSettled(_ pod: Pod) -> Bool {
        Self.isReady(pod) && pod.status.containerStatuses.allSatisfy { s in
            s.state.running.map { cluster.clock.now.timeIntervalSince($0.startedAt) >= Self.settle } ?? false
        }
    }

    /// Why a pod is not (yet) ready, in the learner's words; nil when it is settled.
    func notReadyReason(_ pod: Pod) -> String? {
        if isSettled(pod) { return nil }
        for s in pod.status.containerStatuses {
            if let w = s.state.waiting {
                let last = s.lastState.terminated.map {
                    say(language, ", last exit code \($0.exitCode)", "、前回の終了コード \($0.exitCode)")
                } ?? ""
                var text = say(language, "container \(s.name) is waiting: \(w.reason)\(last)",
                               "コンテナ \(s.name) は待機中です: \(w.reason)\(last)")
                if w.reason == "CrashLoopBackOff" {
                    text += say(language, " (it keeps stopping: does it have a command that keeps running?)",
                                "（停止を繰り返しています。動き続けるコマンドがありますか？）")
                }
                return text
            }
            if let t = s.state.terminated {
                return say(language, "container \(s.name) has stopped (\(t.reason), exit code \(t.exitCode))",
                           "コンテナ \(s.name) は停止しています（\(t.reason)、終了コード \(t.exitCode)）")
            }
            if !s.ready {
                return say(language, "container \(s.name) is not ready yet", "コンテナ \(s.name) はまだ準備できていません")
            }
            if s.restartCount > 0, let r = s.state.running, cluster.clock.now.timeIntervalSince(r.startedAt) < Self.settle {
                return say(language, "container \(s.name) was just restarted (\(s.restartCount) restart(s)): waiting to see it stay up",
                           "コンテナ \(s.name) は再起動したばかりです（\(s.restartCount) 回）。動き続けるか確認中です")
            }
        }
        if pod.status.containerStatuses.isEmpty {
            return say(language, "its containers have not started yet (\(pod.status.phase))", "コンテナはまだ起動していません（\(pod.status.phase)）")
        }
        return say(language, "just started: waiting a moment to see it stay ready", "起動したばかりです。準備完了が続くか確認中です")
    }

    private func pod(_ c: PodCriteria) -> (Bool, String) {
        let selected = livePods.filter { p in
            (c.name == nil || p.metadata.name == c.name) && c.labels.allSatisfy { p.metadata.labels[$0.key] == $0.value }
        }
        let meeting = selected.filter { p in
            (c.phase == nil || p.status.phase == c.phase) && (c.ready == nil || (c.ready == true ? isSettled(p) : !Self.isReady(p)))
                && (c.node == nil || p.spec.nodeName == c.node) && (c.containers == nil || p.spec.containers.count == c.containers)
        }
        let what = c.name ?? c.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        if selected.isEmpty && c.count != 0 { return (false, say(language, "no pod \(what) yet", "Pod \(what) はまだありません")) }
        let countOK = c.count.map { meeting.count == $0 } ?? !meeting.isEmpty
        let nodes = Set(meeting.compactMap(\.spec.nodeName))
        let spreadOK = c.spread.map { nodes.count >= $0 } ?? true
        if countOK && spreadOK { return (true, "") }
        var problems: [String] = []
        if !countOK, let wanted = c.count {
            problems.append(say(language, "\(meeting.count) of \(selected.count) pod(s) meet it; the step needs \(wanted)",
                                "\(selected.count) 個中 \(meeting.count) 個が条件を満たしています。このステップには \(wanted) 個必要です"))
        }
        if let spread = c.spread, !spreadOK {
            let workers = cluster.nodes.list().map(\.metadata.name).filter { $0 != "control-plane" }.sorted()
            let perNode = workers.map { n in "\(meeting.filter { $0.spec.nodeName == n }.count) on \(n)" }.joined(separator: ", ")
            let perNodeJa = workers.map { n in "\(n) に \(meeting.filter { $0.spec.nodeName == n }.count) 個" }.joined(separator: "、")
            problems.append(say(language, "\(perNode): the step needs pods on \(spread) different nodes",
                                "\(perNodeJa)。このステップには \(spread) 台以上のノードに Pod が必要です"))
        }
        for p in selected where !meeting.contains(where: { $0.metadata.uid == p.metadata.uid }) {
            if c.phase != nil, p.status.phase != c.phase {
                problems.append(say(language, "\(p.metadata.name) is \(p.status.phase), not \(c.phase ?? "")",
                                    "\(p.metadata.name) は \(c.phase ?? "") ではなく \(p.status.phase) です"))
            } else if c.ready == true, let why = notReadyReason(p) {
                problems.append("\(p.metadata.name): \(why)")
            } else if let n = c.containers, p.spec.containers.count != n {
                problems.append(say(language, "\(p.metadata.name) has \(p.spec.containers.count) container(s), not \(n)",
                                    "\(p.metadata.name) のコンテナは \(n) 個ではなく \(p.spec.containers.count) 個です"))
            } else if let node = c.node, p.spec.nodeName != node {
                problems.append(say(language, "\(p.metadata.name) is on \(p.spec.nodeName ?? "no node"), not \(node)",
                                    "\(p.metadata.name) は \(node) ではなく \(p.spec.nodeName ?? "未割り当て") にあります"))
            }
        }
        if problems.isEmpty { problems.append(say(language, "no pod \(what) meets it yet", "条件を満たす Pod \(what) はまだありません")) }
        return (false, problems.joined(separator: "; "))
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
