import XCTest
import KubeAPI
import Runtime
@testable import Cluster

final class GarbageCollectorTests: ControllerTestCase {
    func testDeletingADeploymentRemovesItsReplicaSetsAndPods() throws {
        try create(makeDeployment(replicas: 2))
        try updateDeployment { $0.template.spec.containers[0].image = "nginx:1.27" }
        XCTAssertEqual(replicaSets().count, 2)
        cluster.sync { _ = cluster.deployments.remove(key("web")) }
        settle()
        XCTAssertTrue(replicaSets().isEmpty)
        XCTAssertTrue(pods().isEmpty)
        XCTAssertTrue(runtime.alive.isEmpty, "every pod's processes are gone")
        XCTAssertTrue(events("Killing").count >= 2, "pods went through graceful deletion")
    }

    func testDeletingAReplicaSetDeletesItsPodsGracefully() throws {
        runtime.exitOnTerm = false
        try create(makeReplicaSet(replicas: 2))
        cluster.sync { _ = cluster.replicaSets.remove(key("frontend")) }
        settle()
        XCTAssertEqual(pods().count, 2)
        XCTAssertTrue(pods().allSatisfy { $0.metadata.deletionTimestamp != nil }, "Terminating during the grace period")
        advance(30)
        XCTAssertTrue(pods().isEmpty)
    }

    func testPodsWithAnotherOwnerOnlyLoseTheReference() throws {
        try create(makeReplicaSet(replicas: 1))
        let rs = try XCTUnwrap(replicaSet("frontend"))
        var p = Pod()
        p.metadata.name = "shared"
        p.metadata.labels = ["app": "other"]
        p.metadata.ownerReferences = [
            OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "frontend", uid: rs.metadata.uid, controller: false),
            OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "keep", uid: "other-uid", controller: false),
        ]
        p.spec = template().spec
        try cluster.sync { _ = try cluster.createPod(p) }
        settle()
        cluster.sync { _ = cluster.replicaSets.remove(key("frontend")) }
        settle()
        XCTAssertEqual(pod("shared")?.metadata.ownerReferences.map(\.name), ["keep"])
        XCTAssertEqual(pods().map(\.metadata.name), ["shared"])
    }
}
