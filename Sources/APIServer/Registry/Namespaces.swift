import Foundation
import KubeAPI
import Cluster

extension ResourceDefinition {
    /// core/v1 namespaces. Deleting one marks it Terminating; `NamespaceLifecycle` empties and removes it.
    static let namespaces = typed(
        .namespace, subresources: ["status", "finalize"],
        store: { $0.namespaces }, wrap: APIObject.namespace,
        unwrap: { if case .namespace(let n) = $0 { return n } else { return nil } },
        status: \Namespace.status, blankStatus: NamespaceStatus(phase: "Active"),
        table: NamespaceTable.table,
        fields: ["status.phase": { $0.status.phase ?? "" }],
        delete: { cluster, key, _ in
            guard let ns = cluster.namespaces.get(key) else { throw StoreError.notFound(kind: Namespace.kind, key: key) }
            if ns.metadata.deletionTimestamp != nil { return ns }
            return try cluster.namespaces.update(key) {
                $0.metadata.deletionTimestamp = cluster.clock.now.truncatedToSeconds
                $0.metadata.deletionGracePeriodSeconds = 0
                $0.status.phase = "Terminating"
            }
        })
}
