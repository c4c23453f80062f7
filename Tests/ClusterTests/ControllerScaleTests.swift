import XCTest
import KubeAPI
import Runtime
@testable import Cluster

/// Guards against work that grows with the square of the pod count.
final class ControllerScaleTests: ControllerTestCase {
    override var workers: Int { 6 }

    func timeToReady(replicas: Int) throws -> TimeInterval {
        let started = Date()
        try create(makeDeployment(replicas: replicas))
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(deployment()?.status.readyReplicas, replicas)
        return elapsed
    }

    func testSixHundredReplicasBecomeReadyWellUnderASecond() throws {
        let elapsed = try timeToReady(replicas: 600)
        XCTAssertLessThan(elapsed, 1.0)
        let perNode = Dictionary(grouping: pods(), by: { $0.spec.nodeName ?? "" }).mapValues(\.count)
        XCTAssertEqual(perNode.values.sorted(), [100, 100, 100, 100, 100, 100], "spread evenly by the scheduler")
        print("600 replicas ready in \(String(format: "%.3f", elapsed)) s (FakeRuntime)")
    }

    /// Store writes and wall time to heal `samples` deletes in a Deployment of `replicas`.
    func heal(replicas: Int, samples: Int) throws -> (writes: [Int], p99: TimeInterval) {
        _ = try timeToReady(replicas: replicas)
        var writes: [Int] = [], latencies: [TimeInterval] = []
        for _ in 0..<samples {
            let victim = try XCTUnwrap(pods().first { $0.metadata.deletionTimestamp == nil })
            let before = cluster.sync { cluster.revisions.current }
            let started = Date()
            try cluster.sync { _ = try cluster.deletePod(victim.key) }
            settle()
            latencies.append(Date().timeIntervalSince(started))
            writes.append(cluster.sync { cluster.revisions.current } - before)
            XCTAssertEqual(deployment()?.status.readyReplicas, replicas)
        }
        latencies.sort()
        return (writes, latencies[latencies.count * 99 / 100])
    }

    func testHealingADeletedPodCostsTheSameWritesAtAnyScale() throws {
        let small = try heal(replicas: 30, samples: 5)
        tearDown()
        setUp()
        let large = try heal(replicas: 300, samples: 50)
        XCTAssertEqual(Set(small.writes + large.writes).count, 1, "writes per heal: \(small.writes) vs \(large.writes)")
        print("self-heal: \(large.writes[0]) store writes, p99 \(String(format: "%.2f", large.p99 * 1000)) ms at 300 replicas (FakeRuntime, settle included)")
    }
}
