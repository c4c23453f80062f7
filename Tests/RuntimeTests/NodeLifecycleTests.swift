import Foundation
import XCTest

@testable import Runtime

/// `node stop` as a VM failure: every process of the node dies at once, nothing of other nodes;
/// `node start` brings the node back with the same addresses.
final class NodeLifecycleTests: XCTestCase {
    func testStopNodeKillsEveryProcessOfThatNodeAndOnlyThatNode() throws {
        let (runtime, recorder) = try makeCluster(workers: 2)
        let doomed = try runtime.createSandbox(hostname: "doomed", node: "worker-2")
        let (container, _) = try runtime.start("busybox", command: ["sh", "-c", "sleep 60 & wait"], in: doomed)
        let exec = try runtime.exec(in: container, process: ProcessSpec(argv: ["sleep", "60"], env: ["PATH=/usr/bin:/bin"]),
                                    stdio: StdioFDs(stdin: StdioFDs.devNull, stdout: StdioFDs.devNull, stderr: StdioFDs.devNull))
        let survivor = try runtime.createSandbox(hostname: "survivor", node: "worker-1")
        let (other, _) = try runtime.start("busybox", command: ["sleep", "60"], in: survivor)
        let node = try XCTUnwrap(runtime.node(named: "worker-2")?.holder)
        let hostPIDs = [node, doomed.holder, container, exec].compactMap(runtime.hostPID(of:))
        XCTAssertEqual(hostPIDs.count, 4)

        runtime.stopNode("worker-2")
        for pid in [node, doomed.holder, container, exec] {
            XCTAssertEqual(recorder.wait(for: pid), ExitStatus(signal: SIGKILL), "pid \(pid)")
        }
        XCTAssertTrue(eventually { hostPIDs.allSatisfy { !processExists($0) } })
        XCTAssertNil(recorder.wait(for: other, timeout: 0.2), "worker-1's pod must live on")
        XCTAssertNil(runtime.node(named: "worker-2")?.holder)
        XCTAssertThrowsError(try runtime.createSandbox(hostname: "late", node: "worker-2")) { error in
            XCTAssertEqual((error as? RuntimeError)?.errno, EHOSTDOWN)
        }
    }

    func testStartNodeRestoresTheNodeWithItsAddresses() throws {
        let (runtime, recorder) = try makeCluster(workers: 2)
        let before = try runtime.createSandbox(hostname: "before", node: "worker-2")
        runtime.stopNode("worker-2")
        XCTAssertEqual(recorder.wait(for: before.holder), ExitStatus(signal: SIGKILL))
        try runtime.startNode("worker-2")
        let node = try XCTUnwrap(runtime.node(named: "worker-2"))
        XCTAssertEqual(node.internalIP, "172.18.0.4")
        let holder = try XCTUnwrap(node.holder.flatMap(runtime.hostPID(of:)))
        XCTAssertEqual(try inNamespaces(of: holder, ["hostname"]), "worker-2\n")
        XCTAssertTrue(try inNamespaces(of: holder, ["ip", "-4", "-o", "addr", "show", "eth0"]).contains("172.18.0.4/16"))
        XCTAssertThrowsError(try runtime.startNode("worker-2"), "already running")

        // New pods get new addresses in the same CIDR and reach the other nodes again, both ways.
        let after = try runtime.createSandbox(hostname: "after", node: "worker-2")
        XCTAssertEqual(after.ip, "10.244.2.3")
        let (web, _) = try runtime.start("nginx", in: after)
        let (client, _) = try runtime.start("busybox", command: ["sleep", "60"], in: runtime.createSandbox(hostname: "c", node: "worker-1"))
        var page = ""
        XCTAssertTrue(eventually {
            page = (try? runtime.run(["wget", "-qO-", "http://10.244.2.3/"], in: client, recorder: recorder).1) ?? ""
            return page.contains("Welcome to nginx!")
        }, page)
        _ = web
        let (sidecar, _) = try runtime.start("busybox", command: ["sleep", "60"], in: after)
        let (status, output) = try runtime.run(["ping", "-c", "1", "-W", "2", "172.18.0.3"], in: sidecar, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0), output)
    }

    func testANodeWhoseHolderIsKilledFromOutsideGoesDownWithItsPods() throws {
        let (runtime, recorder) = try makeCluster(workers: 1)
        let pod = try runtime.createSandbox(hostname: "orphan", node: "worker-1")
        let (container, _) = try runtime.start("busybox", command: ["sleep", "60"], in: pod)
        let holder = try XCTUnwrap(runtime.node(named: "worker-1")?.holder)
        kill(try XCTUnwrap(runtime.hostPID(of: holder)), SIGKILL)
        XCTAssertEqual(recorder.wait(for: holder), ExitStatus(signal: SIGKILL))
        XCTAssertEqual(recorder.wait(for: container), ExitStatus(signal: SIGKILL))
        XCTAssertEqual(recorder.wait(for: pod.holder), ExitStatus(signal: SIGKILL))
        XCTAssertNil(runtime.node(named: "worker-1")?.holder)
        try runtime.startNode("worker-1")
        XCTAssertEqual(try runtime.createSandbox(hostname: "back", node: "worker-1").ip, "10.244.1.3")
    }

    func testNodeRequestsAreChecked() throws {
        let (runtime, _) = try makeCluster(workers: 1)
        XCTAssertThrowsError(try runtime.createNode(name: "worker-9", index: 1)) { error in
            XCTAssertEqual((error as? RuntimeError)?.errno, EEXIST)
        }
        XCTAssertThrowsError(try runtime.createNode(name: "far", index: 251))
        XCTAssertThrowsError(try runtime.createSandbox(hostname: "x", node: "no-such-node")) { error in
            XCTAssertEqual((error as? RuntimeError)?.errno, ENOENT)
        }
        runtime.stopNode("no-such-node")  // no-op
    }

    func testWithoutIsolationNodesAreLogicalAndStopStillKillsTheirPods() throws {
        let (runtime, recorder) = try makeRuntime(mode: .none)
        let node = try runtime.createNode(name: "worker-1", index: 1)
        XCTAssertEqual(node, NodeInfo(name: "worker-1", internalIP: "172.18.0.3", podCIDR: "10.244.1.0/24", holder: nil))
        _ = try runtime.createNode(name: "worker-2", index: 2)
        let pod = try runtime.createSandbox(hostname: "plain", node: "worker-1")
        XCTAssertNil(pod.ip)
        let (container, _) = try runtime.start("busybox", command: ["sleep", "60"], in: pod)
        let (other, _) = try runtime.start("busybox", command: ["sleep", "60"], in: runtime.createSandbox(hostname: "o", node: "worker-2"))
        runtime.stopNode("worker-1")
        XCTAssertEqual(recorder.wait(for: container), ExitStatus(signal: SIGKILL))
        XCTAssertEqual(recorder.wait(for: pod.holder), ExitStatus(signal: SIGKILL))
        XCTAssertNil(recorder.wait(for: other, timeout: 0.2))
        try runtime.startNode("worker-1")
        XCTAssertNil(try runtime.createSandbox(hostname: "again", node: "worker-1").ip)
    }
}
