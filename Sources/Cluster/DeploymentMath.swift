import Foundation
import KubeAPI

/// The arithmetic of rolling updates and proportional scaling (deployment/util in Kubernetes).
enum DeploymentMath {
    /// intstr.GetScaledValueFromIntOrPercent: an int as is, `N%` of `total` rounded up or down.
    static func scaled(_ value: IntOrString, total: Int, roundUp: Bool) -> Int {
        switch value {
        case .int(let i): return i
        case .string(let s):
            guard s.hasSuffix("%"), let percent = Int(s.dropLast()) else { return Int(s) ?? 0 }
            let exact = Double(percent) * Double(total) / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        }
    }

    /// ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 would block, so unavailable 1.
    static func fenceposts(_ d: Deployment) -> (surge: Int, unavailable: Int) {
        let ru = d.spec.strategy.rollingUpdate ?? RollingUpdateDeployment()
        let surge = scaled(ru.maxSurge, total: d.spec.replicas, roundUp: true)
        var unavailable = scaled(ru.maxUnavailable, total: d.spec.replicas, roundUp: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    static func isRollingUpdate(_ d: Deployment) -> Bool { d.spec.strategy.type != "Recreate" }

    static func maxSurge(_ d: Deployment) -> Int { isRollingUpdate(d) ? fenceposts(d).surge : 0 }

    static func maxUnavailable(_ d: Deployment) -> Int {
        guard isRollingUpdate(d), d.spec.replicas > 0 else { return 0 }
        return min(fenceposts(d).unavailable, d.spec.replicas)
    }

    /// NewRSNewReplicas: how big the new ReplicaSet may be now.
    static func newRSReplicas(_ d: Deployment, all: [ReplicaSet], newRS: ReplicaSet?) -> Int {
        guard isRollingUpdate(d) else { return d.spec.replicas }
        let current = newRS?.spec.replicas ?? 0
        let total = DeploymentReplicaSets.specReplicas(all)
        let maxTotal = d.spec.replicas + maxSurge(d)
        if total >= maxTotal { return current }
        return current + min(maxTotal - total, d.spec.replicas - current)
    }

    /// IsSaturated: the new ReplicaSet alone runs the whole Deployment.
    static func isSaturated(_ d: Deployment, _ rs: ReplicaSet?) -> Bool {
        guard let rs else { return false }
        return DeploymentReplicaSets.desiredReplicas(rs) == d.spec.replicas
            && rs.spec.replicas == d.spec.replicas && rs.status.availableReplicas == d.spec.replicas
    }

    /// GetProportion: this ReplicaSet's share of `toAdd`, bounded by what is left to add.
    static func proportion(_ rs: ReplicaSet, _ d: Deployment, toAdd: Int, added: Int) -> Int {
        guard rs.spec.replicas > 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction = fractionOf(rs, d)
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// getReplicaSetFraction: the change this set gets when the Deployment changes size.
    private static func fractionOf(_ rs: ReplicaSet, _ d: Deployment) -> Int {
        if d.spec.replicas == 0 { return -rs.spec.replicas }
        let deploymentReplicas = d.spec.replicas + maxSurge(d)
        // Without the annotation (or a zero one), fall back to the Deployment's current size.
        let annotated = DeploymentReplicaSets.maxReplicas(rs).flatMap { $0 == 0 ? nil : $0 } ?? d.status.replicas
        guard annotated > 0 else { return 0 }
        let newSize = (Double(rs.spec.replicas * deploymentReplicas) / Double(annotated)).rounded()
        return Int(newSize) - rs.spec.replicas
    }

    /// DeploymentComplete: every replica updated and available, and this generation observed.
    static func isComplete(_ d: Deployment, _ status: DeploymentStatus) -> Bool {
        status.updatedReplicas == d.spec.replicas && status.replicas == d.spec.replicas
            && status.availableReplicas == d.spec.replicas && status.observedGeneration >= (d.metadata.generation ?? 0)
    }

    /// DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before.
    static func isProgressing(_ d: Deployment, _ status: DeploymentStatus) -> Bool {
        let old = d.status
        return status.updatedReplicas > old.updatedReplicas
            || (status.replicas - status.updatedReplicas) < (old.replicas - old.updatedReplicas)
            || status.readyReplicas > old.readyReplicas
            || status.availableReplicas > old.availableReplicas
    }
}
