import XCTest
import KubeAPI
@testable import Cluster

/// `replicas: 2147483647` is accepted as Kubernetes accepts it, but neither freezes the cluster queue
/// (slow-start batches, queued behind other work) nor grows without bound (110 pods per worker).
final class HugeReplicasTests: ControllerTestCase {
    func testHugeReplicasAreCreatedInSlowStartBatchesUpToTheClustersCapacity() throws {
        let d = makeDeployment("huge", replicas: Int(Int32.max))
        try cluster.sync { _ = try cluster.deployments.create(d) }
        // While the controllers work, the queue keeps answering: each turn holds it for one batch only.
        var longest: TimeInterval = 0
        for _ in 0..<40 {
            let started = Date()
            _ = cluster.sync { cluster.pods.list().count }
            longest = max(longest, Date().timeIntervalSince(started))
        }
        settle()
        let capacity = 110 * workers
        XCTAssertEqual(pods().count, capacity, "bounded by the workers' allocatable pods")
        XCTAssertEqual(deployment("huge")?.spec.replicas, Int(Int32.max), "the spec is kept as written")
        XCTAssertTrue(events("FailedCreate").contains { $0.contains("at most 110 pods per worker node") })
        XCTAssertLessThan(longest, 0.5, "a `get` waited \(longest) s for the queue")

        // Scaling down frees the room at once, at most burstReplicas deletions per sync.
        try updateDeployment("huge") { $0.replicas = 3 }
        settle()
        XCTAssertEqual(pods().filter { $0.metadata.deletionTimestamp == nil }.count, 3)
    }
}
