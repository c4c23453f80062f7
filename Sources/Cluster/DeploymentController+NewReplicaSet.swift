import Foundation
import KubeAPI

/// Finding or creating the ReplicaSet for the Deployment's current template, and its revision
/// (getAllReplicaSetsAndSyncRevision / getNewReplicaSet in Kubernetes).
extension DeploymentController {
    /// The Deployment (with revision annotation and condition brought up to date), its new ReplicaSet
    /// (created when `create` and missing) and the old ones, oldest first.
    func replicaSetsAndSyncRevision(_ d: Deployment, _ sets: [ReplicaSet], create: Bool)
        throws -> (Deployment, ReplicaSet?, [ReplicaSet]) {
        let sorted = sets.sorted(by: DeploymentReplicaSets.olderFirst)
        let template = ControllerSupport.withoutHash(d.spec.template)
        let existing = sorted.first { ControllerSupport.withoutHash($0.spec.template) == template }
        let old = sorted.filter { $0.metadata.uid != existing?.metadata.uid }
        let (d2, newRS) = try newReplicaSet(d, existing: existing, old: old, create: create)
        return (d2, newRS, old)
    }

    private func newReplicaSet(_ d: Deployment, existing: ReplicaSet?, old: [ReplicaSet], create: Bool)
        throws -> (Deployment, ReplicaSet?) {
        let newRevision = DeploymentReplicaSets.maxRevision(old) + 1
        let maxSurge = DeploymentMath.maxSurge(d)
        let now = cluster.clock.now
        if let existing {
            var copy = existing
            let annotationsChanged = DeploymentReplicaSets.setNewReplicaSetAnnotations(
                d, &copy, newRevision: newRevision, exists: true, maxSurge: maxSurge)
            var rs = existing
            if annotationsChanged || copy.spec.minReadySeconds != d.spec.minReadySeconds {
                rs = try cluster.replicaSets.update(existing.key) {
                    $0.metadata.annotations = copy.metadata.annotations
                    $0.spec.minReadySeconds = d.spec.minReadySeconds
                }
            }
            var updated = d
            var changed = setRevision(&updated, rs.metadata.annotations[DeploymentReplicaSets.revisionAnnotation] ?? "")
            if DeploymentConditions.get(updated.status, "Progressing") == nil {
                DeploymentConditions.set(&updated.status, .make("Progressing", "True", "FoundNewReplicaSet",
                                                                "Found new replica set \"\(rs.metadata.name)\"", now))
                changed = true
            }
            if changed { updated = try writeMetadataAndStatus(updated) }
            return (updated, rs)
        }
        guard create else { return (d, nil) }

        let collisions = collisionCounts[d.metadata.uid]
        let hash = podTemplateHash(d.spec.template, collisionCount: collisions)
        var template = d.spec.template
        template.metadata.labels["pod-template-hash"] = hash
        var selector = d.spec.selector ?? LabelSelector()
        selector.matchLabels["pod-template-hash"] = hash
        var rs = ReplicaSet()
        rs.metadata.name = "\(d.metadata.name)-\(hash)"
        rs.metadata.namespace = d.metadata.namespace
        rs.metadata.labels = template.metadata.labels
        rs.metadata.ownerReferences = [ControllerSupport.ownerReference(to: d)]
        rs.spec.selector = selector
        rs.spec.template = template
        rs.spec.minReadySeconds = d.spec.minReadySeconds
        rs.spec.replicas = DeploymentMath.newRSReplicas(d, all: old, newRS: nil)
        _ = DeploymentReplicaSets.setNewReplicaSetAnnotations(d, &rs, newRevision: newRevision, exists: false, maxSurge: maxSurge)
        let created: ReplicaSet
        do {
            created = try cluster.replicaSets.create(rs)
        } catch StoreError.alreadyExists {
            // Ours with the same template (e.g. adoption raced): use it. Otherwise a hash collision:
            // count it so the next hash differs, and try again.
            if let clash = cluster.replicaSets.get(rs.key), clash.metadata.controllerRef?.uid == d.metadata.uid,
               ControllerSupport.withoutHash(clash.spec.template) == ControllerSupport.withoutHash(d.spec.template) {
                enqueue(d.key)
                return (d, clash)
            }
            collisionCounts[d.metadata.uid, default: 0] += 1
            enqueue(d.key)
            return (d, nil)
        }
        if created.spec.replicas > 0 {
            event(d, reason: "ScalingReplicaSet",
                  message: "Scaled up replica set \(created.metadata.name) from 0 to \(created.spec.replicas)")
        }
        var updated = d
        _ = setRevision(&updated, String(newRevision))
        DeploymentConditions.set(&updated.status, .make("Progressing", "True", "NewReplicaSetCreated",
                                                        "Created new replica set \"\(created.metadata.name)\"", now))
        updated = try writeMetadataAndStatus(updated)
        return (updated, created)
    }

    /// Sets the Deployment's revision annotation; true when it changed.
    private func setRevision(_ d: inout Deployment, _ revision: String) -> Bool {
        guard d.metadata.annotations[DeploymentReplicaSets.revisionAnnotation] != revision else { return false }
        d.metadata.annotations[DeploymentReplicaSets.revisionAnnotation] = revision
        return true
    }

    /// Writes what the controller owns on a Deployment: annotations and status, never the spec.
    func writeMetadataAndStatus(_ d: Deployment) throws -> Deployment {
        try cluster.deployments.update(d.key) {
            $0.metadata.annotations = d.metadata.annotations
            $0.status = d.status
        }
    }

    func event(_ d: Deployment, type: String = "Normal", reason: String, message: String) {
        cluster.recorder.record(kind: Deployment.kind, apiVersion: Deployment.apiVersion, meta: d.metadata, type: type,
                                reason: reason, message: message, component: DeploymentController.component)
    }
}
