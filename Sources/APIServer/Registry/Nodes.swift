import KubeAPI
import Cluster

extension ResourceDefinition {
    /// core/v1 nodes: kubetutor's own, one per simulated machine; clients cordon and label them.
    static let nodes = typed(
        .node, subresources: ["status", "proxy"],
        store: { $0.nodes }, wrap: APIObject.node, unwrap: { if case .node(let n) = $0 { return n } else { return nil } },
        status: \Node.status, blankStatus: NodeStatus(),
        table: NodeTable.table,
        fields: ["spec.unschedulable": { $0.spec.unschedulable ? "true" : "false" }],
        clientsMayCreate: false)
}
