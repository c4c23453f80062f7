import Foundation
import KubeAPI

/// Kubernetes' node lifecycle controller, reduced to one cluster: it watches each kubelet's lease
/// (renewed with every status post) and, once a node has been silent for the node-monitor grace
/// period, marks it Ready=Unknown, marks its pods not ready and records NodeNotReady. It keeps the
/// condition taints (`unreachable`, `not-ready`, `unschedulable`) in line with the node's state;
/// the taint eviction controller acts on the NoExecute ones.
final class NodeLifecycleController {
    static let component = "node-controller"
    static let unreachable = "node.kubernetes.io/unreachable"
    static let notReady = "node.kubernetes.io/not-ready"
    static let unschedulable = "node.kubernetes.io/unschedulable"
    private unowned let cluster: Cluster
    /// When each node's lease was last renewed (clock time, not truncated).
    private var renewed: [String: Date] = [:]
    private var work: WorkQueue<String>?

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<String>(queue: cluster.queue) { [weak self] in self?.reconcileTaints($0) }
        self.work = work
        cluster.nodes.watch { event in
            if case .deleted = event { return }
            work.add(event.object.metadata.name)
        }
        for node in cluster.nodes.list() { work.add(node.metadata.name) }
    }

    /// When the node's lease was last renewed (describe node's `RenewTime`).
    func renewTime(of node: String) -> Date? { renewed[node] }

    /// A kubelet posted status: the node is alive for another grace period.
    func leaseRenewed(_ node: String) {
        renewed[node] = cluster.clock.now
        scheduleCheck(node, after: cluster.timing.grace)
    }

    /// The timing changed: checks fall due by the new grace period.
    func timingChanged() {
        let now = cluster.clock.now
        for (node, at) in renewed {
            let left = cluster.timing.grace - now.timeIntervalSince(at)
            if left <= 0 { check(node) } else { scheduleCheck(node, after: left) }
        }
    }

    private func scheduleCheck(_ node: String, after seconds: TimeInterval) {
        cluster.clock.schedule(after: seconds, on: cluster.queue) { [weak self] in self?.check(node) }
    }

    /// monitorNodeHealth for one node: silent for the grace period → Ready=Unknown.
    private func check(_ name: String) {
        guard !cluster.isShutDown, let at = renewed[name] else { return }
        // Timers of earlier renewals run too: only the one a full grace period after the last counts.
        guard cluster.clock.now.timeIntervalSince(at) + 0.001 >= cluster.timing.grace else { return }
        let key = ObjectKey(namespace: "", name: name)
        guard let node = cluster.nodes.get(key),
              node.status.conditions.first(where: { $0.type == "Ready" })?.status != "Unknown" else { return }
        let now = cluster.clock.now.truncatedToSeconds
        _ = try? cluster.nodes.update(key) { node in
            for i in node.status.conditions.indices {
                node.status.conditions[i].status = "Unknown"
                node.status.conditions[i].reason = "NodeStatusUnknown"
                node.status.conditions[i].message = "Kubelet stopped posting node status."
                node.status.conditions[i].lastTransitionTime = now
            }
        }
        reconcileTaints(name)
        cluster.recorder.record(kind: "Node", apiVersion: "v1", meta: node.metadata, reason: "NodeNotReady",
                                message: "Node \(name) status is now: NodeNotReady", component: Self.component)
        markPodsNotReady(on: name)
    }

    /// MarkPodsNotReady: the Ready condition of every pod on the node turns False.
    private func markPodsNotReady(on name: String) {
        let now = cluster.clock.now.truncatedToSeconds
        for pod in cluster.pods.list(where: { $0.spec.nodeName == name }) {
            guard let i = pod.status.conditions.firstIndex(where: { $0.type == "Ready" }),
                  pod.status.conditions[i].status != "False" else { continue }
            _ = try? cluster.pods.update(pod.key) {
                $0.status.conditions[i].status = "False"
                $0.status.conditions[i].lastTransitionTime = now
            }
            cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, type: "Warning",
                                    reason: "NodeNotReady", message: "Node is not ready", component: Self.component)
        }
    }

    /// The taints a node's state calls for: unreachable (Ready Unknown) or not-ready (Ready False),
    /// NoSchedule and NoExecute; unschedulable:NoSchedule while cordoned.
    static func conditionTaints(_ node: Node) -> [Taint] {
        var taints: [Taint] = []
        switch node.status.conditions.last(where: { $0.type == "Ready" })?.status {
        case "Unknown":
            taints += [Taint(key: unreachable, effect: "NoSchedule"), Taint(key: unreachable, effect: "NoExecute")]
        case "False":
            taints += [Taint(key: notReady, effect: "NoSchedule"), Taint(key: notReady, effect: "NoExecute")]
        default:
            break
        }
        if node.spec.unschedulable { taints.append(Taint(key: unschedulable, effect: "NoSchedule")) }
        return taints
    }

    /// Adds missing condition taints (with timeAdded) and removes those no longer called for.
    private func reconcileTaints(_ name: String) {
        let key = ObjectKey(namespace: "", name: name)
        guard let node = cluster.nodes.get(key) else { return }
        let managed: Set<String> = [Self.unreachable, Self.notReady, Self.unschedulable]
        let wanted = Self.conditionTaints(node)
        let now = cluster.clock.now.truncatedToSeconds
        var taints = node.spec.taints.filter { taint in
            !managed.contains(taint.key) || wanted.contains { $0.key == taint.key && $0.effect == taint.effect }
        }
        for taint in wanted where !taints.contains(where: { $0.key == taint.key && $0.effect == taint.effect }) {
            var added = taint
            added.timeAdded = now
            taints.append(added)
        }
        if taints != node.spec.taints { _ = try? cluster.nodes.update(key) { $0.spec.taints = taints } }
    }
}
