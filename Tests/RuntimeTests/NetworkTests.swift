import Foundation
import XCTest

@testable import Runtime

/// Nodes as network namespaces on the cluster bridge, pods with IPs from their node's pod CIDR,
/// reaching each other by IP on one node and across nodes.
final class NetworkTests: XCTestCase {
    func testNodesHaveTheirHostnameAndAddresses() throws {
        let (runtime, _) = try makeCluster(workers: 2)
        let worker = try XCTUnwrap(runtime.node(named: "worker-1"))
        XCTAssertEqual(worker.internalIP, "172.18.0.3")
        XCTAssertEqual(worker.podCIDR, "10.244.1.0/24")
        let holder = try XCTUnwrap(worker.holder.flatMap(runtime.hostPID(of:)))
        XCTAssertEqual(try inNamespaces(of: holder, ["hostname"]), "worker-1\n")
        let addresses = try inNamespaces(of: holder, ["ip", "-4", "-o", "addr", "show"])
        XCTAssertTrue(addresses.contains("eth0    inet 172.18.0.3/16"), addresses)
        XCTAssertTrue(addresses.contains("cni0    inet 10.244.1.1/24"), addresses)
        // The node is not the host: its own UTS and network namespaces.
        XCTAssertNotEqual(namespace("net", of: holder), namespace("net", of: getpid()))
        XCTAssertNotEqual(namespace("uts", of: holder), namespace("uts", of: getpid()))
    }

    func testPodsGetAddressesFromTheirNodesPodCIDR() throws {
        let (runtime, _) = try makeCluster(workers: 2)
        let a = try runtime.createSandbox(hostname: "a", node: "worker-1")
        let b = try runtime.createSandbox(hostname: "b", node: "worker-1")
        let c = try runtime.createSandbox(hostname: "c", node: "worker-2")
        XCTAssertEqual([a.ip, b.ip, c.ip], ["10.244.1.2", "10.244.1.3", "10.244.2.2"])
        XCTAssertEqual([a.node, c.node], ["worker-1", "worker-2"])
        XCTAssertNil(try runtime.createSandbox(hostname: "nowhere").ip)
        let holder = try XCTUnwrap(runtime.hostPID(of: c.holder))
        let routes = try inNamespaces(of: holder, ["ip", "-4", "route"])
        XCTAssertTrue(routes.contains("default via 10.244.2.1 dev eth0"), routes)
    }

    func testPodsReachEachOtherByIPOnOneNodeAndAcrossNodes() throws {
        let (runtime, recorder) = try makeCluster(workers: 2)
        let client = try runtime.createSandbox(hostname: "client", node: "worker-1")
        let neighbour = try runtime.createSandbox(hostname: "neighbour", node: "worker-1")
        let web = try runtime.createSandbox(hostname: "web", node: "worker-2")
        let (shell, _) = try runtime.start("busybox", command: ["sleep", "60"], in: client)
        _ = try runtime.start("busybox", command: ["sleep", "60"], in: neighbour)
        let (_, nginxLog) = try runtime.start("nginx", in: web)
        let webIP = try XCTUnwrap(web.ip), neighbourIP = try XCTUnwrap(neighbour.ip)

        var page = ""
        XCTAssertTrue(eventually {
            page = (try? runtime.run(["wget", "-qO-", "http://\(webIP)/"], in: shell, recorder: recorder).1) ?? ""
            return page.contains("<title>Welcome to nginx!</title>")
        }, page)
        // No NAT on the way: nginx sees the client pod's own address.
        XCTAssertTrue(eventually { nginxLog.text.contains("\(client.ip ?? "?") - - [") }, nginxLog.text)

        // Same node: bridged on cni0, no router in between (ttl 64); across nodes: routed by both
        // nodes (ttl 62).
        let (sameStatus, same) = try runtime.run(["ping", "-c", "1", "-W", "2", neighbourIP], in: shell, recorder: recorder)
        XCTAssertEqual(sameStatus, ExitStatus(code: 0), same)
        XCTAssertTrue(same.contains("64 bytes from \(neighbourIP): seq=0 ttl=64 time="), same)
        let (crossStatus, cross) = try runtime.run(["ping", "-c", "2", "-i", "0.2", webIP], in: shell, recorder: recorder)
        XCTAssertEqual(crossStatus, ExitStatus(code: 0), cross)
        let lines = cross.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "PING \(webIP) (\(webIP)): 56 data bytes")
        XCTAssertTrue(lines.contains { $0.hasPrefix("64 bytes from \(webIP): seq=1 ttl=62 time=") }, cross)
        XCTAssertTrue(cross.contains("\n--- \(webIP) ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\n"
                                     + "round-trip min/avg/max = "), cross)
    }

    func testPingToANobodyAddressReportsFullLoss() throws {
        let (runtime, recorder) = try makeCluster(workers: 1)
        let (shell, _) = try runtime.start("busybox", command: ["sleep", "60"], in: runtime.createSandbox(hostname: "p", node: "worker-1"))
        let (status, output) = try runtime.run(["ping", "-c", "1", "-W", "1", "10.244.1.200"], in: shell, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 1))
        XCTAssertTrue(output.hasSuffix("1 packets transmitted, 0 packets received, 100% packet loss\n"), output)
    }

    func testContainersOfAPodShareLocalhostAndThePodIP() throws {
        let (runtime, recorder) = try makeCluster(workers: 1)
        let pod = try runtime.createSandbox(hostname: "pair", node: "worker-1")
        let (_, nginxLog) = try runtime.start("nginx", in: pod)
        let (sidecar, _) = try runtime.start("busybox", command: ["sleep", "60"], in: pod)
        XCTAssertTrue(eventually { nginxLog.text.contains("start worker processes") }, nginxLog.text)
        XCTAssertEqual(try runtime.run(["hostname", "-i"], in: sidecar, recorder: recorder).1, "\(pod.ip ?? "?")\n")
        for url in ["http://localhost/", "http://\(pod.ip ?? "?")/"] {
            let (status, page) = try runtime.run(["wget", "-qO-", url], in: sidecar, recorder: recorder)
            XCTAssertEqual(status, ExitStatus(code: 0), url)
            XCTAssertTrue(page.contains("Welcome to nginx!"), url)
        }
    }

    func testNoProcessOrNetworkNamespaceIsLeftAfterShutdown() throws {
        let (runtime, _) = try makeCluster(workers: 2)
        let pod = try runtime.createSandbox(hostname: "p", node: "worker-1")
        let (container, _) = try runtime.start("busybox", command: ["sleep", "60"], in: pod)
        let pids = ([runtime.initPID] + [pod.holder, container].compactMap(runtime.hostPID(of:))
                    + ["control-plane", "worker-1", "worker-2"].compactMap { runtime.node(named: $0)?.holder.flatMap(runtime.hostPID(of:)) })
        XCTAssertEqual(pids.count, 6)
        let netns = Set(pids.compactMap { namespace("net", of: $0) })
        XCTAssertEqual(netns.count, 5, "cluster network, 3 nodes, 1 pod")
        runtime.shutdown()
        XCTAssertTrue(eventually { pids.allSatisfy { !processExists($0) } }, "survivors \(pids.filter(processExists))")
        // A network namespace lives while a process (or an open nsfs fd/mount) holds it; none does.
        XCTAssertTrue(eventually { processes(inNetworkNamespaces: netns).isEmpty }, "\(processes(inNetworkNamespaces: netns))")
    }

    /// Not a pass/fail benchmark: what the network adds to a pod sandbox (veth pair into the node's
    /// cni0, address, link up, route), as the median difference to a sandbox on no node. The two
    /// kinds alternate so that load from other work on the machine weighs on both alike. No bound is
    /// asserted: every netlink change takes the kernel's one global rtnl lock, which network
    /// namespace teardown elsewhere on the machine can hold for milliseconds (quiet: ~0.7 ms;
    /// busy: 2-8 ms).
    func testMeasurePodNetworkSetup() throws {
        let (runtime, _) = try makeCluster(workers: 1)
        var bare: [TimeInterval] = [], wired: [TimeInterval] = [], holders: [ProcessID] = []
        func time(_ make: () throws -> Sandbox) rethrows -> TimeInterval {
            let begin = Date()
            holders.append(try make().holder)
            return Date().timeIntervalSince(begin) * 1000
        }
        for i in 0..<40 {
            bare.append(try time { try runtime.createSandbox(hostname: "bare-\(i)") })
            wired.append(try time { try runtime.createSandbox(hostname: "wired-\(i)", node: "worker-1") })
        }
        holders.forEach { runtime.signal($0, SIGKILL) }
        let median = { (xs: [TimeInterval]) in xs.sorted()[xs.count / 2] }
        print(String(format: "kubetutor-measure: pod sandbox median %.3f ms without network, %.3f ms on a node: "
                     + "network setup %.3f ms per pod", median(bare), median(wired), median(wired) - median(bare)))
    }
}

extension XCTestCase {
    /// An isolated runtime with a control plane and `workers` worker nodes, like the tutor's cluster.
    func makeCluster(workers: Int) throws -> (LinuxRuntime, ExitRecorder) {
        let (runtime, recorder) = try makeRuntime()
        _ = try runtime.createNode(name: "control-plane", index: 0)
        for i in 1...max(workers, 1) { _ = try runtime.createNode(name: "worker-\(i)", index: i) }
        return (runtime, recorder)
    }

    /// Runs a host program inside a runtime process's user, UTS and network namespaces (nsenter as
    /// the owner of the cluster's user namespace needs no privilege).
    func inNamespaces(of hostPID: Int32, _ argv: [String]) throws -> String {
        let nsenter = "/usr/bin/nsenter"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: nsenter), "needs nsenter (util-linux)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nsenter)
        process.arguments = ["-t", String(hostPID), "-U", "-u", "-n", "--preserve-credentials"] + argv
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
