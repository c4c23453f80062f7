import Foundation
import XCTest

@testable import Runtime

/// What a pod and its containers share, and what they keep to themselves.
final class NamespaceTests: XCTestCase {
    func testHolderOwnsThePodHostname() throws {
        let (runtime, recorder) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "sample-pod")
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: pod)
        let (status, output) = try runtime.run(["hostname"], in: container, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0))
        XCTAssertEqual(output, "sample-pod\n")
    }

    func testLongPodNamesAreCutTo63CharactersLikeTheKubelet() throws {
        let (runtime, _) = try makeRuntime()
        let name = String(repeating: "a", count: 62) + "-b"
        XCTAssertEqual(try runtime.createSandbox(hostname: name).hostname, String(repeating: "a", count: 62))
    }

    func testContainersOfOnePodShareUTSIPCNetButNotPIDOrMount() throws {
        let (runtime, _) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "pair")
        let (a, _) = try runtime.start("busybox", command: ["sleep", "30"], in: pod)
        let (b, _) = try runtime.start("busybox", command: ["sleep", "30"], in: pod)
        let holder = try XCTUnwrap(runtime.hostPID(of: pod.holder))
        let hostA = try XCTUnwrap(runtime.hostPID(of: a)), hostB = try XCTUnwrap(runtime.hostPID(of: b))
        for kind in ["uts", "ipc", "net"] {
            XCTAssertEqual(namespace(kind, of: hostA), namespace(kind, of: holder), kind)
            XCTAssertEqual(namespace(kind, of: hostB), namespace(kind, of: holder), kind)
            XCTAssertNotEqual(namespace(kind, of: holder), namespace(kind, of: getpid()), kind)
        }
        for kind in ["pid", "mnt"] {
            XCTAssertNotEqual(namespace(kind, of: hostA), namespace(kind, of: hostB), kind)
        }
    }

    func testTwoPodsShareNoNamespace() throws {
        let (runtime, _) = try makeRuntime()
        let (a, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "one"))
        let (b, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "two"))
        let hostA = try XCTUnwrap(runtime.hostPID(of: a)), hostB = try XCTUnwrap(runtime.hostPID(of: b))
        for kind in ["uts", "ipc", "net", "pid", "mnt"] {
            XCTAssertNotEqual(namespace(kind, of: hostA), namespace(kind, of: hostB), kind)
        }
        // Both run as root of the one cluster user namespace, which is not the host's.
        XCTAssertEqual(namespace("user", of: hostA), namespace("user", of: hostB))
        XCTAssertNotEqual(namespace("user", of: hostA), namespace("user", of: getpid()))
    }

    func testPsInAContainerSeesOnlyItsOwnProcesses() throws {
        let (runtime, recorder) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "ps-pod")
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: pod)
        let (status, output) = try runtime.run(["ps"], in: container, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0))
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "PID   USER     TIME  COMMAND")
        XCTAssertEqual(lines.count, 3, output)
        XCTAssertEqual(lines.dropFirst().first, "    1 root      0:00 sleep 30")
        XCTAssertTrue(lines.last?.hasSuffix(" root      0:00 ps") ?? false, output)
    }

    func testHostFilesystemIsReadOnlyAndTmpIsPrivateAndWritable() throws {
        let (runtime, recorder) = try makeRuntime()
        let (container, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "fs"))
        let script = "touch /kubetutor-should-fail 2>&1; echo hi > /tmp/file && cat /tmp/file; ls -A /tmp; cat /proc/1/cmdline"
        let (status, output) = try runtime.run(["sh", "-c", script], in: container, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0))
        XCTAssertTrue(output.contains("Read-only file system"), output)
        XCTAssertTrue(output.contains("hi\nfile\nsleep\u{0}30\u{0}"), output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/kubetutor-should-fail"))
    }
}
