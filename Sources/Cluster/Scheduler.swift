import Foundation
import KubeAPI

/// The default scheduler, reduced to what a teaching cluster needs: filter nodes (ready, schedulable,
/// taints/tolerations, nodeSelector, 110-pod capacity), then pick the one with the fewest pods
/// (counted by the cluster's `PodIndex`).
final class Scheduler {
    private unowned let cluster: Cluster
    static let maxPodsPerNode = 110

    init(cluster: Cluster) { self.cluster = cluster }

    /// Binds an unscheduled pod to a node, or records why none fits.
    func schedule(_ key: ObjectKey) {
        guard let pod = cluster.pods.get(key), pod.spec.nodeName == nil, pod.metadata.deletionTimestamp == nil else { return }
        let nodes = cluster.nodes.list()
        // Per-node counts come from the pod index: no walk over every pod per decision.
        var counts: [String: Int] = [:]
        for node in nodes { counts[node.metadata.name] = cluster.podIndex.podCount(onNode: node.metadata.name) }
        var reasons: [String: Int] = [:]
        var feasible: [Node] = []
        for node in nodes {
            if let reason = unfit(pod, node, podCount: counts[node.metadata.name] ?? 0) {
                reasons[reason, default: 0] += 1
            } else {
                feasible.append(node)
            }
        }
        guard let chosen = feasible.min(by: { ((counts[$0.metadata.name] ?? 0), $0.metadata.name) < ((counts[$1.metadata.name] ?? 0), $1.metadata.name) }) else {
            let message = Scheduler.failureMessage(total: nodes.count, reasons: reasons)
            _ = try? cluster.pods.update(key) {
                var c = PodCondition(type: "PodScheduled", status: "False", lastTransitionTime: cluster.clock.now.truncatedToSeconds)
                c.reason = "Unschedulable"
                c.message = message
                $0.status.conditions = [c]
            }
            cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, type: "Warning",
                                    reason: "FailedScheduling", message: message, component: "default-scheduler")
            return
        }
        let nodeName = chosen.metadata.name
        _ = try? cluster.pods.update(key) {
            $0.spec.nodeName = nodeName
            $0.status.conditions = [PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: cluster.clock.now.truncatedToSeconds)]
        }
        cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, reason: "Scheduled",
                                message: "Successfully assigned \(pod.metadata.namespace ?? "default")/\(pod.metadata.name) to \(nodeName)",
                                component: "default-scheduler")
    }

    /// Why `pod` cannot go to `node`, in the scheduler's words, or nil if it fits.
    private func unfit(_ pod: Pod, _ node: Node, podCount: Int) -> String? {
        let ready = node.status.conditions.first { $0.type == "Ready" }?.status == "True"
        for taint in node.spec.taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !pod.spec.tolerations.contains(where: { Scheduler.tolerates($0, taint) }) {
                return "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"
            }
        }
        if !ready { return "node(s) were not ready" }
        if node.spec.unschedulable { return "node(s) were unschedulable" }
        for (k, v) in pod.spec.nodeSelector where node.metadata.labels[k] != v {
            return "node(s) didn't match Pod's node affinity/selector"
        }
        if podCount >= Scheduler.maxPodsPerNode { return "Too many pods" }
        return nil
    }

    static func tolerates(_ t: Toleration, _ taint: Taint) -> Bool {
        if let effect = t.effect, !effect.isEmpty, effect != taint.effect { return false }
        if t.operator == "Exists" { return t.key == nil || t.key == "" || t.key == taint.key }
        return t.key == taint.key && (t.value ?? "") == (taint.value ?? "")
    }

    /// `0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Too many pods. preemption: …`
    static func failureMessage(total: Int, reasons: [String: Int]) -> String {
        let parts = reasons.map { "\($0.value) \($0.key)" }.sorted()
        return "0/\(total) nodes are available: \(parts.joined(separator: ", ")). preemption: 0/\(total) nodes are available: "
            + "\(total) Preemption is not helpful for scheduling."
    }
}
