import XCTest
import KubeAPI
@testable import Cluster

/// Scheduler filters, FailedScheduling wording (Kubernetes v1.32) and retries when nodes change.
final class SchedulingTests: ControllerTestCase {
    func nodeKey(_ name: String) -> ObjectKey { ObjectKey(namespace: "", name: name) }

    func makePod(_ name: String) -> Pod {
        var pod = Pod()
        pod.metadata.name = name
        pod.metadata.namespace = "default"
        pod.spec = template().spec
        return pod
    }

    func testCordonedWorkersLeaveThePodPendingWithKubernetesWording() throws {
        try cluster.sync {
            try cluster.setUnschedulable("worker-1", true)
            try cluster.setUnschedulable("worker-2", true)
            try cluster.createPod(makePod("x"))
        }
        settle()
        XCTAssertNil(pod("x")?.spec.nodeName)
        let message = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
            + "2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        XCTAssertEqual(events("FailedScheduling", about: "x"), [message])
        XCTAssertEqual(pod("x")?.status.conditions.first?.message, message)
    }

    func testCordonAddsTheUnschedulableTaintAndUncordonRetriesWaitingPods() throws {
        try cluster.sync {
            try cluster.setUnschedulable("worker-1", true)
            try cluster.setUnschedulable("worker-2", true)
            try cluster.createPod(makePod("x"))
        }
        settle()
        let taints = cluster.sync { cluster.nodes.get(nodeKey("worker-1")) }?.spec.taints.map { "\($0.key):\($0.effect)" }
        XCTAssertEqual(taints, ["node.kubernetes.io/unschedulable:NoSchedule"])
        XCTAssertEqual(try cluster.sync { try cluster.setUnschedulable("worker-1", true) }, false, "already cordoned")
        try cluster.sync { _ = try cluster.setUnschedulable("worker-2", false) }
        settle()
        XCTAssertEqual(pod("x")?.spec.nodeName, "worker-2")
        XCTAssertEqual(pod("x")?.status.phase, "Running")
        XCTAssertEqual(cluster.sync { cluster.nodes.get(nodeKey("worker-2")) }?.spec.taints, [])
    }

    func testAFullNodeIsWorthAPreemptionAttempt() {
        let rejections: [Scheduler.Rejection] = [
            .init(reason: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"),
            .init(reason: "Too many pods", preemptionMightHelp: true),
            .init(reason: "Too many pods", preemptionMightHelp: true),
        ]
        XCTAssertEqual(Scheduler.failureMessage(total: 3, rejections: rejections),
                       "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. "
                       + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.")
    }

    func testNodeSelectorMismatchIsReported() throws {
        var p = makePod("picky")
        p.spec.nodeSelector = ["disk": "ssd"]
        _ = try cluster.sync { try cluster.createPod(p) }
        settle()
        XCTAssertEqual(events("FailedScheduling", about: "picky").first?.hasPrefix(
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector."), true)
        _ = try cluster.sync { try cluster.nodes.update(nodeKey("worker-2")) { $0.metadata.labels["disk"] = "ssd" } }
        settle()
        XCTAssertEqual(pod("picky")?.spec.nodeName, "worker-2", "retried when a node's labels changed")
    }

    func testAnUnreachableNodeGetsNoNewPods() throws {
        try cluster.sync { try cluster.stopNode("worker-1") }
        advance(5)
        _ = try cluster.sync { try cluster.createPod(makePod("y")) }
        settle()
        XCTAssertEqual(pod("y")?.spec.nodeName, "worker-2")
    }
}
