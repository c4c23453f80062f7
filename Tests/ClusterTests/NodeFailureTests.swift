import XCTest
import KubeAPI
import Runtime
@testable import Cluster

/// Node heartbeats, the node lifecycle controller and taint-based eviction on the teaching clock
/// (heartbeat 1 s, grace 4 s, toleration 4 s), driven by a ManualClock.
final class NodeFailureTests: ControllerTestCase {
    func node(_ name: String) -> Node? { cluster.sync { cluster.nodes.get(ObjectKey(namespace: "", name: name)) } }
    func ready(_ name: String) -> NodeCondition? { node(name)?.status.conditions.first { $0.type == "Ready" } }
    func taints(_ name: String) -> [String] { node(name)?.spec.taints.map { "\($0.key):\($0.effect)" } ?? [] }

    /// One Deployment pod, Running on a worker; returns its name and node.
    func runningWebPod() throws -> (name: String, node: String) {
        try create(makeDeployment(replicas: 1))
        let pod = try XCTUnwrap(pods().first)
        XCTAssertEqual(pod.status.phase, "Running")
        return (pod.metadata.name, try XCTUnwrap(pod.spec.nodeName))
    }

    func testHeartbeatsKeepNodesReadyAndMoveTheHeartbeatTime() {
        let before = ready("worker-1")?.lastHeartbeatTime
        advance(60)
        XCTAssertEqual(ready("worker-1")?.status, "True")
        XCTAssertEqual(ready("worker-1")?.lastHeartbeatTime, clock.now.truncatedToSeconds)
        XCTAssertNotEqual(ready("worker-1")?.lastHeartbeatTime, before)
        XCTAssertEqual(taints("worker-1"), [])
    }

    func testPodsGetAnIPFromTheirNodesPodCIDRAndTheNodeAsHostIP() throws {
        let (name, nodeName) = try runningWebPod()
        let pod = try XCTUnwrap(self.pod(name))
        let index = nodeName == "worker-1" ? 1 : 2
        XCTAssertEqual(pod.status.hostIP, "172.18.0.\(index + 2)")
        XCTAssertTrue(pod.status.podIP?.hasPrefix("10.244.\(index).") ?? false, "\(pod.status.podIP ?? "nil")")
        XCTAssertEqual(node(nodeName)?.spec.podCIDR, "10.244.\(index).0/24")
    }

    func testNewPodsGetTheDefaultTolerationsOfTheTimingInForce() throws {
        _ = try runningWebPod()
        let tolerations = try XCTUnwrap(pods().first).spec.tolerations
        XCTAssertEqual(tolerations.map { "\($0.key ?? ""):\($0.effect ?? ""):\($0.tolerationSeconds ?? -1)" },
                       ["node.kubernetes.io/not-ready:NoExecute:4", "node.kubernetes.io/unreachable:NoExecute:4"])
    }

    func testSilentNodeTurnsNotReadyAfterTheGracePeriodWithTaintsAndUnreadyPods() throws {
        let (name, nodeName) = try runningWebPod()
        try cluster.sync { try cluster.stopNode(nodeName) }
        settle()
        XCTAssertTrue(runtime.processes(onNode: nodeName).isEmpty, "a stopped node's processes are gone")
        advance(3.9)
        XCTAssertEqual(ready(nodeName)?.status, "True", "still inside the grace period")
        XCTAssertEqual(pod(name)?.status.phase, "Running", "nobody reports the dead processes")
        advance(0.2)
        let condition = try XCTUnwrap(ready(nodeName))
        XCTAssertEqual(condition.status, "Unknown")
        XCTAssertEqual(condition.reason, "NodeStatusUnknown")
        XCTAssertEqual(condition.message, "Kubelet stopped posting node status.")
        XCTAssertEqual(taints(nodeName), ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"])
        XCTAssertNotNil(node(nodeName)?.spec.taints.first?.timeAdded)
        XCTAssertEqual(pod(name)?.status.conditions.first { $0.type == "Ready" }?.status, "False")
        XCTAssertEqual(events("NodeNotReady", about: nodeName), ["Node \(nodeName) status is now: NodeNotReady"])
        XCTAssertEqual(events("NodeNotReady", about: name), ["Node is not ready"])
        XCTAssertEqual(deployment()?.status.availableReplicas ?? 0, 0)
        XCTAssertEqual(pods().count, 1, "no replacement before the toleration runs out")
    }

    func testEvictionAfterTheTolerationReplacesThePodOnTheOtherWorker() throws {
        let (name, nodeName) = try runningWebPod()
        try cluster.sync { try cluster.stopNode(nodeName) }
        advance(4.1)
        XCTAssertNil(pod(name)?.metadata.deletionTimestamp)
        advance(3.8)
        XCTAssertNil(pod(name)?.metadata.deletionTimestamp, "toleration not over yet")
        advance(0.2)
        XCTAssertEqual(events("TaintManagerEviction", about: name), ["Marking for deletion Pod default/\(name)"])
        XCTAssertNotNil(pod(name)?.metadata.deletionTimestamp, "evicted: Terminating")
        let replacement = try XCTUnwrap(pods().first { $0.metadata.name != name })
        let other = nodeName == "worker-1" ? "worker-2" : "worker-1"
        XCTAssertEqual(replacement.spec.nodeName, other)
        XCTAssertEqual(replacement.status.phase, "Running")
        advance(120)
        XCTAssertNotNil(pod(name), "the old pod stays Terminating while its node is down")
        XCTAssertEqual(deployment()?.status.availableReplicas, 1)
    }

    func testNodeBackIsReadyUntaintedAndItsStalePodsAreRemoved() throws {
        let (name, nodeName) = try runningWebPod()
        try cluster.sync { try cluster.stopNode(nodeName) }
        advance(20)
        XCTAssertNotNil(pod(name)?.metadata.deletionTimestamp)
        try cluster.sync { try cluster.startNode(nodeName) }
        settle()
        XCTAssertEqual(ready(nodeName)?.status, "True")
        XCTAssertEqual(ready(nodeName)?.reason, "KubeletReady")
        XCTAssertEqual(taints(nodeName), [])
        XCTAssertNil(pod(name), "the pod deleted while its node was away is finalized")
        XCTAssertEqual(pods().count, 1)
        XCTAssertEqual(events("NodeReady", about: nodeName), ["Node \(nodeName) status is now: NodeReady"])
    }

    func testANodeBackBeforeTheTolerationKeepsItsPodWhichRestarts() throws {
        let (name, nodeName) = try runningWebPod()
        try cluster.sync { try cluster.stopNode(nodeName) }
        advance(5)
        XCTAssertEqual(ready(nodeName)?.status, "Unknown")
        try cluster.sync { try cluster.startNode(nodeName) }
        settle()
        advance(10)
        let pod = try XCTUnwrap(self.pod(name))
        XCTAssertNil(pod.metadata.deletionTimestamp)
        XCTAssertEqual(events("TaintManagerEviction", about: name), ["Cancelling deletion of Pod default/\(name)"])
        XCTAssertEqual(pod.status.phase, "Running")
        XCTAssertEqual(pod.status.containerStatuses.first?.restartCount, 1)
        XCTAssertEqual(pod.status.containerStatuses.first?.lastState.terminated?.reason, "Unknown")
        XCTAssertEqual(pod.status.conditions.first { $0.type == "Ready" }?.status, "True")
    }

    func testStoppingTwiceOrAnUnknownNodeIsAnError() throws {
        try cluster.sync { try cluster.stopNode("worker-2") }
        XCTAssertThrowsError(try cluster.sync { try cluster.stopNode("worker-2") }) {
            XCTAssertEqual("\($0)", "node worker-2 is already stopped")
        }
        XCTAssertThrowsError(try cluster.sync { try cluster.startNode("worker-9") }) {
            XCTAssertEqual("\($0)", "no node named \"worker-9\"")
        }
        XCTAssertThrowsError(try cluster.sync { try cluster.startNode("worker-1") }) {
            XCTAssertEqual("\($0)", "node worker-1 is already running")
        }
    }
}
