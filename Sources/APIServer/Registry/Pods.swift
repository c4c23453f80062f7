import KubeAPI
import Cluster

extension ResourceDefinition {
    /// core/v1 pods. Created through the cluster (Pending status, default tolerations) and deleted
    /// gracefully; the kubelet removes them once their processes are gone.
    static let pods = typed(
        .pod, categories: ["all"], subresources: ["status", "log", "exec", "attach", "eviction", "binding", "portforward"],
        store: { $0.pods }, wrap: APIObject.pod, unwrap: { if case .pod(let p) = $0 { return p } else { return nil } },
        status: \Pod.status, blankStatus: PodStatus(),
        table: PodTable.table,
        fields: [
            "spec.nodeName": { $0.spec.nodeName ?? "" },
            "spec.restartPolicy": { $0.spec.restartPolicy },
            "spec.schedulerName": { $0.spec.schedulerName },
            "spec.serviceAccountName": { $0.spec.serviceAccountName },
            "spec.hostNetwork": { _ in "false" },
            "status.phase": { $0.status.phase },
            "status.podIP": { $0.status.podIP ?? "" },
            "status.nominatedNodeName": { _ in "" },
        ],
        create: { cluster, pod in try cluster.createPod(pod) },
        delete: { cluster, key, grace in
            let pod = try cluster.deletePod(key, gracePeriod: grace)
            return cluster.pods.get(key) == nil ? nil : pod
        })
}
