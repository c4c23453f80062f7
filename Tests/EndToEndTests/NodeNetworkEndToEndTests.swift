import XCTest

/// Pod networking through the real binary: pods reach each other by IP across nodes, containers of
/// a pod share localhost, and no network namespace outlives kubetutor.
final class NodeNetworkEndToEndTests: XCTestCase {
    static func pod(_ name: String, node: String, containers: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
        spec:
          nodeName: \(node)
          containers:
        \(containers)
        """ + "\n\n"  // an empty line ends a typed manifest
    }

    static let busybox = "    - name: shell\n      image: busybox\n      command: [\"sleep\", \"3600\"]"
    static let nginx = "    - name: nginx\n      image: nginx:latest"

    func testPodsReachEachOtherByIPAcrossNodes() throws {
        let p = try KubetutorProcess()
        defer { p.closeInput(); _ = p.waitForExit() }
        p.send(Self.pod("client", node: "worker-1", containers: Self.busybox))
        p.send(Self.pod("web", node: "worker-2", containers: Self.nginx))
        p.send("kubectl wait --for=condition=Ready pod/client pod/web --timeout=15s\n")
        p.waitFor("pod/web condition met")
        let rows = p.podRows()
        let web = try XCTUnwrap(rows["web"]), client = try XCTUnwrap(rows["client"])
        XCTAssertEqual(web.node, "worker-2")
        XCTAssertTrue(web.ip.hasPrefix("10.244.2."), "web's IP comes from worker-2's pod CIDR: \(web.ip)")
        XCTAssertTrue(client.ip.hasPrefix("10.244.1."), "\(client.ip)")
        let page = p.output(of: "kubectl exec client -- wget -qO- http://\(web.ip)/")
        XCTAssertTrue(page.contains("Welcome to nginx"), page + p.stderr)
        let ping = p.output(of: "kubectl exec client -- ping -c 1 -W 2 \(web.ip)")
        XCTAssertTrue(ping.contains("1 packets transmitted, 1 packets received"), ping + p.stderr)
        let describe = p.output(of: "kubectl describe pod web")
        XCTAssertTrue(describe.contains("IP:") && describe.contains(web.ip), describe)
        XCTAssertTrue(describe.contains("172.18.0.4"), "worker-2's node IP as the pod's host IP: \(describe)")
    }

    func testContainersOfAPodShareLocalhost() throws {
        let p = try KubetutorProcess()
        defer { p.closeInput(); _ = p.waitForExit() }
        p.send(Self.pod("duo", node: "worker-1", containers: Self.nginx + "\n" + Self.busybox))
        p.send("kubectl wait --for=condition=Ready pod/duo --timeout=15s\n")
        p.waitFor("pod/duo condition met")
        let page = p.output(of: "kubectl exec duo -c shell -- wget -qO- http://localhost/")
        XCTAssertTrue(page.contains("Welcome to nginx"), page + p.stderr)
    }

    func testNoNetworkNamespaceOutlivesAKilledKubetutor() throws {
        let p = try KubetutorProcess()
        p.send(Self.pod("web", node: "worker-2", containers: Self.nginx))
        p.send("kubectl wait --for=condition=Ready pod/web --timeout=15s\n")
        p.waitFor("pod/web condition met")
        let processes = HostProcesses.descendants(of: p.pid)
        let namespaces = NetworkNamespaces.held(by: processes)
        XCTAssertGreaterThanOrEqual(namespaces.count, 4, "the cluster network, 3 nodes and a pod")
        kill(p.pid, SIGKILL)
        _ = p.waitForExit()
        XCTAssertEqual(HostProcesses.waitGone(processes), [])
        let deadline = Date().addingTimeInterval(5)
        while !NetworkNamespaces.processes(in: namespaces).isEmpty && Date() < deadline { usleep(20_000) }
        XCTAssertEqual(NetworkNamespaces.processes(in: namespaces), [])
    }
}
