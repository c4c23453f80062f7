import Foundation
import KubeAPI
import Cluster

/// The namespace controller: a namespace being deleted (`Terminating`) has everything in it deleted,
/// through the registry, and is removed once it is empty. Runs on the cluster queue.
final class NamespaceLifecycle {
    /// Namespaces that may not be deleted (kube-apiserver's default, kube-system, kube-public).
    static let immortal: Set<String> = ["default", "kube-system", "kube-public"]

    private unowned let api: APIServer

    init(api: APIServer) { self.api = api }

    func start() {
        api.watchCache.afterChange.append { [weak self] resource, type, object in
            guard let self else { return }
            if resource == .namespace, type != .deleted, object.metadata.deletionTimestamp != nil {
                self.empty(object.name)
            } else if type == .deleted, resource.namespaced, let ns = object.metadata.namespace {
                self.finishIfEmpty(ns)
            }
            if type == .deleted { self.api.finishForegroundDeletions() }
        }
    }

    private var namespaces: ObjectStore<Namespace> { api.cluster.namespaces }

    private func terminating(_ name: String) -> Bool {
        namespaces.get(ObjectKey(namespace: "", name: name))?.metadata.deletionTimestamp != nil
    }

    private func empty(_ name: String) {
        for d in api.registry.definitions where d.resource.namespaced {
            for o in d.list(api.cluster, name) where o.metadata.deletionTimestamp == nil {
                _ = try? d.remove(api.cluster, ObjectKey(namespace: name, name: o.name), nil)
            }
        }
        finishIfEmpty(name)
    }

    /// Set while a namespace's last events go, whose own DELETED events come back here.
    private var finishing = false

    private func finishIfEmpty(_ name: String) {
        guard !finishing, terminating(name) else { return }
        // Events keep arriving while pods stop; they go last, with the namespace.
        let remaining = api.registry.definitions.contains {
            $0.resource.namespaced && $0.resource != .event && !$0.list(api.cluster, name).isEmpty
        }
        guard !remaining else { return }
        finishing = true
        defer { finishing = false }
        for e in api.cluster.events.list(namespace: name) { api.cluster.events.remove(e.key) }
        namespaces.remove(ObjectKey(namespace: "", name: name))
    }
}
