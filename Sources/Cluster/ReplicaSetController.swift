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
    /// Kubernetes' burstReplicas: at most this many creates or deletes per sync.
    static let burstReplicas = 500
    /// The next slow-start batch per ReplicaSet (1, 2, 4, … up to burstReplicas), while it grows.
    private var batches: [ObjectKey: Int] = [:]
    /// ReplicaSets told that the cluster cannot hold more pods (the event is posted once).
    private var capacityWarned: Set<ObjectKey> = []
    /// ReplicaSets waiting for room in the cluster, with a retry timer pending.
    private var capacityRetry: Set<ObjectKey> = []

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<ObjectKey>(queue: cluster.queue) { [weak self] in self?.sync($0) }
        self.work = work
        cluster.replicaSets.watch { work.add($0.object.key) }
        cluster.podIndex.watch { [weak self] pod, _ in self?.podChanged(pod) }
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
        claimPods(rs, selector)
        if rs.metadata.deletionTimestamp == nil { manageReplicas(rs, selector) }
        writeStatus(rs, selector)
    }

    /// The active pods this set controls and that match its selector, as summaries.
    private func activePods(_ rs: ReplicaSet, _ selector: LabelSelector) -> [PodSummary] {
        cluster.podIndex.summaries(controlledBy: rs.metadata.uid).filter { $0.active && selector.matches($0.labels) }
    }

    /// Releases owned pods that stopped matching and adopts matching orphans (ClaimPods).
    private func claimPods(_ rs: ReplicaSet, _ selector: LabelSelector) {
        guard rs.metadata.deletionTimestamp == nil else { return }
        let uid = rs.metadata.uid
        let strays = cluster.podIndex.summaries(controlledBy: uid).filter { !selector.matches($0.labels) }.map(\.key)
        for key in strays {
            _ = try? cluster.pods.update(key) { $0.metadata.ownerReferences.removeAll { $0.uid == uid } }
        }
        let ref = ControllerSupport.ownerReference(to: rs)
        for pod in cluster.podIndex.orphans(in: rs.metadata.namespace ?? "")
        where pod.metadata.deletionTimestamp == nil && selector.matches(pod.metadata.labels) {
            _ = try? cluster.pods.update(pod.key) { $0.metadata.ownerReferences.append(ref) }
        }
    }

    /// Creates or deletes pods to reach spec.replicas, as Kubernetes' controller does in slow-start
    /// batches (1, 2, 4, … at most burstReplicas per sync). After each batch the sync ends and the set
    /// is queued again behind other work, so no ReplicaSet, however large, holds the cluster queue
    /// (and with it the shell) for long. Pods beyond what the cluster can hold (110 per worker) are
    /// not created: they could never run, and each would cost memory.
    private func manageReplicas(_ rs: ReplicaSet, _ selector: LabelSelector) {
        let active = activePods(rs, selector)
        let diff = active.count - rs.spec.replicas
        if diff < 0 {
            let room = podRoom()
            if room <= 0 {
                warnCapacity(rs)
                batches[rs.key] = nil
                retryWhenRoom(rs.key)
                return
            }
            let batch = batches[rs.key] ?? 1
            let count = min(-diff, batch, room)
            let owner = ControllerSupport.ownerReference(to: rs)
            let pod = ControllerSupport.pod(from: rs.spec.template, namespace: rs.metadata.namespace ?? "default", owner: owner)
            var failed = false
            for _ in 0..<count {
                do {
                    let created = try cluster.createPod(pod, generateName: rs.metadata.name + "-")
                    event(rs, reason: "SuccessfulCreate", message: "Created pod: \(created.metadata.name)")
                } catch {
                    event(rs, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error)")
                    failed = true
                    break
                }
            }
            if failed || count == -diff {
                batches[rs.key] = nil
            } else {
                batches[rs.key] = min(batch * 2, Self.burstReplicas)
                requeueSoon(rs.key)
            }
        } else if diff > 0 {
            batches[rs.key] = nil
            capacityWarned.remove(rs.key)
            let candidates = active.compactMap { cluster.pods.get($0.key) }
            if diff > Self.burstReplicas { requeueSoon(rs.key) }
            for pod in PodDeletionRanking.podsToDelete(candidates, count: min(diff, Self.burstReplicas)) {
                do {
                    try cluster.deletePod(pod.key)
                    event(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.metadata.name)")
                } catch {
                    event(rs, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(error)")
                }
            }
        }
    }

    /// Queues the set again behind whatever else is waiting on the cluster queue.
    private func requeueSoon(_ key: ObjectKey) {
        cluster.queue.async { [weak self] in self?.work?.add(key) }
    }

    /// How many more pods the cluster can hold: the workers' allocatable `pods` (110 each) minus the
    /// live pods.
    private func podRoom() -> Int {
        let capacity = cluster.nodes.list()
            .filter { !$0.spec.taints.contains { $0.key == "node-role.kubernetes.io/control-plane" } }
            .reduce(0) { $0 + (Int($1.status.allocatable["pods"] ?? "") ?? 110) }
        return capacity - cluster.podIndex.liveCount
    }

    /// Looks again in a second (pods of other sets may have gone by then).
    private func retryWhenRoom(_ key: ObjectKey) {
        guard capacityRetry.insert(key).inserted else { return }
        cluster.clock.schedule(after: 1, on: cluster.queue) { [weak self] in
            self?.capacityRetry.remove(key)
            self?.work?.add(key)
        }
    }

    private func warnCapacity(_ rs: ReplicaSet) {
        guard capacityWarned.insert(rs.key).inserted else { return }
        event(rs, type: "Warning", reason: "FailedCreate",
              message: "kubetutor: no more pods are created: the cluster holds at most 110 pods per worker node. "
                  + "Kubernetes would create them and leave them Pending (\"0/N nodes are available: Too many pods\")")
    }

    private func writeStatus(_ rs: ReplicaSet, _ selector: LabelSelector) {
        let now = cluster.clock.now
        let minReady = rs.spec.minReadySeconds
        let templateLabels = rs.spec.template.metadata.labels
        var status = ReplicaSetStatus()
        var due: Date?
        for pod in activePods(rs, selector) {
            status.replicas += 1
            if templateLabels.allSatisfy({ pod.labels[$0.key] == $0.value }) { status.fullyLabeledReplicas += 1 }
            guard pod.ready else { continue }
            status.readyReplicas += 1
            if pod.available(minReadySeconds: minReady, now: now) {
                status.availableReplicas += 1
            } else if let since = pod.readySince {
                let at = since.addingTimeInterval(TimeInterval(minReady))
                due = min(due ?? at, at)
            }
        }
        status.observedGeneration = rs.metadata.generation ?? 0
        if status != rs.status {
            _ = try? cluster.replicaSets.update(rs.key) { $0.status = status }
        }
        // A pod ready but not yet for minReadySeconds becomes available later: look again then.
        if let due, !timers.contains(rs.key) {
            timers.insert(rs.key)
            let key = rs.key
            cluster.clock.schedule(after: max(0, due.timeIntervalSince(now)) + 1, on: cluster.queue) { [weak self] in
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
