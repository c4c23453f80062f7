import Foundation
import KubeAPI

/// Deletes what a removed owner leaves behind (background cascading deletion, Kubernetes' garbage
/// collector reduced to the kinds kubetutor stores): a Deployment's ReplicaSets, and the pods of a
/// ReplicaSet, DaemonSet or StatefulSet, which go through graceful deletion like any other.
/// Dependents are found by the owner's UID in their ownerReferences, controller or not.
final class GarbageCollector {
    private unowned let cluster: Cluster
    private var work: WorkQueue<Owner>?

    /// A removed owner: its UID and namespace (dependents live in the owner's namespace).
    struct Owner: Hashable {
        var uid: String
        var namespace: String
    }

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<Owner>(queue: cluster.queue) { [weak self] in self?.collect($0) }
        self.work = work
        func removed<T: StoredObject>(_ store: ObjectStore<T>) {
            store.watch { event in
                guard case .deleted(let o) = event else { return }
                work.add(Owner(uid: o.metadata.uid, namespace: o.metadata.namespace ?? ""))
            }
        }
        removed(cluster.deployments)
        removed(cluster.replicaSets)
        removed(cluster.daemonSets)
        removed(cluster.statefulSets)
    }

    private func collect(_ owner: Owner) {
        let ownedBy: (ObjectMeta) -> Bool = { meta in meta.ownerReferences.contains { $0.uid == owner.uid } }
        for rs in cluster.replicaSets.list(namespace: owner.namespace, where: { ownedBy($0.metadata) }) {
            removeOrRelease(cluster.replicaSets, rs, owner)
        }
        var pods = cluster.podIndex.pods(controlledBy: owner.uid)
        // Owned without being controlled (rare): only a walk over the namespace finds them.
        pods += cluster.pods.list(namespace: owner.namespace) {
            $0.metadata.controllerRef?.uid != owner.uid && ownedBy($0.metadata)
        }
        for pod in pods {
            if pod.metadata.ownerReferences.count > 1 {
                _ = try? cluster.pods.update(pod.key) { $0.metadata.ownerReferences.removeAll { $0.uid == owner.uid } }
            } else if pod.metadata.deletionTimestamp == nil {
                _ = try? cluster.deletePod(pod.key)
            }
        }
    }

    /// Removes a dependent whose only owner is gone; one with other owners just loses the reference.
    private func removeOrRelease<T: StoredObject>(_ store: ObjectStore<T>, _ object: T, _ owner: Owner) {
        if object.metadata.ownerReferences.count > 1 {
            _ = try? store.update(object.key) { $0.metadata.ownerReferences.removeAll { $0.uid == owner.uid } }
        } else {
            store.remove(object.key)
        }
    }
}
