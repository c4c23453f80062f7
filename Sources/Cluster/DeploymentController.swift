import Foundation
import KubeAPI

/// Rolls Deployments out through ReplicaSets (Kubernetes' deployment controller): one ReplicaSet per
/// pod template, named `<deployment>-<pod-template-hash>`, scaled by the Recreate or RollingUpdate
/// strategy, with revisions, proportional scaling, history cleanup, status and conditions.
final class DeploymentController {
    static let component = "deployment-controller"
    unowned let cluster: Cluster
    private var work: WorkQueue<ObjectKey>?
    /// Hash collisions seen per Deployment UID (Kubernetes keeps this in status.collisionCount).
    var collisionCounts: [String: Int32] = [:]
    /// Deployment keys with a progress-deadline timer pending.
    var deadlineTimers: Set<ObjectKey> = []

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<ObjectKey>(queue: cluster.queue) { [weak self] in self?.sync($0) }
        self.work = work
        cluster.deployments.watch { work.add($0.object.key) }
        cluster.replicaSets.watch { [weak self] in self?.replicaSetChanged($0.object) }
        cluster.podIndex.watch { [weak self] pod, removed in
            // Recreate waits for old pods to be gone: a removed pod may unblock its Deployment.
            if removed { self?.podRemoved(pod) }
        }
    }

    func enqueue(_ key: ObjectKey) { work?.add(key) }

    private func replicaSetChanged(_ rs: ReplicaSet) {
        let ns = rs.metadata.namespace ?? ""
        if let ref = rs.metadata.controllerRef {
            if ref.kind == Deployment.kind { work?.add(ObjectKey(namespace: ns, name: ref.name)) }
            return
        }
        for d in cluster.deployments.list(namespace: ns) {
            if let s = ControllerSupport.usable(d.spec.selector), s.matches(rs.metadata.labels) { work?.add(d.key) }
        }
    }

    private func podRemoved(_ pod: Pod) {
        guard let ref = pod.metadata.controllerRef, ref.kind == ReplicaSet.kind else { return }
        let ns = pod.metadata.namespace ?? ""
        guard let rs = cluster.replicaSets.get(ObjectKey(namespace: ns, name: ref.name)),
              let owner = rs.metadata.controllerRef, owner.kind == Deployment.kind else { return }
        work?.add(ObjectKey(namespace: ns, name: owner.name))
    }

    // MARK: Sync

    func sync(_ key: ObjectKey) {
        guard let d = cluster.deployments.get(key) else { return }
        // A store error means an object vanished mid-sync; its watch event brings us back.
        try? syncDeployment(d)
    }

    private func syncDeployment(_ deployment: Deployment) throws {
        var d = deployment
        guard ControllerSupport.usable(d.spec.selector) != nil else {
            // Kubernetes refuses to select every pod; it only records that it saw this generation.
            if d.status.observedGeneration < (d.metadata.generation ?? 0) {
                try cluster.deployments.update(d.key) { $0.status.observedGeneration = d.metadata.generation ?? 0 }
            }
            return
        }
        let sets = try claimReplicaSets(d)
        if d.metadata.deletionTimestamp != nil {
            let (d2, newRS, old) = try replicaSetsAndSyncRevision(d, sets, create: false)
            try syncStatus(d2, all: old + [newRS].compactMap { $0 }, newRS: newRS)
            return
        }
        d = try checkPausedConditions(d)
        if d.spec.paused || isScalingEvent(d, sets) {
            try syncScaling(d, sets)
            return
        }
        if d.spec.strategy.type == "Recreate" {
            try rolloutRecreate(d, sets)
        } else {
            try rolloutRolling(d, sets)
        }
    }

    /// Owned ReplicaSets that still match, plus matching orphans adopted now.
    private func claimReplicaSets(_ d: Deployment) throws -> [ReplicaSet] {
        guard let selector = d.spec.selector else { return [] }
        var result: [ReplicaSet] = []
        let ref = ControllerSupport.ownerReference(to: d)
        for rs in cluster.replicaSets.list(namespace: d.metadata.namespace ?? "") {
            let owner = rs.metadata.controllerRef
            let matches = selector.matches(rs.metadata.labels)
            if owner?.uid == d.metadata.uid {
                if matches {
                    result.append(rs)
                } else if d.metadata.deletionTimestamp == nil {
                    try cluster.replicaSets.update(rs.key) { $0.metadata.ownerReferences.removeAll { $0.uid == d.metadata.uid } }
                }
            } else if owner == nil, matches, d.metadata.deletionTimestamp == nil, rs.metadata.deletionTimestamp == nil {
                result.append(try cluster.replicaSets.update(rs.key) { $0.metadata.ownerReferences.append(ref) })
            }
        }
        return result
    }

    /// The ReplicaSets again, as the store has them now (after scaling some).
    func refreshed(_ sets: [ReplicaSet]) -> [ReplicaSet] { sets.compactMap { cluster.replicaSets.get($0.key) } }

    /// isScalingEvent: an active ReplicaSet was sized for a different replica count.
    private func isScalingEvent(_ d: Deployment, _ sets: [ReplicaSet]) -> Bool {
        DeploymentReplicaSets.active(sets).contains { rs in
            DeploymentReplicaSets.desiredReplicas(rs).map { $0 != d.spec.replicas } ?? false
        }
    }

    /// Paused deployments say so in their Progressing condition; resumed ones too.
    private func checkPausedConditions(_ d: Deployment) throws -> Deployment {
        let cond = DeploymentConditions.get(d.status, "Progressing")
        if cond?.reason == DeploymentConditions.timedOut { return d }
        let pausedShown = cond?.reason == "DeploymentPaused"
        var status = d.status
        let now = cluster.clock.now
        if d.spec.paused && !pausedShown {
            DeploymentConditions.set(&status, .make("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now))
        } else if !d.spec.paused && pausedShown {
            DeploymentConditions.set(&status, .make("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now))
        } else {
            return d
        }
        return try cluster.deployments.update(d.key) { $0.status = status }
    }

    // MARK: Strategies

    private func rolloutRolling(_ deployment: Deployment, _ sets: [ReplicaSet]) throws {
        let (d, maybeNew, old) = try replicaSetsAndSyncRevision(deployment, sets, create: true)
        guard let newRS = maybeNew else { return }
        let all = old + [newRS]
        if try reconcileNewReplicaSet(d, all: all, newRS: newRS) {
            try syncRolloutStatus(d, all: refreshed(all), newRS: cluster.replicaSets.get(newRS.key))
            return
        }
        if try reconcileOldReplicaSets(d, all: all, old: DeploymentReplicaSets.active(old), newRS: newRS) {
            try syncRolloutStatus(d, all: refreshed(all), newRS: cluster.replicaSets.get(newRS.key))
            return
        }
        let current = DeploymentStatusCalculator.status(d, all: all, newRS: newRS, now: cluster.clock.now)
        if DeploymentMath.isComplete(d, current) { try cleanup(d, old: old) }
        try syncRolloutStatus(d, all: refreshed(all), newRS: newRS)
    }

    private func rolloutRecreate(_ deployment: Deployment, _ sets: [ReplicaSet]) throws {
        var (d, newRS, old) = try replicaSetsAndSyncRevision(deployment, sets, create: false)
        var scaledDown = false
        for rs in DeploymentReplicaSets.active(old) {
            if try scaleAndRecord(rs, to: 0, d) { scaledDown = true }
        }
        if scaledDown || oldPodsRunning(old) {
            try syncRolloutStatus(d, all: refreshed(old + [newRS].compactMap { $0 }), newRS: newRS)
            return
        }
        if newRS == nil { (d, newRS, old) = try replicaSetsAndSyncRevision(d, sets, create: true) }
        if let rs = newRS { try scaleAndRecord(rs, to: d.spec.replicas, d) }
        let all = refreshed(old + [newRS].compactMap { $0 })
        let fresh = newRS.flatMap { cluster.replicaSets.get($0.key) }
        let current = DeploymentStatusCalculator.status(d, all: all, newRS: fresh, now: cluster.clock.now)
        if DeploymentMath.isComplete(d, current) { try cleanup(d, old: old) }
        try syncRolloutStatus(d, all: refreshed(all), newRS: fresh)
    }

    /// Any pod of an old ReplicaSet still counted or present (terminating included).
    private func oldPodsRunning(_ old: [ReplicaSet]) -> Bool {
        if DeploymentReplicaSets.statusReplicas(old) > 0 { return true }
        return old.contains { rs in
            cluster.podIndex.pods(controlledBy: rs.metadata.uid).contains { $0.status.phase != "Failed" && $0.status.phase != "Succeeded" }
        }
    }

    /// Scaling without a rollout (paused, or only replicas changed): resize, then write status.
    private func syncScaling(_ deployment: Deployment, _ sets: [ReplicaSet]) throws {
        let (d, newRS, old) = try replicaSetsAndSyncRevision(deployment, sets, create: false)
        try scale(d, newRS: newRS, old: old)
        if d.spec.paused { try cleanup(d, old: refreshed(old)) }
        let fresh = newRS.flatMap { cluster.replicaSets.get($0.key) }
        try syncStatus(d, all: refreshed(old + [newRS].compactMap { $0 }), newRS: fresh)
    }
}
