import Foundation
import KubeAPI

/// Kubernetes' taint eviction controller (the NoExecute taint manager): a pod on a node with a
/// NoExecute taint it does not tolerate is deleted at once; one it tolerates for
/// `tolerationSeconds` is deleted when that time is up, unless the taint goes away first.
/// The deletion is graceful: on a node that is down, nobody confirms it and the pod stays Terminating.
final class TaintEvictionController {
    static let component = "taint-eviction-controller"
    private unowned let cluster: Cluster
    /// Scheduled evictions by pod, with the UID they were made for and a token against stale timers.
    private var scheduled: [ObjectKey: (uid: String, token: Int)] = [:]
    private var tokens = 0
    private var nodeWork: WorkQueue<String>?
    private var podWork: WorkQueue<ObjectKey>?
    /// Each node's NoExecute taints as last seen, to react only when they change.
    private var seenTaints: [String: [Taint]] = [:]

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let nodeWork = WorkQueue<String>(queue: cluster.queue) { [weak self] in self?.processNode($0) }
        self.nodeWork = nodeWork
        let podWork = WorkQueue<ObjectKey>(queue: cluster.queue) { [weak self] in self?.processPod($0) }
        self.podWork = podWork
        cluster.nodes.watch { [weak self] event in
            guard let self else { return }
            let node = event.object
            let noExecute = Self.noExecuteTaints(node)
            if case .deleted = event { self.seenTaints[node.metadata.name] = nil; return }
            if self.seenTaints[node.metadata.name] != noExecute {
                self.seenTaints[node.metadata.name] = noExecute
                nodeWork.add(node.metadata.name)
            }
        }
        cluster.pods.watch { [weak self] event in
            guard let self else { return }
            let pod = event.object
            if case .deleted = event {
                self.cancel(pod.key, uid: pod.metadata.uid, quietly: true)
                return
            }
            // Only pods bound to a node with NoExecute taints need a look; other status writes are ignored.
            guard let node = pod.spec.nodeName, !(self.seenTaints[node] ?? []).isEmpty,
                  self.scheduled[pod.key]?.uid != pod.metadata.uid else { return }
            podWork.add(pod.key)
        }
    }

    private static func noExecuteTaints(_ node: Node) -> [Taint] {
        node.spec.taints.filter { $0.effect == "NoExecute" }.map { Taint(key: $0.key, value: $0.value, effect: $0.effect) }
    }

    private func processNode(_ name: String) {
        for pod in cluster.pods.list(where: { $0.spec.nodeName == name }) { processPod(pod.key) }
    }

    private func processPod(_ key: ObjectKey) {
        guard let pod = cluster.pods.get(key), pod.metadata.deletionTimestamp == nil, let nodeName = pod.spec.nodeName,
              let node = cluster.nodes.get(ObjectKey(namespace: "", name: nodeName)) else { return }
        let taints = node.spec.taints.filter { $0.effect == "NoExecute" }
        guard !taints.isEmpty else {
            cancel(key, uid: pod.metadata.uid, quietly: false)
            return
        }
        guard let wait = Self.minTolerationSeconds(pod.spec.tolerations, taints) else {
            evict(pod)  // a NoExecute taint it does not tolerate
            return
        }
        guard wait < .infinity else {
            cancel(key, uid: pod.metadata.uid, quietly: false)
            return
        }
        if scheduled[key]?.uid == pod.metadata.uid { return }
        tokens += 1
        let token = tokens
        let uid = pod.metadata.uid
        scheduled[key] = (uid, token)
        cluster.clock.schedule(after: wait, on: cluster.queue) { [weak self] in
            guard let self, self.scheduled[key]?.token == token else { return }
            self.scheduled[key] = nil
            guard let pod = self.cluster.pods.get(key), pod.metadata.uid == uid else { return }
            self.evict(pod)
        }
    }

    /// The shortest tolerationSeconds among the tolerations matching `taints` (∞ when all tolerate
    /// forever); nil when some taint is not tolerated at all.
    static func minTolerationSeconds(_ tolerations: [Toleration], _ taints: [Taint]) -> TimeInterval? {
        var minimum = TimeInterval.infinity
        for taint in taints {
            let matching = tolerations.filter { Scheduler.tolerates($0, taint) }
            guard !matching.isEmpty else { return nil }
            for t in matching {
                if let seconds = t.tolerationSeconds { minimum = min(minimum, TimeInterval(max(0, seconds))) }
            }
        }
        return minimum
    }

    private func evict(_ pod: Pod) {
        guard pod.metadata.deletionTimestamp == nil else { return }
        let name = "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name)"
        cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, reason: "TaintManagerEviction",
                                message: "Marking for deletion Pod \(name)", component: Self.component)
        _ = try? cluster.deletePod(pod.key)
    }

    private func cancel(_ key: ObjectKey, uid: String, quietly: Bool) {
        guard let entry = scheduled[key], entry.uid == uid else { return }
        scheduled[key] = nil
        guard !quietly, let pod = cluster.pods.get(key) else { return }
        cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, reason: "TaintManagerEviction",
                                message: "Cancelling deletion of Pod \(key.namespace)/\(key.name)", component: Self.component)
    }
}
