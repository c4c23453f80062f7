/// The controller manager: every workload controller and the garbage collector, started together
/// once the stores exist. Each controller watches stores and works from its own `WorkQueue`.
final class Controllers {
    let replicaSets: ReplicaSetController
    let deployments: DeploymentController
    let daemonSets: DaemonSetController
    let statefulSets: StatefulSetController
    let garbageCollector: GarbageCollector

    init(cluster: Cluster) {
        replicaSets = ReplicaSetController(cluster: cluster)
        deployments = DeploymentController(cluster: cluster)
        daemonSets = DaemonSetController(cluster: cluster)
        statefulSets = StatefulSetController(cluster: cluster)
        garbageCollector = GarbageCollector(cluster: cluster)
    }

    func start() {
        garbageCollector.start()
        replicaSets.start()
        deployments.start()
        daemonSets.start()
        statefulSets.start()
    }
}
