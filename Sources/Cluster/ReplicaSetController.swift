import Foundation
import KubeAPI

/// Keeps `spec.replicas` pods running for each ReplicaSet (Kubernetes' ReplicaSet controller): claims
/// pods by controller reference and selector (adopting matching orphans, releasing pods that stopped
/// matching), creates or deletes the difference and writes status.
///
/// Kubernetes needs "expectations" because its informer cache lags its own creates; here the store and
/// the `PodIndex` update synchronously inside `createPod`, so a sync always sees its own pods.
final class ReplicaSetController {
    static let component = "replicaset-controller"
    private unowned let cluster: Cluster
    private var work: WorkQueue<ObjectKey>?
    /// RS keys with a requeue timer pending (minReadySeconds), so timers don't pile up.
    private var timers: Set<ObjectKey> = []

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<ObjectKey>(queue: cluster.queue) { [unowned self] in self.sync($0) }
        self.work = work
        cluster.replicaSets.watch { work.add($0.object.key) }
        cluster.pods.watch { [unowned self] in self.podChanged($0.object) }
    }

    func enqueue(_ key: ObjectKey) { work?.add(key) }

    /// The pod's controller if it is a ReplicaSet; for an orphan, every ReplicaSet that could adopt it.
    private func podChanged(_ pod: Pod) {
        let ns = pod.metadata.namespace ?? ""
        if let ref = pod.metadata.controllerRef {
            if ref.kind == ReplicaSet.kind { work?.add(ObjectKey(namespace: ns, name: ref.name)) }
            return
        }
        guard pod.metadata.deletionTimestamp == nil else { return }
        for rs in cluster.replicaSets.list(namespace: ns) {
            if let s = ControllerSupport.usable(rs.spec.selector), s.matches(pod.metadata.labels) { work?.add(rs.key) }
        }
    }

    // MARK: Sync

    func sync(_ key: ObjectKey) {
        guard let rs = cluster.replicaSets.get(key) else { return }
        guard let selector = ControllerSupport.usable(rs.spec.selector) else { return }
        let claimed = claimPods(rs, selector)
        var active = claimed.filter(ControllerSupport.isActive)
        if rs.metadata.deletionTimestamp == nil {
            active = manageReplicas(rs, active)
        }
        writeStatus(rs, active)
    }

    /// Owned pods that still match, plus matching orphans adopted now (ControllerRefManager.ClaimPods).
    private func claimPods(_ rs: ReplicaSet, _ selector: LabelSelector) -> [Pod] {
        var result: [Pod] = []
        for pod in cluster.podIndex.pods(controlledBy: rs.metadata.uid) {
            if selector.matches(pod.metadata.labels) {
                result.append(pod)
            } else if rs.metadata.deletionTimestamp == nil {
                _ = try? cluster.pods.update(pod.key) { $0.metadata.ownerReferences.removeAll { $0.uid == rs.metadata.uid } }
            }
        }
        guard rs.metadata.deletionTimestamp == nil else { return result }
        let ref = ControllerSupport.ownerReference(to: rs)
        for pod in cluster.podIndex.orphans(in: rs.metadata.namespace ?? "")
        where pod.metadata.deletionTimestamp == nil && selector.matches(pod.metadata.labels) {
            if let adopted = try? cluster.pods.update(pod.key, { $0.metadata.ownerReferences.append(ref) }) {
                result.append(adopted)
            }
        }
        return result
    }

    /// Creates or deletes pods to reach spec.replicas; returns the active pods afterwards.
    private func manageReplicas(_ rs: ReplicaSet, _ active: [Pod]) -> [Pod] {
        let diff = active.count - rs.spec.replicas
        if diff < 0 {
            let owner = ControllerSupport.ownerReference(to: rs)
            var result = active
            for _ in 0..<(-diff) {
                let pod = ControllerSupport.pod(from: rs.spec.template, namespace: rs.metadata.namespace ?? "default", owner: owner)
                do {
                    let created = try cluster.createPod(pod, generateName: rs.metadata.name + "-")
                    result.append(created)
                    event(rs, reason: "SuccessfulCreate", message: "Created pod: \(created.metadata.name)")
                } catch {
                    event(rs, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error)")
                    break
                }
            }
            return result
        }
        if diff > 0 {
            let doomed = PodDeletionRanking.podsToDelete(active, count: diff)
            let doomedKeys = Set(doomed.map(\.key))
            for pod in doomed {
                do {
                    try cluster.deletePod(pod.key)
                    event(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.metadata.name)")
                } catch {
                    event(rs, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(error)")
                }
            }
            return active.filter { !doomedKeys.contains($0.key) }
        }
        return active
    }

    private func writeStatus(_ rs: ReplicaSet, _ active: [Pod]) {
        let now = cluster.clock.now
        var status = ReplicaSetStatus()
        status.replicas = active.count
        status.fullyLabeledReplicas = active.filter { ControllerSupport.hasAllLabels($0, of: rs.spec.template) }.count
        status.readyReplicas = active.filter(ControllerSupport.isReady).count
        status.availableReplicas = active.filter {
            ControllerSupport.isAvailable($0, minReadySeconds: rs.spec.minReadySeconds, now: now)
        }.count
        status.observedGeneration = rs.metadata.generation ?? 0
        if status != rs.status {
            _ = try? cluster.replicaSets.update(rs.key) { $0.status = status }
        }
        // A pod ready but not yet for minReadySeconds becomes available later: look again then.
        let due = active.compactMap { ControllerSupport.becomesAvailable($0, minReadySeconds: rs.spec.minReadySeconds) }
            .filter { $0 >= now }.min()
        if let due, !timers.contains(rs.key) {
            timers.insert(rs.key)
            let key = rs.key
            cluster.clock.schedule(after: due.timeIntervalSince(now) + 1, on: cluster.queue) { [weak self] in
                self?.timers.remove(key)
                self?.work?.add(key)
            }
        }
    }

    private func event(_ rs: ReplicaSet, type: String = "Normal", reason: String, message: String) {
        cluster.recorder.record(kind: ReplicaSet.kind, apiVersion: ReplicaSet.apiVersion, meta: rs.metadata, type: type,
                                reason: reason, message: message, component: ReplicaSetController.component)
    }
}
