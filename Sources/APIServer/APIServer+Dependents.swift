import Foundation
import KubeAPI
import Cluster

/// Deletion propagation (`propagationPolicy`): Background is the cluster's garbage collector; Orphan
/// releases dependents first; Foreground keeps the owner, with the `foregroundDeletion` finalizer,
/// until its dependents are gone.
extension APIServer {
    static let foregroundFinalizer = "foregroundDeletion"

    /// Objects whose ownerReferences name `owner` (same namespace), across every kind.
    func dependents(of owner: APIObject) -> [(ResourceDefinition, APIObject)] {
        let uid = owner.metadata.uid
        var found: [(ResourceDefinition, APIObject)] = []
        for d in registry.definitions where d.resource.namespaced {
            for o in d.list(cluster, owner.metadata.namespace) where o.metadata.ownerReferences.contains(where: { $0.uid == uid }) {
                found.append((d, o))
            }
        }
        return found
    }

    func orphanDependents(of owner: APIObject) {
        for (d, o) in dependents(of: owner) {
            var released = o
            released.metadata.ownerReferences.removeAll { $0.uid == owner.metadata.uid }
            _ = try? d.replace(cluster, released)
        }
    }

    func startForegroundDeletion(_ owner: APIObject, _ d: ResourceDefinition) throws -> APIObject {
        var marked = owner
        if marked.metadata.deletionTimestamp == nil { marked.metadata.deletionTimestamp = cluster.clock.now.truncatedToSeconds }
        marked.metadata.deletionGracePeriodSeconds = 0
        if !marked.metadata.finalizers.contains(Self.foregroundFinalizer) { marked.metadata.finalizers.append(Self.foregroundFinalizer) }
        let stored = try d.replace(cluster, marked)
        waitingOwners.append((d, ObjectKey(namespace: owner.metadata.namespace ?? "", name: owner.name)))
        // Dependents that own others go the same way, so the owner waits for the whole tree.
        for (dd, o) in dependents(of: owner) where o.metadata.deletionTimestamp == nil {
            if dd.resource != .pod, !dependents(of: o).isEmpty {
                _ = try? startForegroundDeletion(o, dd)
            } else {
                _ = try? dd.remove(cluster, ObjectKey(namespace: o.metadata.namespace ?? "", name: o.name), nil)
            }
        }
        finishForegroundDeletions()
        return stored
    }

    /// Removes owners in foreground deletion whose dependents are all gone (called after every delete;
    /// nothing to do, and no scan, unless an owner waits).
    func finishForegroundDeletions() {
        guard !waitingOwners.isEmpty else { return }
        let waiting = waitingOwners
        waitingOwners = []
        for (d, key) in waiting {
            guard let o = d.get(cluster, key) else { continue }
            if dependents(of: o).isEmpty {
                _ = try? d.remove(cluster, key, nil)
            } else {
                waitingOwners.append((d, key))
            }
        }
    }
}
