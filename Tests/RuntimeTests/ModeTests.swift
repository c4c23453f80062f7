import Foundation
import XCTest

@testable import Runtime

/// The mode without isolation, the probe's explanations, and the unprivileged path.
final class ModeTests: XCTestCase {
    func testIsolationCanBeForcedOff() {
        let support = RuntimeSupport.probe(environment: ["KUBETUTOR_ISOLATION": "none"])
        XCTAssertEqual(support.mode, .none)
        XCTAssertTrue(support.message?.contains("KUBETUTOR_ISOLATION=none") ?? false)
        XCTAssertTrue(support.message?.contains("WITHOUT ISOLATION") ?? false)
    }

    func testWithoutIsolationPodsArePlainProcesses() throws {
        let (runtime, recorder) = try makeRuntime(mode: .none)
        XCTAssertTrue(runtime.appletDirectory?.hasSuffix("/bin") ?? false)
        let pod = try runtime.createSandbox(hostname: "plain")
        let (container, log) = try runtime.start("busybox", command: ["sh", "-c", "hostname; sleep 60"], in: pod)
        let hostPID = try XCTUnwrap(runtime.hostPID(of: container))
        XCTAssertEqual(namespace("uts", of: hostPID), namespace("uts", of: getpid()))
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        XCTAssertTrue(eventually { log.text == String(cString: host) + "\n" }, log.text)
        let (status, output) = try runtime.run(["sh", "-c", "echo from-exec; exit 4"], in: container, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 4))
        XCTAssertEqual(output, "from-exec\n")
        let (wgetStatus, _) = try runtime.run(["wget", "-q", "-O-", "http://127.0.0.1:1/"], in: container, recorder: recorder)
        XCTAssertEqual(wgetStatus, ExitStatus(code: 1))
        let grandchild = try XCTUnwrap(runtime.hostPID(of: container))
        runtime.shutdown()
        XCTAssertTrue(eventually { !processExists(grandchild) })
    }

    func testProbeNamesTheCauseAndTheFix() {
        func diagnose(_ sysctls: [String: String], errno: Int32 = EPERM) -> String {
            RuntimeSupport.diagnose(stage: "clone(CLONE_NEWUSER)", errno: errno, readSysctl: { sysctls[$0] }).message ?? ""
        }
        XCTAssertTrue(diagnose(["kernel/unprivileged_userns_clone": "0"]).contains("sudo sysctl -w kernel.unprivileged_userns_clone=1"))
        let apparmor = diagnose(["kernel/apparmor_restrict_unprivileged_userns": "1"])
        XCTAssertTrue(apparmor.contains("AppArmor"))
        XCTAssertTrue(apparmor.contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"))
        XCTAssertTrue(diagnose(["user/max_user_namespaces": "0"], errno: ENOSPC).contains("sudo sysctl -w user.max_user_namespaces=15000"))
        XCTAssertTrue(diagnose([:]).contains("clone(CLONE_NEWUSER): Operation not permitted"))
        XCTAssertEqual(RuntimeSupport.diagnose(stage: "x", errno: EPERM, readSysctl: { _ in nil }).mode, .none)
    }

    /// As root, proves the path a normal user takes: the test binary re-runs one test as `nobody`.
    func testUnprivilegedUserRunsAPod() throws {
        try XCTSkipIf(geteuid() != 0, "needs root to switch to nobody (setpriv); as a normal user every test here is the unprivileged path")
        try XCTSkipIf(RuntimeSupport.probe(environment: [:]).mode != .isolated, "no user namespaces here")
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let initPath = try InitBinary.locate()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        child.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", exe,
                           "RuntimeTests.ModeTests/testSmokeChild"]
        child.environment = ["KUBETUTOR_SMOKE_CHILD": "1", "KUBETUTOR_INIT": initPath, "PATH": "/usr/bin:/bin", "HOME": "/"]
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("SMOKE OK uid=65534 hostname=smoke ping=ok"), text)
    }

    /// Runs only inside testUnprivilegedUserRunsAPod's child process.
    func testSmokeChild() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["KUBETUTOR_SMOKE_CHILD"] != "1", "runs as nobody from testUnprivilegedUserRunsAPod")
        let (runtime, recorder) = try makeRuntime()
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "smoke"))
        let (status, output) = try runtime.run(["sh", "-c", "echo $(id -u) $(hostname)"], in: container, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0))
        XCTAssertEqual(output, "0 smoke\n")
        // Nodes and the pod network need no privilege either: ping from worker-1 to worker-2.
        _ = try runtime.createNode(name: "worker-1", index: 1)
        _ = try runtime.createNode(name: "worker-2", index: 2)
        let target = try runtime.createSandbox(hostname: "target", node: "worker-2")
        let (pinger, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "pinger", node: "worker-1"))
        let (pingStatus, ping) = try runtime.run(["ping", "-c", "1", "-W", "2", target.ip ?? "?"], in: pinger, recorder: recorder)
        XCTAssertEqual(pingStatus, ExitStatus(code: 0), ping)
        print("SMOKE OK uid=\(geteuid()) hostname=\(output.split(separator: " ").last?.dropLast() ?? "") ping=\(pingStatus?.code == 0 ? "ok" : ping)")
    }
}
