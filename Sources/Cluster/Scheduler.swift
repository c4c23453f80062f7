import Foundation
import KubeAPI

/// The default scheduler, reduced to what a teaching cluster needs: filter nodes with the default
/// plugins in their order (NodeUnschedulable, TaintToleration, NodeAffinity for nodeSelector,
/// NodeResourcesFit for the 110-pod capacity and cpu/memory requests against allocatable), then
/// pick the one with the fewest pods (counted by
/// the cluster's `PodIndex`). Pods that fit nowhere wait and are tried again when a node changes in
/// a way that matters (cordon, taints, labels, readiness) or a pod leaves a node.
final class Scheduler {
    private unowned let cluster: Cluster
    static let maxPodsPerNode = 110
    /// Pods that fit nowhere at their last attempt.
    private var unschedulable: Set<ObjectKey> = []
    /// What of each node the filters read, to tell a heartbeat from a change that can help.
    private var nodeFingerprints: [String: NodeFingerprint] = [:]

    /// One filter's verdict on a node, in the scheduler's words.
    struct Rejection: Hashable {
        var reason: String
        /// Evicting lower-priority pods could help (capacity), as opposed to a node that can never fit.
        var preemptionMightHelp = false
    }

    private struct NodeFingerprint: Equatable {
        var unschedulable: Bool
        var taints: [String]
        var labels: [String: String]
        var ready: String?
        init(_ node: Node) {
            unschedulable = node.spec.unschedulable
            taints = node.spec.taints.map { "\($0.key)=\($0.value ?? ""):\($0.effect)" }
            labels = node.metadata.labels
            ready = node.status.conditions.last { $0.type == "Ready" }?.status
        }
    }

    init(cluster: Cluster) { self.cluster = cluster }

    /// Binds an unscheduled pod to a node, or records why none fits.
    func schedule(_ key: ObjectKey) {
        // A pod for another scheduler waits for that scheduler's binding (the `binding` subresource).
        guard let pod = cluster.pods.get(key), pod.spec.nodeName == nil, pod.metadata.deletionTimestamp == nil,
              pod.spec.schedulerName == "default-scheduler" else {
            unschedulable.remove(key)
            return
        }
        let nodes = cluster.nodes.list()
        // Per-node counts come from the pod index: no walk over every pod per decision.
        var counts: [String: Int] = [:]
        for node in nodes { counts[node.metadata.name] = cluster.podIndex.podCount(onNode: node.metadata.name) }
        var rejections: [Rejection] = []
        var feasible: [Node] = []
        for node in nodes {
            if let rejection = Scheduler.unfit(pod, node, podCount: counts[node.metadata.name] ?? 0,
                                               requested: cluster.podIndex.requests(onNode: node.metadata.name)) {
                rejections.append(rejection)
            } else {
                feasible.append(node)
            }
        }
        guard let chosen = feasible.min(by: { ((counts[$0.metadata.name] ?? 0), $0.metadata.name) < ((counts[$1.metadata.name] ?? 0), $1.metadata.name) }) else {
            unschedulable.insert(key)
            let message = Scheduler.failureMessage(total: nodes.count, rejections: rejections)
            _ = try? cluster.pods.update(key) {
                let old = $0.status.conditions.first { $0.type == "PodScheduled" }
                var c = PodCondition(type: "PodScheduled", status: "False",
                                     lastTransitionTime: old?.status == "False" ? old?.lastTransitionTime : cluster.clock.now.truncatedToSeconds)
                c.reason = "Unschedulable"
                c.message = message
                $0.status.conditions = [c]
            }
            cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, type: "Warning",
                                    reason: "FailedScheduling", message: message, component: "default-scheduler")
            return
        }
        unschedulable.remove(key)
        let nodeName = chosen.metadata.name
        _ = try? cluster.pods.update(key) {
            $0.spec.nodeName = nodeName
            $0.status.conditions = [PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: cluster.clock.now.truncatedToSeconds)]
        }
        cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, reason: "Scheduled",
                                message: "Successfully assigned \(pod.metadata.namespace ?? "default")/\(pod.metadata.name) to \(nodeName)",
                                component: "default-scheduler")
    }

    /// A node was added or changed: waiting pods get another try if the change can matter.
    func nodeChanged(_ node: Node) {
        let print = NodeFingerprint(node)
        guard nodeFingerprints.updateValue(print, forKey: node.metadata.name) != print else { return }
        retryUnschedulable()
    }

    /// A pod left a node: its slot may be what a waiting pod needs.
    func capacityFreed() { retryUnschedulable() }

    private func retryUnschedulable() {
        for key in unschedulable { cluster.requeueForScheduling(key) }
    }

    /// Why `pod` cannot go to `node` (the first failing filter), or nil if it fits.
    static func unfit(_ pod: Pod, _ node: Node, podCount: Int, requested: NodeRequests = NodeRequests()) -> Rejection? {
        if node.spec.unschedulable,
           !pod.spec.tolerations.contains(where: { tolerates($0, Taint(key: NodeLifecycleController.unschedulable, effect: "NoSchedule")) }) {
            return Rejection(reason: "node(s) were unschedulable")
        }
        for taint in node.spec.taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !pod.spec.tolerations.contains(where: { tolerates($0, taint) }) {
                return Rejection(reason: "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}")
            }
        }
        for (k, v) in pod.spec.nodeSelector where node.metadata.labels[k] != v {
            return Rejection(reason: "node(s) didn't match Pod's node affinity/selector")
        }
        if podCount >= maxPodsPerNode { return Rejection(reason: "Too many pods", preemptionMightHelp: true) }
        // NodeResourcesFit reports the first insufficient resource in its order: cpu, then memory.
        let want = PodResources(pod.spec)
        let cpu = node.status.allocatable["cpu"].flatMap(Quantity.millicores) ?? .max
        let memory = node.status.allocatable["memory"].flatMap(Quantity.bytes) ?? .max
        if want.cpuRequestMilli > 0 && requested.cpuMilli + want.cpuRequestMilli > cpu {
            return Rejection(reason: "Insufficient cpu", preemptionMightHelp: true)
        }
        if want.memoryRequestBytes > 0 && requested.memoryBytes + want.memoryRequestBytes > memory {
            return Rejection(reason: "Insufficient memory", preemptionMightHelp: true)
        }
        return nil
    }

    static func tolerates(_ t: Toleration, _ taint: Taint) -> Bool {
        if let effect = t.effect, !effect.isEmpty, effect != taint.effect { return false }
        if t.operator == "Exists" { return t.key == nil || t.key == "" || t.key == taint.key }
        return t.key == taint.key && (t.value ?? "") == (taint.value ?? "")
    }

    /// FitError's wording: `0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Too many pods.
    /// preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption
    /// victims found for incoming pod.` Each part is a histogram of reasons, sorted as strings.
    static func failureMessage(total: Int, rejections: [Rejection]) -> String {
        func histogram(_ reasons: [String]) -> String {
            var counts: [String: Int] = [:]
            for r in reasons { counts[r, default: 0] += 1 }
            return counts.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
        }
        let filters = histogram(rejections.map(\.reason))
        let preemption = histogram(rejections.map {
            $0.preemptionMightHelp ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling"
        })
        return "0/\(total) nodes are available: \(filters). preemption: 0/\(total) nodes are available: \(preemption)."
    }
}
