import Foundation
import APIServer
import KubeAPI
import Cluster

/// The shell's kubectl reads through the API layer's registry (call on the cluster queue).
extension Cluster {
    var api: APIServer { APIServer.of(self) }

    func objects(of kind: ResourceKind, namespace: String?) -> [APIObject] {
        (try? api.list(kind, namespace: kind.namespaced ? namespace : nil).items) ?? []
    }

    func object(of kind: ResourceKind, namespace: String, name: String) -> APIObject? {
        try? api.get(kind, namespace: namespace, name: name)
    }

    /// Events whose involvedObject is `meta`'s object, oldest first (for describe).
    func events(for meta: ObjectMeta) -> [Event] {
        events.list(namespace: nil) { $0.involvedObject.uid == meta.uid }
            .sorted { ($0.firstTimestamp ?? .distantPast, Int($0.metadata.resourceVersion) ?? 0) < ($1.firstTimestamp ?? .distantPast, Int($1.metadata.resourceVersion) ?? 0) }
    }

    /// Watches a kind from now on (the caller lists first); returns a function that stops it.
    func watch(_ kind: ResourceKind, _ handler: @escaping (String, APIObject) -> Void) -> () -> Void {
        guard let handle = try? api.watch(kind, namespace: nil, options: ListOptions(resourceVersion: String(currentRevision)), { type, o in
            handler(type.rawValue, o)
        }) else { return {} }
        return { handle.stop() }
    }
}

extension APIError {
    /// As kubectl reports it.
    var kubectl: KubectlError { KubectlError(kubectlMessage) }
}
