import XCTest
import KubeAPI
import Runtime
@testable import Cluster

final class StatefulSetControllerTests: ControllerTestCase {
    func makeStatefulSet(_ name: String = "db", replicas: Int = 3, image: String = "nginx:latest") -> StatefulSet {
        var sts = StatefulSet()
        sts.metadata.name = name
        sts.metadata.namespace = "default"
        sts.spec.replicas = replicas
        sts.spec.serviceName = name
        sts.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        sts.spec.template = template(image: image)
        return sts
    }

    func create(_ sts: StatefulSet) throws {
        try cluster.sync { _ = try cluster.statefulSets.create(sts) }
        settle()
    }

    func statefulSet() -> StatefulSet? { cluster.sync { cluster.statefulSets.get(key("db")) } }

    func testPodsAreCreatedInOrdinalOrderWithStableNames() throws {
        try create(makeStatefulSet())
        XCTAssertEqual(pods().map(\.metadata.name), ["db-0", "db-1", "db-2"])
        XCTAssertEqual(events("SuccessfulCreate", about: "db"), [
            "create Pod db-0 in StatefulSet db successful",
            "create Pod db-1 in StatefulSet db successful",
            "create Pod db-2 in StatefulSet db successful",
        ])
        let p = try XCTUnwrap(pod("db-1"))
        XCTAssertEqual(p.metadata.labels["statefulset.kubernetes.io/pod-name"], "db-1")
        XCTAssertEqual(p.metadata.labels["apps.kubernetes.io/pod-index"], "1")
        XCTAssertEqual(p.spec.hostname, "db-1")
        let s = try XCTUnwrap(statefulSet()?.status)
        XCTAssertEqual(s.replicas, 3)
        XCTAssertEqual(s.readyReplicas, 3)
        XCTAssertEqual(s.currentReplicas, 3)
        XCTAssertEqual(s.updatedReplicas, 3)
        XCTAssertEqual(s.availableReplicas, 3)
        XCTAssertEqual(s.currentRevision, s.updateRevision)
    }

    func testTheNextOrdinalWaitsUntilThePreviousIsRunningAndReady() throws {
        try create(makeStatefulSet(image: "ngnix:typo"))
        XCTAssertEqual(pods().map(\.metadata.name), ["db-0"], "db-0 cannot pull its image, so db-1 never starts")
        try cluster.sync { _ = try cluster.pods.update(key("db-0")) { $0.spec.containers[0].image = "nginx:latest" } }
        settle()
        XCTAssertEqual(pods().map(\.metadata.name), ["db-0", "db-1"], "db-1 runs the set's (still broken) template")
    }

    func testScaleDownRemovesTheHighestOrdinalFirst() throws {
        runtime.exitOnTerm = false
        try create(makeStatefulSet(replicas: 3))
        try cluster.sync { _ = try cluster.updateStatefulSetSpec(key("db")) { $0.replicas = 1 } }
        settle()
        XCTAssertNotNil(pod("db-2")?.metadata.deletionTimestamp)
        XCTAssertNil(pod("db-1")?.metadata.deletionTimestamp, "db-1 waits until db-2 is gone")
        advance(30)
        XCTAssertNil(pod("db-2"))
        XCTAssertNotNil(pod("db-1")?.metadata.deletionTimestamp)
        advance(30)
        XCTAssertEqual(pods().map(\.metadata.name), ["db-0"])
        XCTAssertEqual(events("SuccessfulDelete", about: "db"), [
            "delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful",
        ])
    }

    func testADeletedPodIsRecreatedUnderTheSameName() throws {
        runtime.exitOnTerm = false
        try create(makeStatefulSet(replicas: 2))
        let before = try XCTUnwrap(pod("db-1"))
        try cluster.sync { _ = try cluster.deletePod(before.key) }
        settle()
        XCTAssertEqual(pod("db-1")?.metadata.uid, before.metadata.uid, "still terminating")
        advance(30)
        let after = try XCTUnwrap(pod("db-1"))
        XCTAssertNotEqual(after.metadata.uid, before.metadata.uid)
        XCTAssertEqual(after.status.phase, "Running")
    }

    func testARollingUpdateReplacesPodsFromTheHighestOrdinal() throws {
        try create(makeStatefulSet(replicas: 3))
        try cluster.sync { _ = try cluster.updateStatefulSetSpec(key("db")) { $0.template.spec.containers[0].image = "nginx:1.27" } }
        settle()
        XCTAssertTrue(pods().allSatisfy { $0.spec.containers[0].image == "nginx:1.27" })
        XCTAssertEqual(events("SuccessfulDelete", about: "db"), [
            "delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful",
            "delete Pod db-0 in StatefulSet db successful",
        ])
        let s = try XCTUnwrap(statefulSet()?.status)
        XCTAssertEqual(s.updatedReplicas, 3)
        XCTAssertEqual(s.currentRevision, s.updateRevision)
    }
}
