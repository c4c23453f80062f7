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
        XCTAssertEqual(lines.first?.split(separator: " ").first, "PID", output)
        XCTAssertEqual(lines.count, 3, output)  // busybox's ps: the header, sleep as PID 1, and ps itself
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("    1 root ") ?? false, output)
        XCTAssertTrue(lines.dropFirst().first?.hasSuffix("sleep 30") ?? false, output)
    }

    func testTheRootIsTheImagesOwnAndItsWritableLayerIsPrivate() throws {
        let (runtime, recorder) = try makeRuntime()
        let (a, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "fs"))
        let (b, _) = try runtime.start("busybox", command: ["sleep", "30"], in: runtime.createSandbox(hostname: "fs2"))
        let marker = "kubetutor-layer-\(getpid())"
        let script = "ls /; echo hi > /\(marker) && cat /\(marker); echo t > /tmp/file && cat /tmp/file; cat /proc/1/cmdline"
        let (status, output) = try runtime.run(["sh", "-c", script], in: a, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0), output)
        XCTAssertTrue(output.hasPrefix("bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nrun\nsys\ntmp\nusr\nvar\n"), output)
        XCTAssertTrue(output.contains("hi\nt\nsleep\u{0}30\u{0}"), output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/\(marker)"))
        let (other, seen) = try runtime.run(["sh", "-c", "cat /\(marker) 2>&1; ls /home /work 2>&1"], in: b, recorder: recorder)
        XCTAssertEqual(other, ExitStatus(code: 1), seen)
        XCTAssertTrue(seen.contains("No such file or directory"), seen)
    }
}
