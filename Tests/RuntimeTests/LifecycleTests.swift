import Foundation
import XCTest

@testable import Runtime

/// Starting, signalling, failing and ending processes, and leaving nothing behind.
final class LifecycleTests: XCTestCase {
    func testExecReportsTheExitStatus() throws {
        let (runtime, recorder) = try makeRuntime()
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "exec"))
        let (status, _) = try runtime.run(["sh", "-c", "exit 3"], in: container, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 3))
        XCTAssertEqual(status?.kubernetesExitCode, 3)
    }

    func testSignalIsDeliveredAndExitReported() throws {
        let (runtime, recorder) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "signals")
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: pod)
        // PID 1 of the container ignores SIGTERM without a handler, as in Kubernetes: SIGKILL ends it.
        runtime.signal(container, SIGKILL)
        let status = recorder.wait(for: container)
        XCTAssertEqual(status, ExitStatus(signal: SIGKILL))
        XCTAssertEqual(status?.kubernetesExitCode, 137)
        runtime.signal(pod.holder, SIGTERM)
        XCTAssertEqual(recorder.wait(for: pod.holder), ExitStatus(signal: SIGTERM))
    }

    func testContainerOutputGoesToItsLog() throws {
        let (runtime, recorder) = try makeRuntime()
        let (container, log) = try runtime.start("busybox", command: ["sh", "-c", "echo out; echo err >&2; exit 2"],
                                                 in: runtime.createSandbox(hostname: "logs"))
        XCTAssertEqual(recorder.wait(for: container), ExitStatus(code: 2))
        XCTAssertEqual(log.text, "out\nerr\n")
        XCTAssertEqual(String(decoding: log.read(from: 4), as: UTF8.self), "err\n")
        XCTAssertTrue(log.read(from: log.size).isEmpty)
    }

    func testUnknownCommandFailsLikeRunc() throws {
        let (runtime, _) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "broken")
        XCTAssertThrowsError(try runtime.start("busybox", command: ["no-such-program"], in: pod)) { error in
            let failure = error as? RuntimeError
            XCTAssertEqual(failure?.stage, "exec")
            XCTAssertEqual(failure?.errno, ENOENT)
            XCTAssertEqual(failure?.detail, "exec: \"no-such-program\": executable file not found in $PATH")
        }
        XCTAssertThrowsError(try runtime.start("busybox", command: ["/no/such"], in: pod)) { error in
            XCTAssertEqual((error as? RuntimeError)?.detail, "exec: \"/no/such\": stat /no/such: no such file or directory")
        }
        let process = ProcessSpec(argv: ["sh"], workingDir: "/missing")
        XCTAssertThrowsError(try runtime.startContainer(in: pod, process: process, stdio: StdioFDs(stdin: 0, stdout: 1, stderr: 2))) {
            XCTAssertEqual(($0 as? RuntimeError)?.stage, "chdir")
        }
    }

    func testExecFailureIsReportedWithItsStage() throws {
        let (runtime, recorder) = try makeRuntime()
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "x"))
        XCTAssertThrowsError(try runtime.run(["nope"], in: container, recorder: recorder)) { error in
            XCTAssertEqual((error as? RuntimeError)?.stage, "exec")
        }
        XCTAssertThrowsError(try runtime.run(["true"], in: 99999, recorder: recorder)) { error in
            XCTAssertEqual((error as? RuntimeError)?.detail, "container is not running")
        }
    }

    func testShutdownLeavesNoProcessBehind() throws {
        let (runtime, recorder) = try makeRuntime()
        var hostPIDs = [runtime.initPID]
        var started: [ProcessID] = []
        let quiet = StdioFDs(stdin: StdioFDs.devNull, stdout: StdioFDs.devNull, stderr: StdioFDs.devNull)
        for name in ["a", "b"] {
            let pod = try runtime.createSandbox(hostname: name)
            let (container, _) = try runtime.start("busybox", command: ["sh", "-c", "sleep 60 & sleep 60"], in: pod)
            let exec = try runtime.exec(in: container, process: ProcessSpec(argv: ["sleep", "60"]), stdio: quiet)
            started += [pod.holder, container, exec]
        }
        hostPIDs += started.compactMap { runtime.hostPID(of: $0) }
        XCTAssertEqual(hostPIDs.count, 7)
        runtime.shutdown()
        runtime.shutdown()  // idempotent
        XCTAssertTrue(eventually { hostPIDs.allSatisfy { !processExists($0) } }, "\(hostPIDs.filter(processExists))")
        // Every started process still gets its one onExit, as killed.
        for pid in started { XCTAssertEqual(recorder.wait(for: pid, timeout: 5), ExitStatus(signal: SIGKILL)) }
        XCTAssertThrowsError(try runtime.createSandbox(hostname: "late"))
    }

    func testMissingInitBinaryIsAClearError() {
        XCTAssertThrowsError(try InitBinary.locate(environment: ["KUBETUTOR_INIT": "/nonexistent/kubetutor-init"])) { error in
            XCTAssertEqual((error as? RuntimeError)?.stage, "locate kubetutor-init")
        }
    }

    func testBaselineSpawnMeasuresANamespacedTrue() throws {
        let support = RuntimeSupport.probe(environment: [:])
        let elapsed = try SpawnBaseline.measure(isolated: support.mode == .isolated)
        XCTAssertGreaterThan(elapsed, 0)
        XCTAssertLessThan(elapsed, 1)
    }
}
