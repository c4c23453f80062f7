import XCTest
import KubeAPI
import Runtime
@testable import Cluster

final class KubeletTests: XCTestCase {
    var clock: ManualClock!
    var runtime: FakeRuntime!
    var cluster: Cluster!

    override func setUp() {
        clock = ManualClock()
        runtime = FakeRuntime()
        cluster = Cluster(runtime: runtime, images: FakeImages(), clock: clock, makeLog: { MemoryLog() })
    }

    /// Lets queued controller work run to completion.
    func settle() {
        for _ in 0..<20 { cluster.queue.sync {} }
    }

    func advance(_ seconds: TimeInterval) {
        clock.advance(by: seconds)
        settle()
    }

    func makePod(_ name: String = "sample-pod", image: String = "nginx:latest", restartPolicy: String = "Always") -> Pod {
        var pod = Pod()
        pod.metadata.name = name
        var c = Container()
        c.name = "nginx"
        c.image = image
        c.imagePullPolicy = ImageName.defaultPullPolicy(image)
        pod.spec.containers = [c]
        pod.spec.restartPolicy = restartPolicy
        return pod
    }

    func pod(_ name: String = "sample-pod") -> Pod? { cluster.sync { cluster.pods.get(ObjectKey(namespace: "default", name: name)) } }

    func create(_ p: Pod) throws {
        try cluster.sync { _ = try cluster.createPod(p) }
        settle()
    }

    func reasons(_ name: String = "sample-pod") -> [String] {
        cluster.sync { cluster.events.list().filter { $0.involvedObject.name == name } }
            .sorted { ($0.firstTimestamp ?? .distantPast, $0.metadata.resourceVersion.count, $0.metadata.resourceVersion) < ($1.firstTimestamp ?? .distantPast, $1.metadata.resourceVersion.count, $1.metadata.resourceVersion) }
            .map(\.reason)
    }

    func testRunningContainersLogsAreCheckedForRotationOnEveryHeartbeat() throws {
        try create(makePod())
        let log = try XCTUnwrap(cluster.sync { cluster.log(pod: ObjectKey(namespace: "default", name: "sample-pod"), container: "nginx") } as? MemoryLog)
        let before = log.rotationChecks.count
        advance(cluster.timing.heartbeat)
        XCTAssertEqual(log.rotationChecks.count, before + 1)
        XCTAssertEqual(log.rotationChecks.last, 10 << 20, "the kubelet's containerLogMaxSize")
    }

    func testPodIsScheduledOntoAWorkerAndRuns() throws {
        try create(makePod())
        let p = try XCTUnwrap(pod())
        XCTAssertEqual(p.spec.nodeName, "worker-1")
        XCTAssertEqual(p.status.phase, "Running")
        XCTAssertEqual(p.status.containerStatuses.first?.ready, true)
        XCTAssertEqual(runtime.sandboxes.first?.hostname, "sample-pod")
        XCTAssertEqual(runtime.started.first?.process.argv, ["nginx", "-g", "daemon off;"])
        XCTAssertEqual(reasons(), ["Scheduled", "Pulling", "Pulled", "Created", "Started"])
        XCTAssertEqual(p.status.conditions.map(\.type), ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"])
    }

    func testPodsSpreadAcrossWorkersAndNeverOntoTheControlPlane() throws {
        for i in 0..<4 { try create(makePod("p\(i)")) }
        let nodes = (0..<4).compactMap { pod("p\($0)")?.spec.nodeName }
        XCTAssertEqual(nodes.sorted(), ["worker-1", "worker-1", "worker-2", "worker-2"])
    }

    func testCrashingContainerRestartsAtOnceThenBacksOffDoublingToFiveMinutes() throws {
        try create(makePod())
        var pid = try XCTUnwrap(runtime.started.last?.pid)
        runtime.exit(pid, code: 1)
        settle()
        // First failure: restarted immediately.
        XCTAssertEqual(runtime.started.count, 2)
        XCTAssertEqual(pod()?.status.containerStatuses.first?.restartCount, 1)
        var expectedWaits: [TimeInterval] = []
        for _ in 0..<7 {
            pid = try XCTUnwrap(runtime.started.last?.pid)
            let before = runtime.started.count
            runtime.exit(pid, code: 1)
            settle()
            let status = try XCTUnwrap(pod()?.status.containerStatuses.first)
            XCTAssertEqual(status.state.waiting?.reason, "CrashLoopBackOff")
            XCTAssertEqual(status.lastState.terminated?.exitCode, 1)
            XCTAssertEqual(status.lastState.terminated?.reason, "Error")
            // Find the wait: step one second at a time until the restart happens.
            var waited: TimeInterval = 0
            while runtime.started.count == before, waited < 400 {
                advance(1)
                waited += 1
            }
            expectedWaits.append(waited)
        }
        XCTAssertEqual(expectedWaits, [10, 20, 40, 80, 160, 300, 300])
        XCTAssertEqual(pod()?.status.phase, "Running")
        XCTAssertTrue(reasons().contains("BackOff"))
    }

    func testBackoffResetsAfterTenMinutesOfRunning() throws {
        try create(makePod())
        for _ in 0..<3 {
            let pid = try XCTUnwrap(runtime.started.last?.pid)
            let before = runtime.started.count
            runtime.exit(pid, code: 1)
            settle()
            while runtime.started.count == before { advance(1) }
        }
        advance(601)
        let before = runtime.started.count
        runtime.exit(try XCTUnwrap(runtime.started.last?.pid), code: 1)
        settle()
        XCTAssertEqual(runtime.started.count, before + 1, "a container that ran 10 minutes restarts at once")
    }

    func testUnknownImageGoesErrImagePullThenImagePullBackOff() throws {
        try create(makePod(image: "ngnix:latest"))
        var status = try XCTUnwrap(pod()?.status.containerStatuses.first)
        XCTAssertEqual(status.state.waiting?.reason, "ErrImagePull")
        XCTAssertEqual(pod()?.status.phase, "Pending")
        advance(1)
        status = try XCTUnwrap(pod()?.status.containerStatuses.first)
        XCTAssertEqual(status.state.waiting?.reason, "ImagePullBackOff")
        XCTAssertTrue(status.state.waiting?.message?.contains("ngnix:latest") ?? false)
        XCTAssertTrue(runtime.started.isEmpty)
        XCTAssertEqual(Array(reasons().prefix(4)), ["Scheduled", "Pulling", "Failed", "Failed"])
    }

    func testFixingTheImagePullsAtOnce() throws {
        try create(makePod(image: "ngnix:latest"))
        _ = try cluster.sync { try cluster.pods.update(ObjectKey(namespace: "default", name: "sample-pod")) { $0.spec.containers[0].image = "nginx:latest" } }
        settle()
        XCTAssertEqual(pod()?.status.phase, "Running")
    }

    func testDeleteSendsSigtermAndRemovesThePodWhenItsProcessesEnd() throws {
        try create(makePod())
        let pid = try XCTUnwrap(runtime.started.last?.pid)
        try cluster.sync { _ = try cluster.deletePod(ObjectKey(namespace: "default", name: "sample-pod")) }
        settle()
        XCTAssertEqual(runtime.signals.first?.pid, pid)
        XCTAssertEqual(runtime.signals.first?.signal, SIGTERM)
        XCTAssertNil(pod())
        XCTAssertTrue(runtime.alive.isEmpty, "holder and container are gone")
        XCTAssertTrue(reasons().contains("Killing"))
    }

    func testDeleteWaitsTheGracePeriodBeforeSigkill() throws {
        runtime.exitOnTerm = false
        try create(makePod())
        let pid = try XCTUnwrap(runtime.started.last?.pid)
        try cluster.sync { _ = try cluster.deletePod(ObjectKey(namespace: "default", name: "sample-pod")) }
        settle()
        XCTAssertNotNil(pod()?.metadata.deletionTimestamp, "Terminating while the grace period runs")
        advance(29)
        XCTAssertNotNil(pod())
        XCTAssertFalse(runtime.signals.contains { $0.signal == SIGKILL })
        advance(1)
        XCTAssertTrue(runtime.signals.contains { $0.pid == pid && $0.signal == SIGKILL })
        XCTAssertNil(pod())
    }

    func testGracePeriodFlagOverridesTheSpec() throws {
        runtime.exitOnTerm = false
        try create(makePod())
        try cluster.sync { _ = try cluster.deletePod(ObjectKey(namespace: "default", name: "sample-pod"), gracePeriod: 1) }
        settle()
        advance(1)
        XCTAssertNil(pod())
    }

    func testRestartPolicyNeverLeavesACompletedContainer() throws {
        try create(makePod(restartPolicy: "Never"))
        runtime.exit(try XCTUnwrap(runtime.started.last?.pid), code: 0)
        settle()
        let p = try XCTUnwrap(pod())
        XCTAssertEqual(p.status.phase, "Succeeded")
        XCTAssertEqual(p.status.containerStatuses.first?.state.terminated?.reason, "Completed")
        XCTAssertEqual(runtime.started.count, 1)
    }

    func testOnFailureRestartsOnlyFailures() throws {
        try create(makePod(restartPolicy: "OnFailure"))
        runtime.exit(try XCTUnwrap(runtime.started.last?.pid), code: 2)
        settle()
        XCTAssertEqual(runtime.started.count, 2)
        runtime.exit(try XCTUnwrap(runtime.started.last?.pid), code: 0)
        settle()
        XCTAssertEqual(pod()?.status.phase, "Succeeded")
    }

    func testStartErrorIsReportedAndRetriedWithBackoff() throws {
        runtime.failNextStart = RuntimeError(operation: "start container", stage: "execve", errno: ENOENT,
                                             detail: "exec: \"nginxx\": executable file not found in $PATH")
        try create(makePod())
        let events = cluster.sync { cluster.events.list().map(\.message) }
        XCTAssertTrue(events.contains { $0.contains("executable file not found") })
        XCTAssertEqual(runtime.started.count, 1, "first failure retried at once")
    }

    func testImageChangeRestartsTheContainer() throws {
        try create(makePod())
        _ = try cluster.sync { try cluster.pods.update(ObjectKey(namespace: "default", name: "sample-pod")) { $0.spec.containers[0].image = "nginx:1.27" } }
        settle()
        XCTAssertEqual(runtime.started.count, 2)
        XCTAssertEqual(pod()?.status.containerStatuses.first?.restartCount, 1)
    }
}
