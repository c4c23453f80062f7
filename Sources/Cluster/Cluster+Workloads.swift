import Foundation
import KubeAPI

/// API operations on workloads, as the API server performs them (call on the cluster queue).
extension Cluster {
    /// Creates a pod named `<base><5 random chars>` (metadata.generateName), retrying on a name clash.
    @discardableResult
    public func createPod(_ pod: Pod, generateName base: String) throws -> Pod {
        var p = pod
        p.metadata.generateName = base
        var lastError: Error = StoreError.alreadyExists(kind: Pod.kind, key: p.key)
        for _ in 0..<8 {
            p.metadata.name = names.name(base: base)
            do {
                return try createPod(p)
            } catch let e as StoreError {
                guard case .alreadyExists = e else { throw e }
                lastError = e
            }
        }
        throw lastError
    }

    /// A name for `metadata.generateName`: the base and 5 random characters.
    public func generatedName(base: String) -> String { names.name(base: base) }

    /// The latest resourceVersion handed out by any store (etcd's revision).
    public var currentRevision: Int { revisions.current }

    /// Changes a Deployment's spec; `metadata.generation` moves when the spec really changed, so
    /// `rollout status` can wait for `status.observedGeneration` to catch up.
    @discardableResult
    public func updateDeploymentSpec(_ key: ObjectKey, _ mutate: (inout DeploymentSpec) throws -> Void) throws -> Deployment {
        try deployments.update(key) { try mutate(&$0.spec) }
    }

    /// Changes a ReplicaSet's spec (generation as for Deployments).
    @discardableResult
    public func updateReplicaSetSpec(_ key: ObjectKey, _ mutate: (inout ReplicaSetSpec) throws -> Void) throws -> ReplicaSet {
        try replicaSets.update(key) { try mutate(&$0.spec) }
    }

    /// Changes a DaemonSet's spec (generation as for Deployments).
    @discardableResult
    public func updateDaemonSetSpec(_ key: ObjectKey, _ mutate: (inout DaemonSetSpec) throws -> Void) throws -> DaemonSet {
        try daemonSets.update(key) { try mutate(&$0.spec) }
    }

    /// Changes a StatefulSet's spec (generation as for Deployments).
    @discardableResult
    public func updateStatefulSetSpec(_ key: ObjectKey, _ mutate: (inout StatefulSetSpec) throws -> Void) throws -> StatefulSet {
        try statefulSets.update(key) { try mutate(&$0.spec) }
    }

    /// The ReplicaSets a Deployment controls, oldest first (for `rollout history`/`undo`).
    public func replicaSets(ownedBy deployment: Deployment) -> [ReplicaSet] {
        replicaSets.list(namespace: deployment.metadata.namespace) { $0.metadata.controllerRef?.uid == deployment.metadata.uid }
            .sorted(by: DeploymentReplicaSets.olderFirst)
    }

    /// The pods a workload object (ReplicaSet, DaemonSet, StatefulSet) controls, by name.
    public func pods(controlledBy uid: String) -> [Pod] {
        podIndex.pods(controlledBy: uid).sorted { $0.key < $1.key }
    }
}
