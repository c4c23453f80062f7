import Foundation
import KubeAPI

/// Pure helpers over a Deployment's ReplicaSets (deployment/util in Kubernetes): revisions,
/// the replica annotations, sums and orderings.
enum DeploymentReplicaSets {
    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
    static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
    /// Deployment annotations that are not copied onto its ReplicaSets.
    static let notCopied: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revisionAnnotation, revisionHistoryAnnotation,
        desiredReplicasAnnotation, maxReplicasAnnotation, "deprecated.deployment.rollback.to",
    ]
    /// Longest revision-history annotation kept (RevisionHistoryLimitInChars is 2000 in the controller).
    static let revisionHistoryLimitInChars = 2000

    static func revision(_ rs: ReplicaSet) -> Int { Int(rs.metadata.annotations[revisionAnnotation] ?? "") ?? 0 }

    static func maxRevision(_ sets: [ReplicaSet]) -> Int { sets.map(revision).max() ?? 0 }

    /// Oldest first by creation time, then by name (ReplicaSetsByCreationTimestamp).
    static func olderFirst(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
        let ta = a.metadata.creationTimestamp ?? .distantPast, tb = b.metadata.creationTimestamp ?? .distantPast
        return ta == tb ? a.metadata.name < b.metadata.name : ta < tb
    }

    static func specReplicas(_ sets: [ReplicaSet]) -> Int { sets.reduce(0) { $0 + $1.spec.replicas } }
    static func statusReplicas(_ sets: [ReplicaSet]) -> Int { sets.reduce(0) { $0 + $1.status.replicas } }
    static func readyReplicas(_ sets: [ReplicaSet]) -> Int { sets.reduce(0) { $0 + $1.status.readyReplicas } }
    static func availableReplicas(_ sets: [ReplicaSet]) -> Int { sets.reduce(0) { $0 + $1.status.availableReplicas } }

    /// ReplicaSets with pods wanted or still counted (FilterActiveReplicaSets).
    static func active(_ sets: [ReplicaSet]) -> [ReplicaSet] { sets.filter { $0.spec.replicas > 0 } }

    static func desiredReplicas(_ rs: ReplicaSet) -> Int? { rs.metadata.annotations[desiredReplicasAnnotation].flatMap { Int($0) } }
    static func maxReplicas(_ rs: ReplicaSet) -> Int? { rs.metadata.annotations[maxReplicasAnnotation].flatMap { Int($0) } }

    static func replicasAnnotationsNeedUpdate(_ rs: ReplicaSet, desired: Int, max: Int) -> Bool {
        rs.metadata.annotations[desiredReplicasAnnotation] != String(desired)
            || rs.metadata.annotations[maxReplicasAnnotation] != String(max)
    }

    /// Sets desired-replicas and max-replicas; true when anything changed.
    @discardableResult
    static func setReplicasAnnotations(_ rs: inout ReplicaSet, desired: Int, max: Int) -> Bool {
        guard replicasAnnotationsNeedUpdate(rs, desired: desired, max: max) else { return false }
        rs.metadata.annotations[desiredReplicasAnnotation] = String(desired)
        rs.metadata.annotations[maxReplicasAnnotation] = String(max)
        return true
    }

    /// Copies the Deployment's own annotations onto the ReplicaSet; true when anything changed.
    static func copyAnnotations(from d: Deployment, to rs: inout ReplicaSet) -> Bool {
        var changed = false
        for (k, v) in d.metadata.annotations where !notCopied.contains(k) && rs.metadata.annotations[k] != v {
            rs.metadata.annotations[k] = v
            changed = true
        }
        return changed
    }

    /// SetNewReplicaSetAnnotations: copied annotations, the revision (raised to `newRevision`, keeping
    /// the old number in revision-history on a rollback) and, for a new set, the replica annotations.
    static func setNewReplicaSetAnnotations(_ d: Deployment, _ rs: inout ReplicaSet, newRevision: Int, exists: Bool,
                                            maxSurge: Int) -> Bool {
        var changed = copyAnnotations(from: d, to: &rs)
        let oldText = rs.metadata.annotations[revisionAnnotation]
        if let oldText, !oldText.isEmpty, Int(oldText) == nil { return false }
        let old = oldText.flatMap { Int($0) } ?? 0
        if old < newRevision {
            rs.metadata.annotations[revisionAnnotation] = String(newRevision)
            changed = true
            if let oldText {
                var history = (rs.metadata.annotations[revisionHistoryAnnotation] ?? "").split(separator: ",").map(String.init)
                while !history.isEmpty, (history + [oldText]).joined(separator: ",").count > revisionHistoryLimitInChars {
                    history.removeFirst()
                }
                rs.metadata.annotations[revisionHistoryAnnotation] = (history + [oldText]).joined(separator: ",")
            }
        }
        if !exists, setReplicasAnnotations(&rs, desired: d.spec.replicas, max: d.spec.replicas + maxSurge) { changed = true }
        return changed
    }
}
