import Foundation
import Cluster
import KubeAPI

/// Issue 4's figures on a 3-worker cluster with the teaching clock: a 300-pod Deployment spread
/// across the workers until all are Ready, and self-healing after a node stop (its Deployment pods
/// Running on other workers), held to grace + toleration + 100 ms.
struct NodeBench: BenchSection {
    var title: String { "Nodes" }

    func run(in context: BenchContext) throws -> [BenchFigure] {
        let boot = try ClusterBoot.start(workers: 3)
        defer { boot.cluster.shutdown() }
        let cluster = boot.cluster
        let timing = cluster.sync { cluster.timing }
        let fleet = try Self.until(cluster, timeout: 30, start: { try cluster.deployments.create(DeploymentBench.deployment("fleet", replicas: 300)) }) {
            cluster.deployments.get(ObjectKey(namespace: "default", name: "fleet"))?.status.readyReplicas == 300
        }
        let perWorker = cluster.sync { (1...3).map { cluster.pods(onNode: "worker-\($0)").count } }
        try Self.deleteAndWait(cluster, "fleet")

        _ = try Self.until(cluster, timeout: 30, start: { try cluster.deployments.create(DeploymentBench.deployment("heal", replicas: 6)) }) {
            cluster.deployments.get(ObjectKey(namespace: "default", name: "heal"))?.status.readyReplicas == 6
        }
        var notReadyAfter = 0.0
        let started = DispatchTime.now().uptimeNanoseconds
        let healed = try Self.until(cluster, timeout: timing.grace + Double(timing.toleration) + 30,
                                    start: { try cluster.stopNode("worker-3") }) {
            if notReadyAfter == 0, cluster.nodes.get(ObjectKey(namespace: "", name: "worker-3"))?.status.conditions
                .first(where: { $0.type == "Ready" })?.status == "Unknown" {
                notReadyAfter = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            }
            let serving = cluster.pods.list(namespace: "default") {
                $0.metadata.labels["app"] == "heal" && $0.metadata.deletionTimestamp == nil && $0.spec.nodeName != "worker-3"
                    && $0.status.conditions.contains { $0.type == "Ready" && $0.status == "True" }
            }
            return serving.count == 6
        }
        try cluster.sync { try cluster.startNode("worker-3") }
        let limit = timing.grace + Double(timing.toleration)
        return [
            BenchFigure("300 pods on 3 workers (\(perWorker.map(String.init).joined(separator: "/"))): apply → all Ready",
                        fleet, .seconds, target: BenchTarget(atMost: 1.5)),
            BenchFigure("node stop → NotReady (grace \(Int(timing.grace)) s, heartbeat \(Int(timing.heartbeat)) s)", notReadyAfter, .seconds),
            BenchFigure("node stop → its 2 Deployment pods Running elsewhere (timing \(timing.name))", healed, .seconds,
                        target: BenchTarget(atMost: limit + 0.1)),
        ]
    }

    /// Runs `start` on the cluster queue, then returns the seconds until `done` (checked on every
    /// pod or node change, on the queue) holds.
    static func until(_ cluster: Cluster, timeout: TimeInterval, start: () throws -> Void, _ done: @escaping () -> Bool) throws -> Double {
        let semaphore = DispatchSemaphore(value: 0)
        var finished = false
        let check = {
            guard !finished, done() else { return }
            finished = true
            semaphore.signal()
        }
        let began = DispatchTime.now().uptimeNanoseconds
        let tokens = try cluster.sync { () -> (Int, Int, Int) in
            let tokens = (cluster.pods.watch { _ in check() }, cluster.nodes.watch { _ in check() },
                          cluster.deployments.watch { _ in check() })
            try start()
            check()
            return tokens
        }
        defer { cluster.sync { cluster.pods.unwatch(tokens.0); cluster.nodes.unwatch(tokens.1); cluster.deployments.unwatch(tokens.2) } }
        guard semaphore.wait(timeout: .now() + timeout) == .success else {
            throw BenchError("not done within \(Int(timeout)) s")
        }
        return Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    }

    /// Deletes a Deployment's pods at once and waits until they are gone.
    static func deleteAndWait(_ cluster: Cluster, _ name: String) throws {
        _ = try until(cluster, timeout: 30, start: {
            cluster.deployments.remove(ObjectKey(namespace: "default", name: name))
            for rs in cluster.replicaSets.list(namespace: "default") where rs.metadata.labels["app"] == name { cluster.replicaSets.remove(rs.key) }
            for pod in cluster.pods.list(namespace: "default") where pod.metadata.labels["app"] == name {
                _ = try? cluster.deletePod(pod.key, gracePeriod: 0)
            }
        }) { cluster.pods.list(namespace: "default").allSatisfy { $0.metadata.labels["app"] != name } }
    }
}
