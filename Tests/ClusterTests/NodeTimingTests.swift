import XCTest
import KubeAPI
@testable import Cluster

/// Switching between the teaching clock and Kubernetes' real node timings.
final class NodeTimingTests: ControllerTestCase {
    func ready(_ name: String) -> String? {
        cluster.sync { cluster.nodes.get(ObjectKey(namespace: "", name: name)) }?.status.conditions.first { $0.type == "Ready" }?.status
    }

    func annotation(_ name: String) -> String? {
        cluster.sync { cluster.nodes.get(ObjectKey(namespace: "", name: name)) }?.metadata.annotations[NodeTiming.annotation]
    }

    func testNodesShowTheTimingInForce() {
        XCTAssertEqual(cluster.sync { cluster.timing }, .fast)
        XCTAssertEqual(annotation("worker-1"), "fast: heartbeat 1s, node-monitor grace 4s, toleration 4s (Kubernetes: 10s, 50s, 300s)")
        cluster.sync { cluster.setTiming(.real) }
        settle()
        XCTAssertEqual(annotation("control-plane"), "real: heartbeat 10s, node-monitor grace 50s, toleration 300s")
    }

    func testRealTimingWaitsFiftySecondsAndNewPodsTolerateFiveMinutes() throws {
        cluster.sync { cluster.setTiming(.real) }
        settle()
        try create(makeDeployment(replicas: 1))
        let pod = try XCTUnwrap(pods().first)
        XCTAssertEqual(Set(pod.spec.tolerations.map(\.tolerationSeconds)), [300])
        let node = try XCTUnwrap(pod.spec.nodeName)
        try cluster.sync { try cluster.stopNode(node) }
        advance(49.9)
        XCTAssertEqual(ready(node), "True")
        advance(0.2)
        XCTAssertEqual(ready(node), "Unknown")
        advance(299.8)
        XCTAssertNil(self.pod(pod.metadata.name)?.metadata.deletionTimestamp)
        advance(0.2)
        XCTAssertNotNil(self.pod(pod.metadata.name)?.metadata.deletionTimestamp)
    }

    func testSwitchingToFastShortensTheGraceOfANodeAlreadySilent() throws {
        cluster.sync { cluster.setTiming(.real) }
        settle()
        try cluster.sync { try cluster.stopNode("worker-2") }
        advance(10)
        XCTAssertEqual(ready("worker-2"), "True")
        cluster.sync { cluster.setTiming(.fast) }
        settle()
        XCTAssertEqual(ready("worker-2"), "Unknown", "silent for 10 s, longer than the fast grace")
        XCTAssertEqual(ready("worker-1"), "True")
    }

    func testTimingNamesAndConfig() {
        XCTAssertEqual(NodeTiming.named("real"), .real)
        XCTAssertNil(NodeTiming.named("slow"))
        XCTAssertEqual(ClusterConfig(timing: .real).timing.grace, 50)
    }
}
