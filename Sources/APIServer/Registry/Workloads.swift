import KubeAPI
import Cluster

extension ResourceDefinition {
    /// apps/v1 deployments; the deployment controller writes their status.
    static let deployments = typed(
        .deployment, categories: ["all"], subresources: ["status", "scale"],
        store: { $0.deployments }, wrap: APIObject.deployment,
        unwrap: { if case .deployment(let d) = $0 { return d } else { return nil } },
        status: \Deployment.status, blankStatus: DeploymentStatus(),
        table: DeploymentTable.table)

    /// apps/v1 replicasets.
    static let replicaSets = typed(
        .replicaSet, categories: ["all"], subresources: ["status", "scale"],
        store: { $0.replicaSets }, wrap: APIObject.replicaSet,
        unwrap: { if case .replicaSet(let r) = $0 { return r } else { return nil } },
        status: \ReplicaSet.status, blankStatus: ReplicaSetStatus(),
        table: ReplicaSetTable.table)

    /// apps/v1 daemonsets.
    static let daemonSets = typed(
        .daemonSet, categories: ["all"], subresources: ["status"],
        store: { $0.daemonSets }, wrap: APIObject.daemonSet,
        unwrap: { if case .daemonSet(let d) = $0 { return d } else { return nil } },
        status: \DaemonSet.status, blankStatus: DaemonSetStatus(),
        table: WorkloadTables.daemonSets)

    /// apps/v1 statefulsets.
    static let statefulSets = typed(
        .statefulSet, categories: ["all"], subresources: ["status", "scale"],
        store: { $0.statefulSets }, wrap: APIObject.statefulSet,
        unwrap: { if case .statefulSet(let s) = $0 { return s } else { return nil } },
        status: \StatefulSet.status, blankStatus: StatefulSetStatus(),
        table: WorkloadTables.statefulSets)
}
