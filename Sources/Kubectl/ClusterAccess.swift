import Foundation
import KubeAPI
import Cluster

/// The API server's read side over the typed stores, by resource kind (call on the cluster queue).
extension Cluster {
    func objects(of kind: ResourceKind, namespace: String?) -> [APIObject] {
        let ns = kind.namespaced ? namespace : nil
        switch kind {
        case .pod: return pods.list(namespace: ns).map(APIObject.pod)
        case .deployment: return deployments.list(namespace: ns).map(APIObject.deployment)
        case .replicaSet: return replicaSets.list(namespace: ns).map(APIObject.replicaSet)
        case .event: return events.list(namespace: ns).map(APIObject.event)
        case .node: return nodes.list().map(APIObject.node)
        case .daemonSet: return daemonSets.list(namespace: ns).map(APIObject.daemonSet)
        case .statefulSet: return statefulSets.list(namespace: ns).map(APIObject.statefulSet)
        default: return []
        }
    }

    func object(of kind: ResourceKind, namespace: String, name: String) -> APIObject? {
        let key = ObjectKey(namespace: kind.namespaced ? namespace : "", name: name)
        switch kind {
        case .pod: return pods.get(key).map(APIObject.pod)
        case .deployment: return deployments.get(key).map(APIObject.deployment)
        case .replicaSet: return replicaSets.get(key).map(APIObject.replicaSet)
        case .event: return events.get(key).map(APIObject.event)
        case .node: return nodes.get(key).map(APIObject.node)
        case .daemonSet: return daemonSets.get(key).map(APIObject.daemonSet)
        case .statefulSet: return statefulSets.get(key).map(APIObject.statefulSet)
        default: return nil
        }
    }

    /// Events whose involvedObject is `meta`'s object, oldest first (for describe).
    func events(for meta: ObjectMeta) -> [Event] {
        events.list(namespace: nil) { $0.involvedObject.uid == meta.uid }
            .sorted { ($0.firstTimestamp ?? .distantPast, Int($0.metadata.resourceVersion) ?? 0) < ($1.firstTimestamp ?? .distantPast, Int($1.metadata.resourceVersion) ?? 0) }
    }

    /// Registers a watcher on the store of `kind`; returns a function that unregisters it.
    func watch(_ kind: ResourceKind, _ handler: @escaping (String, APIObject) -> Void) -> () -> Void {
        func forward<T>(_ store: ObjectStore<T>, _ wrap: @escaping (T) -> APIObject) -> () -> Void {
            let token = store.watch { event in
                switch event {
                case .added(let o): handler("ADDED", wrap(o))
                case .modified(let o): handler("MODIFIED", wrap(o))
                case .deleted(let o): handler("DELETED", wrap(o))
                }
            }
            return { store.unwatch(token) }
        }
        switch kind {
        case .pod: return forward(pods, APIObject.pod)
        case .deployment: return forward(deployments, APIObject.deployment)
        case .replicaSet: return forward(replicaSets, APIObject.replicaSet)
        case .event: return forward(events, APIObject.event)
        case .node: return forward(nodes, APIObject.node)
        case .daemonSet: return forward(daemonSets, APIObject.daemonSet)
        case .statefulSet: return forward(statefulSets, APIObject.statefulSet)
        default: return {}
        }
    }
}
