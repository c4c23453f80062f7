import XCTest
import KubeAPI
import Runtime
@testable import Cluster

final class ReplicaSetControllerTests: ControllerTestCase {
    func ownedPods(_ rs: String = "frontend") -> [Pod] {
        pods().filter { $0.metadata.controllerRef?.name == rs && $0.metadata.deletionTimestamp == nil }
    }

    func testCreatesReplicasNamedAfterTheSetLabelledAndOwnedByIt() throws {
        try create(makeReplicaSet(replicas: 3))
        let rs = try XCTUnwrap(replicaSet("frontend"))
        let owned = ownedPods()
        XCTAssertEqual(owned.count, 3)
        for p in owned {
            XCTAssertTrue(p.metadata.name.hasPrefix("frontend-"))
            let suffix = p.metadata.name.dropFirst("frontend-".count)
            XCTAssertEqual(suffix.count, 5)
            XCTAssertTrue(suffix.allSatisfy { safeAlphabet.contains($0) }, "suffix \(suffix)")
            XCTAssertEqual(p.metadata.generateName, "frontend-")
            XCTAssertEqual(p.metadata.labels, ["app": "web"])
            XCTAssertEqual(p.metadata.ownerReferences,
                           [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "frontend", uid: rs.metadata.uid)])
            XCTAssertEqual(p.status.phase, "Running")
        }
        XCTAssertEqual(events("SuccessfulCreate", about: "frontend").sorted(),
                       owned.map { "Created pod: \($0.metadata.name)" }.sorted())
        XCTAssertEqual(rs.status.replicas, 3)
        XCTAssertEqual(rs.status.fullyLabeledReplicas, 3)
        XCTAssertEqual(rs.status.readyReplicas, 3)
        XCTAssertEqual(rs.status.availableReplicas, 3)
        XCTAssertEqual(rs.status.observedGeneration, 1)
        XCTAssertEqual(rs.metadata.generation, 1)
    }

    func testADeletedPodIsReplacedAtOnceUnderANewName() throws {
        runtime.exitOnTerm = false
        try create(makeReplicaSet(replicas: 2))
        let victim = try XCTUnwrap(ownedPods().first)
        try cluster.sync { _ = try cluster.deletePod(victim.key) }
        settle()
        // The victim is still Terminating (grace period), yet the replacement already runs.
        XCTAssertNotNil(pod(victim.metadata.name)?.metadata.deletionTimestamp)
        let now = ownedPods()
        XCTAssertEqual(now.count, 2)
        XCTAssertFalse(now.contains { $0.metadata.name == victim.metadata.name })
        XCTAssertTrue(now.allSatisfy { $0.status.phase == "Running" })
        XCTAssertEqual(replicaSet("frontend")?.status.replicas, 2)
    }

    func testScalingUpCreatesAndScalingDownDeletesWithEvents() throws {
        try create(makeReplicaSet(replicas: 2))
        try cluster.sync { _ = try cluster.updateReplicaSetSpec(key("frontend")) { $0.replicas = 5 } }
        settle()
        XCTAssertEqual(ownedPods().count, 5)
        XCTAssertEqual(replicaSet("frontend")?.metadata.generation, 2)
        XCTAssertEqual(replicaSet("frontend")?.status.observedGeneration, 2)
        try cluster.sync { _ = try cluster.updateReplicaSetSpec(key("frontend")) { $0.replicas = 1 } }
        settle()
        XCTAssertEqual(ownedPods().count, 1)
        XCTAssertEqual(events("SuccessfulDelete", about: "frontend").count, 4)
        XCTAssertTrue(events("SuccessfulDelete", about: "frontend").allSatisfy { $0.hasPrefix("Deleted pod: frontend-") })
        XCTAssertEqual(replicaSet("frontend")?.status.replicas, 1)
    }

    func testScaleDownDeletesAPodThatIsNotReadyFirst() throws {
        try create(makeReplicaSet(replicas: 3))
        let sick = try XCTUnwrap(ownedPods().first)
        // Crash its container twice: the second crash waits in CrashLoopBackOff, not ready.
        for _ in 0..<2 {
            let pid = try XCTUnwrap(cluster.sync { cluster.containerProcess(pod: sick.key, container: "nginx") })
            runtime.exit(pid, code: 1)
            settle()
        }
        XCTAssertEqual(pod(sick.metadata.name)?.status.containerStatuses.first?.ready, false)
        try cluster.sync { _ = try cluster.updateReplicaSetSpec(key("frontend")) { $0.replicas = 2 } }
        settle()
        XCTAssertEqual(events("SuccessfulDelete", about: "frontend"), ["Deleted pod: \(sick.metadata.name)"])
    }

    func testAdoptsAMatchingOrphanAndReleasesAPodRelabelledAway() throws {
        var orphan = Pod()
        orphan.metadata.name = "stray"
        orphan.metadata.labels = ["app": "web"]
        orphan.spec = template().spec
        try cluster.sync { _ = try cluster.createPod(orphan) }
        settle()
        try create(makeReplicaSet(replicas: 2))
        XCTAssertEqual(pod("stray")?.metadata.controllerRef?.name, "frontend", "the orphan is adopted")
        XCTAssertEqual(ownedPods().count, 2, "so only one pod is created")
        try cluster.sync { _ = try cluster.pods.update(key("stray")) { $0.metadata.labels["app"] = "debug" } }
        settle()
        XCTAssertNil(pod("stray")?.metadata.controllerRef, "released when its labels stop matching")
        XCTAssertEqual(ownedPods().count, 2, "and replaced")
    }

    func testMinReadySecondsDelaysAvailability() throws {
        var rs = makeReplicaSet(replicas: 1)
        rs.spec.minReadySeconds = 10
        try create(rs)
        XCTAssertEqual(replicaSet("frontend")?.status.readyReplicas, 1)
        XCTAssertEqual(replicaSet("frontend")?.status.availableReplicas, 0)
        advance(12)
        XCTAssertEqual(replicaSet("frontend")?.status.availableReplicas, 1)
    }

    func testPodsOfOtherSetsAndOtherLabelsAreLeftAlone() throws {
        try create(makeReplicaSet(replicas: 1))
        var other = makeReplicaSet("backend", replicas: 1)
        other.spec.selector = LabelSelector(matchLabels: ["app": "db"])
        other.spec.template.metadata.labels = ["app": "db"]
        try create(other)
        XCTAssertEqual(ownedPods("frontend").count, 1)
        XCTAssertEqual(ownedPods("backend").count, 1)
    }
}
