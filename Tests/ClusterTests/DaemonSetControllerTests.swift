import XCTest
import KubeAPI
import Runtime
@testable import Cluster

final class DaemonSetControllerTests: ControllerTestCase {
    override var workers: Int { 3 }

    func makeDaemonSet(_ name: String = "agent") -> DaemonSet {
        var ds = DaemonSet()
        ds.metadata.name = name
        ds.metadata.namespace = "default"
        ds.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        ds.spec.template = template()
        return ds
    }

    func create(_ ds: DaemonSet) throws {
        try cluster.sync { _ = try cluster.daemonSets.create(ds) }
        settle()
    }

    func daemonPods() -> [Pod] { pods().filter { $0.metadata.controllerRef?.kind == "DaemonSet" && $0.metadata.deletionTimestamp == nil } }

    func testOnePodPerWorkerAndNoneOnTheTaintedControlPlane() throws {
        try create(makeDaemonSet())
        let pods = daemonPods()
        XCTAssertEqual(pods.compactMap(\.spec.nodeName).sorted(), ["worker-1", "worker-2", "worker-3"])
        XCTAssertTrue(pods.allSatisfy { $0.metadata.name.hasPrefix("agent-") && $0.metadata.name.count == "agent-".count + 5 })
        XCTAssertTrue(pods.allSatisfy { $0.status.phase == "Running" })
        let tolerations = try XCTUnwrap(pods.first?.spec.tolerations.compactMap(\.key))
        XCTAssertTrue(tolerations.contains("node.kubernetes.io/unschedulable"))
        XCTAssertTrue(tolerations.contains("node.kubernetes.io/not-ready"))
        let ds = try XCTUnwrap(cluster.sync { cluster.daemonSets.get(key("agent")) })
        XCTAssertEqual(ds.status.desiredNumberScheduled, 3)
        XCTAssertEqual(ds.status.currentNumberScheduled, 3)
        XCTAssertEqual(ds.status.numberReady, 3)
        XCTAssertEqual(ds.status.numberAvailable, 3)
        XCTAssertEqual(ds.status.updatedNumberScheduled, 3)
        XCTAssertEqual(ds.status.numberMisscheduled, 0)
        XCTAssertEqual(ds.status.observedGeneration, 1)
        XCTAssertEqual(events("SuccessfulCreate", about: "agent").count, 3)
    }

    func testToleratingTheControlPlaneTaintRunsThereToo() throws {
        var ds = makeDaemonSet()
        var t = Toleration()
        t.key = "node-role.kubernetes.io/control-plane"
        t.operator = "Exists"
        t.effect = "NoSchedule"
        ds.spec.template.spec.tolerations = [t]
        try create(ds)
        XCTAssertEqual(daemonPods().compactMap(\.spec.nodeName).sorted(), ["control-plane", "worker-1", "worker-2", "worker-3"])
    }

    func testADeletedDaemonPodIsReplacedOnItsNode() throws {
        try create(makeDaemonSet())
        let victim = try XCTUnwrap(daemonPods().first { $0.spec.nodeName == "worker-2" })
        try cluster.sync { _ = try cluster.deletePod(victim.key) }
        settle()
        let replacement = try XCTUnwrap(daemonPods().first { $0.spec.nodeName == "worker-2" })
        XCTAssertNotEqual(replacement.metadata.name, victim.metadata.name)
        XCTAssertEqual(daemonPods().count, 3)
    }

    func testATemplateChangeReplacesPodsNodeByNode() throws {
        try create(makeDaemonSet())
        try cluster.sync { _ = try cluster.updateDaemonSetSpec(key("agent")) { $0.template.spec.containers[0].image = "nginx:1.27" } }
        settle()
        XCTAssertEqual(daemonPods().count, 3)
        XCTAssertTrue(daemonPods().allSatisfy { $0.spec.containers[0].image == "nginx:1.27" })
        XCTAssertEqual(cluster.sync { cluster.daemonSets.get(key("agent"))?.status.updatedNumberScheduled }, 3)
    }
}
