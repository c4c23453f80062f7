import Foundation
import KubeAPI

/// Sizing ReplicaSets: the rolling-update steps, proportional scaling and history cleanup
/// (rolling.go, sync.go in Kubernetes' deployment controller).
extension DeploymentController {
    /// Grows the new ReplicaSet as far as maxSurge allows (or shrinks it to spec.replicas).
    func reconcileNewReplicaSet(_ d: Deployment, all: [ReplicaSet], newRS: ReplicaSet) throws -> Bool {
        if newRS.spec.replicas == d.spec.replicas { return false }
        if newRS.spec.replicas > d.spec.replicas { return try scaleAndRecord(newRS, to: d.spec.replicas, d) }
        return try scaleAndRecord(newRS, to: DeploymentMath.newRSReplicas(d, all: all, newRS: newRS), d)
    }

    /// Shrinks old ReplicaSets as far as maxUnavailable allows: unhealthy pods first, then available ones.
    func reconcileOldReplicaSets(_ d: Deployment, all: [ReplicaSet], old: [ReplicaSet], newRS: ReplicaSet) throws -> Bool {
        if DeploymentReplicaSets.specReplicas(old) == 0 { return false }
        let minAvailable = d.spec.replicas - DeploymentMath.maxUnavailable(d)
        let newUnavailable = newRS.spec.replicas - newRS.status.availableReplicas
        let maxScaledDown = DeploymentReplicaSets.specReplicas(all) - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return false }
        let cleaned = try cleanupUnhealthyReplicas(d, old: old, max: maxScaledDown)
        let scaled = try scaleDownOldForRollingUpdate(d, all: refreshed(old) + [newRS], old: refreshed(old))
        return cleaned + scaled > 0
    }

    private func cleanupUnhealthyReplicas(_ d: Deployment, old: [ReplicaSet], max: Int) throws -> Int {
        var total = 0
        for rs in old.sorted(by: DeploymentReplicaSets.olderFirst) {
            if total >= max { break }
            if rs.spec.replicas == 0 { continue }
            let unhealthy = rs.spec.replicas - rs.status.availableReplicas
            if unhealthy <= 0 { continue }
            let count = min(max - total, unhealthy)
            try scaleAndRecord(rs, to: rs.spec.replicas - count, d)
            total += count
        }
        return total
    }

    private func scaleDownOldForRollingUpdate(_ d: Deployment, all: [ReplicaSet], old: [ReplicaSet]) throws -> Int {
        let minAvailable = d.spec.replicas - DeploymentMath.maxUnavailable(d)
        let available = DeploymentReplicaSets.availableReplicas(all)
        if available <= minAvailable { return 0 }
        let target = available - minAvailable
        var total = 0
        for rs in old.sorted(by: DeploymentReplicaSets.olderFirst) {
            if total >= target { break }
            if rs.spec.replicas == 0 { continue }
            let count = min(rs.spec.replicas, target - total)
            try scaleAndRecord(rs, to: rs.spec.replicas - count, d)
            total += count
        }
        return total
    }

    /// Resizes for a changed spec.replicas: the one active set, or proportionally across a rollout.
    func scale(_ d: Deployment, newRS: ReplicaSet?, old: [ReplicaSet]) throws {
        if let only = activeOrLatest(newRS: newRS, old: old) {
            if only.spec.replicas != d.spec.replicas { try scaleAndRecord(only, to: d.spec.replicas, d) }
            return
        }
        if DeploymentMath.isSaturated(d, newRS) {
            for rs in DeploymentReplicaSets.active(old) { try scaleAndRecord(rs, to: 0, d) }
            return
        }
        guard DeploymentMath.isRollingUpdate(d) else { return }
        var sets = DeploymentReplicaSets.active(old + [newRS].compactMap { $0 })
        let allowed = d.spec.replicas > 0 ? d.spec.replicas + DeploymentMath.maxSurge(d) : 0
        let toAdd = allowed - DeploymentReplicaSets.specReplicas(sets)
        // Scaling up favours the biggest, newest sets; scaling down the biggest, oldest.
        sets.sort { a, b in
            if a.spec.replicas != b.spec.replicas { return a.spec.replicas > b.spec.replicas }
            return toAdd > 0 ? DeploymentReplicaSets.olderFirst(b, a) : DeploymentReplicaSets.olderFirst(a, b)
        }
        var sizes = sets.map(\.spec.replicas)
        var added = 0
        if toAdd != 0 {
            for (i, rs) in sets.enumerated() {
                let p = DeploymentMath.proportion(rs, d, toAdd: toAdd, added: added)
                sizes[i] += p
                added += p
            }
        }
        for (i, rs) in sets.enumerated() {
            if i == 0, toAdd != 0 { sizes[0] = max(0, sizes[0] + toAdd - added) }
            try scaleReplicaSet(rs, to: sizes[i], d)
        }
    }

    /// FindActiveOrLatest: the single set with pods, or the newest when none has any.
    private func activeOrLatest(newRS: ReplicaSet?, old: [ReplicaSet]) -> ReplicaSet? {
        let newestFirst = old.sorted { DeploymentReplicaSets.olderFirst($1, $0) }
        let active = DeploymentReplicaSets.active(newestFirst + [newRS].compactMap { $0 })
        switch active.count {
        case 0: return newRS ?? newestFirst.first
        case 1: return active[0]
        default: return nil
        }
    }

    /// Resizes one ReplicaSet and records ScalingReplicaSet; true when its size changed.
    @discardableResult
    func scaleAndRecord(_ rs: ReplicaSet, to size: Int, _ d: Deployment) throws -> Bool {
        if rs.spec.replicas == size { return false }
        return try scaleReplicaSet(rs, to: size, d)
    }

    @discardableResult
    private func scaleReplicaSet(_ rs: ReplicaSet, to size: Int, _ d: Deployment) throws -> Bool {
        let resize = rs.spec.replicas != size
        let maxReplicas = d.spec.replicas + DeploymentMath.maxSurge(d)
        let annotate = DeploymentReplicaSets.replicasAnnotationsNeedUpdate(rs, desired: d.spec.replicas, max: maxReplicas)
        guard resize || annotate else { return false }
        try cluster.replicaSets.update(rs.key) {
            $0.spec.replicas = size
            DeploymentReplicaSets.setReplicasAnnotations(&$0, desired: d.spec.replicas, max: maxReplicas)
        }
        if resize {
            event(d, reason: "ScalingReplicaSet",
                  message: "Scaled \(rs.spec.replicas < size ? "up" : "down") replica set \(rs.metadata.name) from \(rs.spec.replicas) to \(size)")
        }
        return resize
    }

    /// Deletes the oldest empty ReplicaSets beyond spec.revisionHistoryLimit.
    func cleanup(_ d: Deployment, old: [ReplicaSet]) throws {
        let alive = refreshed(old).filter { $0.metadata.deletionTimestamp == nil }
        let surplus = alive.count - d.spec.revisionHistoryLimit
        guard surplus > 0 else { return }
        let byRevision = alive.sorted {
            let ra = DeploymentReplicaSets.revision($0), rb = DeploymentReplicaSets.revision($1)
            return ra == rb ? DeploymentReplicaSets.olderFirst($0, $1) : ra < rb
        }
        for rs in byRevision.prefix(surplus) {
            guard rs.status.replicas == 0, rs.spec.replicas == 0,
                  (rs.metadata.generation ?? 0) <= rs.status.observedGeneration else { continue }
            cluster.replicaSets.remove(rs.key)
        }
    }
}
