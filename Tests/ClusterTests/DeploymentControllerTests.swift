import XCTest
import KubeAPI
import Runtime
@testable import Cluster

final class DeploymentControllerTests: ControllerTestCase {
    func rsName(_ d: Deployment) -> String { "web-\(podTemplateHash(d.spec.template))" }

    func activePods() -> [Pod] { pods().filter { $0.metadata.deletionTimestamp == nil } }

    func testCreatesAReplicaSetNamedByTemplateHashWithRevisionOne() throws {
        let d = makeDeployment(replicas: 3)
        try create(d)
        let name = rsName(d)
        let rs = try XCTUnwrap(replicaSet(name))
        let hash = podTemplateHash(d.spec.template)
        XCTAssertEqual(rs.metadata.annotations["deployment.kubernetes.io/revision"], "1")
        XCTAssertEqual(rs.metadata.annotations["deployment.kubernetes.io/desired-replicas"], "3")
        XCTAssertEqual(rs.metadata.annotations["deployment.kubernetes.io/max-replicas"], "4")
        XCTAssertEqual(rs.metadata.labels, ["app": "web", "pod-template-hash": hash])
        XCTAssertEqual(rs.spec.selector?.matchLabels, ["app": "web", "pod-template-hash": hash])
        XCTAssertEqual(rs.metadata.controllerRef?.kind, "Deployment")
        XCTAssertEqual(rs.spec.replicas, 3)
        let pods = activePods()
        XCTAssertEqual(pods.count, 3)
        XCTAssertTrue(pods.allSatisfy { $0.metadata.name.hasPrefix("\(name)-") && $0.metadata.name.count == name.count + 6 })
        XCTAssertTrue(pods.allSatisfy { $0.metadata.labels["pod-template-hash"] == hash })
        XCTAssertEqual(events("ScalingReplicaSet", about: "web"), ["Scaled up replica set \(name) from 0 to 3"])

        let live = try XCTUnwrap(deployment())
        XCTAssertEqual(live.metadata.annotations["deployment.kubernetes.io/revision"], "1")
        XCTAssertEqual(live.metadata.generation, 1)
        XCTAssertEqual(live.status.observedGeneration, 1)
        XCTAssertEqual(live.status.replicas, 3)
        XCTAssertEqual(live.status.updatedReplicas, 3)
        XCTAssertEqual(live.status.readyReplicas, 3)
        XCTAssertEqual(live.status.availableReplicas, 3)
        XCTAssertEqual(live.status.unavailableReplicas, 0)
        XCTAssertEqual(live.status.conditions.map(\.type), ["Available", "Progressing"])
        XCTAssertEqual(condition(live, "Available")?.reason, "MinimumReplicasAvailable")
        XCTAssertEqual(condition(live, "Available")?.message, "Deployment has minimum availability.")
        XCTAssertEqual(condition(live, "Progressing")?.reason, "NewReplicaSetAvailable")
        XCTAssertEqual(condition(live, "Progressing")?.message, "ReplicaSet \"\(name)\" has successfully progressed.")
    }

    func testPodsThatCannotStartLeaveTheDeploymentUnavailableThenPastItsDeadline() throws {
        try create(makeDeployment(replicas: 1, image: "ngnix:latest"))
        var live = try XCTUnwrap(deployment())
        XCTAssertEqual(condition(live, "Available")?.status, "False")
        XCTAssertEqual(condition(live, "Available")?.reason, "MinimumReplicasUnavailable")
        XCTAssertEqual(condition(live, "Available")?.message, "Deployment does not have minimum availability.")
        XCTAssertEqual(condition(live, "Progressing")?.status, "True")
        XCTAssertEqual(live.status.unavailableReplicas, 1)
        advance(601)
        live = try XCTUnwrap(deployment())
        XCTAssertEqual(condition(live, "Progressing")?.status, "False")
        XCTAssertEqual(condition(live, "Progressing")?.reason, "ProgressDeadlineExceeded")
        XCTAssertEqual(condition(live, "Progressing")?.message, "ReplicaSet \"\(rsName(live))\" has timed out progressing.")
    }

    func testChangingOnlyReplicasScalesTheCurrentReplicaSet() throws {
        let d = makeDeployment(replicas: 2)
        try create(d)
        try updateDeployment { $0.replicas = 5 }
        XCTAssertEqual(replicaSets().count, 1)
        XCTAssertEqual(replicaSet(rsName(d))?.spec.replicas, 5)
        XCTAssertEqual(replicaSet(rsName(d))?.metadata.annotations["deployment.kubernetes.io/desired-replicas"], "5")
        XCTAssertEqual(activePods().count, 5)
        XCTAssertEqual(events("ScalingReplicaSet", about: "web").last, "Scaled up replica set \(rsName(d)) from 2 to 5")
        try updateDeployment { $0.replicas = 1 }
        XCTAssertEqual(events("ScalingReplicaSet", about: "web").last, "Scaled down replica set \(rsName(d)) from 5 to 1")
        let live = try XCTUnwrap(deployment())
        XCTAssertEqual(live.metadata.generation, 3)
        XCTAssertEqual(live.status.observedGeneration, 3)
        XCTAssertEqual(live.status.replicas, 1)
        XCTAssertEqual(live.metadata.annotations["deployment.kubernetes.io/revision"], "1")
    }

    func testATemplateChangeRollsToANewReplicaSetWithRevisionTwo() throws {
        let d = makeDeployment(replicas: 3)
        try create(d)
        try updateDeployment { $0.template.spec.containers[0].image = "nginx:1.27" }
        let updated = try XCTUnwrap(deployment())
        let oldName = rsName(d), newName = rsName(updated)
        XCTAssertNotEqual(oldName, newName)
        XCTAssertEqual(replicaSet(newName)?.metadata.annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(replicaSet(newName)?.spec.replicas, 3)
        XCTAssertEqual(replicaSet(oldName)?.spec.replicas, 0)
        XCTAssertEqual(updated.metadata.annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(activePods().count, 3)
        XCTAssertTrue(activePods().allSatisfy { $0.spec.containers[0].image == "nginx:1.27" })
        XCTAssertEqual(updated.status.updatedReplicas, 3)
        XCTAssertEqual(condition(updated, "Progressing")?.reason, "NewReplicaSetAvailable")
        XCTAssertEqual(events("ScalingReplicaSet", about: "web").first, "Scaled up replica set \(oldName) from 0 to 3")
        XCTAssertEqual(events("ScalingReplicaSet", about: "web")[1], "Scaled up replica set \(newName) from 0 to 1")
        XCTAssertEqual(events("ScalingReplicaSet", about: "web").last, "Scaled down replica set \(oldName) from 1 to 0")
    }

    func testRollingUpdateNeverExceedsSurgeNorDropsBelowAvailability() throws {
        // 4 replicas: maxSurge 25% → 1 (rounded up), maxUnavailable 25% → 1 (rounded down).
        runtime.exitOnTerm = false
        try create(makeDeployment(replicas: 4))
        var maxTotal = 0, minAvailable = Int.max
        _ = cluster.sync {
            cluster.replicaSets.watch { [unowned self] _ in
                let sets = self.cluster.replicaSets.list()
                maxTotal = max(maxTotal, sets.reduce(0) { $0 + $1.spec.replicas })
                minAvailable = min(minAvailable, sets.reduce(0) { $0 + $1.status.availableReplicas })
            }
        }
        try updateDeployment { $0.template.spec.containers[0].image = "nginx:1.27" }
        // Old pods linger Terminating for their grace period; the rollout does not wait for that.
        XCTAssertEqual(deployment()?.status.updatedReplicas, 4)
        XCTAssertEqual(maxTotal, 5)
        XCTAssertEqual(minAvailable, 3)
        XCTAssertEqual(activePods().count, 4)
        advance(30)
        XCTAssertEqual(pods().count, 4, "old pods are gone after the grace period")
    }

    func testRecreateRemovesEveryOldPodBeforeStartingNewOnes() throws {
        runtime.exitOnTerm = false
        let d = makeDeployment(replicas: 2, strategy: "Recreate")
        try create(d)
        try updateDeployment { $0.template.spec.containers[0].image = "nginx:1.27" }
        let updated = try XCTUnwrap(deployment())
        XCTAssertEqual(replicaSet(rsName(d))?.spec.replicas, 0)
        XCTAssertNil(replicaSet(rsName(updated)), "no new ReplicaSet while old pods terminate")
        XCTAssertEqual(pods().count, 2)
        XCTAssertTrue(pods().allSatisfy { $0.metadata.deletionTimestamp != nil })
        advance(30)
        XCTAssertEqual(replicaSet(rsName(updated))?.spec.replicas, 2)
        XCTAssertEqual(pods().count, 2)
        XCTAssertTrue(pods().allSatisfy { $0.spec.containers[0].image == "nginx:1.27" && $0.status.phase == "Running" })
        XCTAssertEqual(events("ScalingReplicaSet", about: "web"), [
            "Scaled up replica set \(rsName(d)) from 0 to 2",
            "Scaled down replica set \(rsName(d)) from 2 to 0",
            "Scaled up replica set \(rsName(updated)) from 0 to 2",
        ])
        XCTAssertEqual(condition(deployment(), "Progressing")?.reason, "NewReplicaSetAvailable")
    }

    func testRollbackReusesTheOldReplicaSetWithTheNextRevision() throws {
        let d = makeDeployment(replicas: 2)
        try create(d)
        try updateDeployment { $0.template.spec.containers[0].image = "nginx:1.27" }
        // `rollout undo`: the old ReplicaSet's template (without its hash label) back into the Deployment.
        let old = try XCTUnwrap(replicaSet(rsName(d)))
        try updateDeployment { $0.template = ControllerSupport.withoutHash(old.spec.template) }
        XCTAssertEqual(replicaSets().count, 2)
        XCTAssertEqual(replicaSet(rsName(d))?.metadata.annotations["deployment.kubernetes.io/revision"], "3")
        XCTAssertEqual(replicaSet(rsName(d))?.metadata.annotations["deployment.kubernetes.io/revision-history"], "1")
        XCTAssertEqual(replicaSet(rsName(d))?.spec.replicas, 2)
        XCTAssertEqual(deployment()?.metadata.annotations["deployment.kubernetes.io/revision"], "3")
        XCTAssertTrue(activePods().allSatisfy { $0.spec.containers[0].image == "nginx:latest" })
    }

    func testRevisionHistoryLimitDeletesTheOldestEmptyReplicaSets() throws {
        var d = makeDeployment(replicas: 1)
        d.spec.revisionHistoryLimit = 1
        try create(d)
        for tag in ["1.25", "1.26", "1.27"] {
            try updateDeployment { $0.template.spec.containers[0].image = "nginx:\(tag)" }
        }
        let revisions = replicaSets().compactMap { $0.metadata.annotations["deployment.kubernetes.io/revision"] }.sorted()
        XCTAssertEqual(revisions, ["3", "4"])
    }

    func testAPausedDeploymentScalesButDoesNotRollOut() throws {
        let d = makeDeployment(replicas: 1)
        try create(d)
        try updateDeployment {
            $0.paused = true
            $0.template.spec.containers[0].image = "nginx:1.27"
            $0.replicas = 2
        }
        XCTAssertEqual(replicaSets().count, 1)
        XCTAssertEqual(replicaSet(rsName(d))?.spec.replicas, 2)
        XCTAssertEqual(condition(deployment(), "Progressing")?.reason, "DeploymentPaused")
        XCTAssertEqual(condition(deployment(), "Progressing")?.status, "Unknown")
        try updateDeployment { $0.paused = false }
        XCTAssertEqual(replicaSets().count, 2)
        XCTAssertEqual(deployment()?.metadata.annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(condition(deployment(), "Progressing")?.reason, "NewReplicaSetAvailable")
    }

    func testScalingDuringARolloutIsProportional() throws {
        runtime.exitOnTerm = false
        try create(makeDeployment(replicas: 10))
        // A broken image: the rollout stalls with old and new ReplicaSets both active.
        try updateDeployment { $0.template.spec.containers[0].image = "ngnix:broken" }
        let before = replicaSets().map(\.spec.replicas).sorted()
        // maxSurge 3, maxUnavailable 2: old scaled to 8, new grows to 13 − 8 = 5 and never becomes available.
        XCTAssertEqual(before, [5, 8])
        try updateDeployment { $0.replicas = 20 }
        let after = replicaSets().map(\.spec.replicas).sorted()
        XCTAssertEqual(after.reduce(0, +), 25, "20 + maxSurge 5")
        // Each set grows by its share of 25/13 (its max-replicas annotation): 8 → 15, 5 → 10.
        XCTAssertEqual(after, [10, 15])
    }

    func testFencepostsRoundSurgeUpAndUnavailableDown() {
        var d = makeDeployment(replicas: 10)
        XCTAssertEqual(DeploymentMath.maxSurge(d), 3)
        XCTAssertEqual(DeploymentMath.maxUnavailable(d), 2)
        d.spec.replicas = 1
        XCTAssertEqual(DeploymentMath.maxSurge(d), 1)
        XCTAssertEqual(DeploymentMath.maxUnavailable(d), 0)
        d.spec.strategy.rollingUpdate?.maxSurge = .int(0)
        d.spec.strategy.rollingUpdate?.maxUnavailable = .string("0%")
        XCTAssertEqual(DeploymentMath.maxUnavailable(d), 1, "both zero would never progress")
        d.spec.strategy.type = "Recreate"
        XCTAssertEqual(DeploymentMath.maxSurge(d), 0)
        XCTAssertEqual(DeploymentMath.maxUnavailable(d), 0)
    }

    func testGenerationCountsSpecChangesOnly() throws {
        try create(makeDeployment())
        XCTAssertEqual(deployment()?.metadata.generation, 1)
        try cluster.sync { _ = try cluster.deployments.update(key("web")) { $0.metadata.labels["x"] = "y" } }
        XCTAssertEqual(deployment()?.metadata.generation, 1)
        try updateDeployment { $0.minReadySeconds = 1 }
        XCTAssertEqual(deployment()?.metadata.generation, 2)
        // An apply that sets the generation itself is not bumped twice.
        try cluster.sync {
            _ = try cluster.deployments.update(key("web")) {
                $0.spec.replicas = 4
                $0.metadata.generation = 3
            }
        }
        XCTAssertEqual(deployment()?.metadata.generation, 3)
    }
}
