import XCTest
import Cluster
import KubeAPI
@testable import Kubectl

/// `kubectl port-forward` in the shell: real listeners on the host's loopback, real connections into
/// the pod's network namespace. Wording compared with kubectl v1.32 and client-go's port-forwarder.
extension KubectlVerbTests {
    /// Runs `port-forward` on another thread until `stop` is set; returns its (status, stdout, stderr).
    final class Forwarding: @unchecked Sendable {
        let captured = CapturedOutput()
        let stop = StopFlag()
        let done = DispatchSemaphore(value: 0)
        var status: Int32 = -1

        /// The local port of the first "Forwarding from 127.0.0.1:N -> R" line, once it is printed.
        func localPort(timeout: TimeInterval = 10) -> UInt16? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                for line in captured.stdout.split(separator: "\n") where line.hasPrefix("Forwarding from 127.0.0.1:") {
                    let rest = line.dropFirst("Forwarding from 127.0.0.1:".count)
                    if let port = rest.split(separator: " ").first.flatMap({ UInt16($0) }) { return port }
                }
                usleep(10_000)
            }
            return nil
        }

        func finish() -> Int32 {
            stop.set()
            _ = done.wait(timeout: .now() + 10)
            return status
        }
    }

    func forward(_ args: [String]) -> Forwarding {
        let f = Forwarding()
        let io = CommandIO(out: { f.captured.append(out: $0) }, err: { f.captured.append(err: $0) }, isInterrupted: { f.stop.isSet })
        let kubectl = self.kubectl!
        DispatchQueue.global().async {
            f.status = kubectl.run(["port-forward"] + args, io: io)
            f.done.signal()
        }
        return f
    }

    /// One HTTP/1.0 GET to host:port on the host; the whole reply ("" when the connection failed).
    func httpGet(_ host: String, _ port: UInt16, path: String = "/") -> String {
        let v6 = host.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var storage = sockaddr_storage()
        let length: socklen_t = withUnsafeMutablePointer(to: &storage) { p in
            if v6 {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    $0.pointee.sin6_family = sa_family_t(AF_INET6)
                    $0.pointee.sin6_port = port.bigEndian
                    inet_pton(AF_INET6, host, &$0.pointee.sin6_addr)
                    return socklen_t(MemoryLayout<sockaddr_in6>.size)
                }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                $0.pointee.sin_family = sa_family_t(AF_INET)
                $0.pointee.sin_port = port.bigEndian
                inet_pton(AF_INET, host, &$0.pointee.sin_addr)
                return socklen_t(MemoryLayout<sockaddr_in>.size)
            }
        }
        let connected = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } }
        guard connected == 0 else { return "" }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            reply += buffer[0..<n]
        }
        return String(decoding: reply, as: UTF8.self)
    }

    func testPortForwardCarriesConnectionsFromTheHostToNginxInThePod() throws {
        try write("web.yaml", Self.webWithSidecar)
        try run("apply -f web.yaml")
        try run("wait --for=condition=Ready pod/web")
        let f = forward(["pod/web", ":80"])
        let port = try XCTUnwrap(f.localPort(), f.captured.stderr)
        XCTAssertTrue(f.captured.stdout.hasPrefix("Forwarding from 127.0.0.1:\(port) -> 80\n"), f.captured.stdout)
        var page = ""
        // nginx may still be starting when Ready: the page comes once it listens.
        let deadline = Date().addingTimeInterval(10)
        while !page.contains("Welcome to nginx!") && Date() < deadline && f.captured.stderr.isEmpty {
            page = httpGet("127.0.0.1", port)
        }
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200 OK\r\n"), page + f.captured.stderr)
        XCTAssertTrue(page.contains("<title>Welcome to nginx!</title>"), page)
        if f.captured.stdout.contains("Forwarding from [::1]:\(port) -> 80\n") {
            XCTAssertTrue(httpGet("::1", port).contains("Welcome to nginx!"), "the IPv6 listener forwards too")
        }
        XCTAssertTrue(f.captured.stdout.contains("Handling connection for \(port)\n"), f.captured.stdout)
        // nginx saw the connection on the pod's own loopback, as with containerd's port-forward.
        let (_, log, _) = try run("logs web -c web")
        XCTAssertTrue(log.contains("127.0.0.1 - - ["), log)
        XCTAssertEqual(f.finish(), 0, "Ctrl-C ends it: " + f.captured.stderr)
        XCTAssertEqual(httpGet("127.0.0.1", port), "", "nothing listens after Ctrl-C")
    }

    func testPortForwardToADeploymentUsesOneOfItsPods() throws {
        try run("create deployment web --image=nginx")
        try run("wait --for=condition=Available deployment/web")
        let f = forward(["deploy/web", ":80"])
        let port = try XCTUnwrap(f.localPort(), f.captured.stderr)
        var page = ""
        let deadline = Date().addingTimeInterval(10)
        while !page.contains("Welcome to nginx!") && Date() < deadline && f.captured.stderr.isEmpty { page = httpGet("127.0.0.1", port) }
        XCTAssertTrue(page.contains("Welcome to nginx!"), page + f.captured.stderr)
        XCTAssertEqual(f.finish(), 0)
        XCTAssertEqual(f.captured.stderr, "", "no 'Found N pods' line: that is logs'")
    }

    func testAConnectionToAPortNothingListensOnEndsTheForwardLikeKubectl() throws {
        try run("run quiet --image=busybox --command -- sleep 3600")
        try run("wait --for=condition=Ready pod/quiet")
        let f = forward(["quiet", ":8080"])
        let port = try XCTUnwrap(f.localPort(), f.captured.stderr)
        XCTAssertEqual(httpGet("127.0.0.1", port), "", "the local connection is closed")
        XCTAssertEqual(f.done.wait(timeout: .now() + 10), .success, "a failed connection ends port-forward")
        XCTAssertEqual(f.status, 1)
        let lines = f.captured.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.last, "error: lost connection to pod")
        let logged = try XCTUnwrap(lines.first)
        XCTAssertTrue(logged.hasPrefix("E"), logged)
        XCTAssertTrue(logged.contains(" portforward.go:424] \"Unhandled Error\" err=\"an error occurred forwarding \(port) -> 8080: "
                                      + "error forwarding port 8080 to pod "), logged)
        XCTAssertTrue(logged.contains(", uid : failed to execute portforward in network namespace \\\"/var/run/netns/cni-"), logged)
        XCTAssertTrue(logged.hasSuffix("IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused "
                                       + "IPv6 dial tcp6 [::1]:8080: connect: connection refused \""), logged)
    }

    func testPortForwardRefusesWhatKubectlRefuses() throws {
        try write("web.yaml", Self.webWithSidecar)
        try run("apply -f web.yaml")
        let usage = "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"
        XCTAssertEqual(try run("port-forward").2, usage)
        XCTAssertEqual(try run("port-forward web").2, usage)
        XCTAssertEqual(try run("port-forward nosuch 80").2, "Error from server (NotFound): pods \"nosuch\" not found\n")
        XCTAssertEqual(try run("port-forward web 8080:http").2, "error: Pod 'web' does not have a named port 'http'\n")
        XCTAssertEqual(try run("port-forward --pod-running-timeout=abc web 80").2,
                       "error: invalid argument \"abc\" for \"--pod-running-timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl port-forward --help' for usage.\n")
        try run("wait --for=condition=Ready pod/web")
        XCTAssertEqual(try run("port-forward web 70000:80").2,
                       "error: error parsing local port '70000': strconv.ParseUint: parsing \"70000\": value out of range\n")
        XCTAssertEqual(try run("port-forward web 80:x8").2, "error: Pod 'web' does not have a named port 'x8'\n")
        // kubectl reads `1:2:3` as port 1 both ways, before client-go could call it an invalid format.
        XCTAssertEqual(try Kubectl.namedPortsResolved(["1:2:3", "8080:80", "80", ":80"], in: Pod()),
                       ["1", "8080:80", "80", ":80"])
        XCTAssertEqual(try run("port-forward web 8080:").2, "error: remote port cannot be empty\n")
        XCTAssertEqual(try run("port-forward web 8080:0").2, "error: remote port must be > 0\n")
        XCTAssertEqual(try run("port-forward --address=nowhere web :80").2, "error: nowhere is not a valid IP\n")
        try run("run pending --image=nosuchimage")
        XCTAssertEqual(try run("port-forward pending 80").2,
                       "error: unable to forward port because pod is not running. Current status=Pending\n")
    }

    func testABusyLocalPortIsReportedPerAddress() throws {
        try write("web.yaml", Self.webWithSidecar)
        try run("apply -f web.yaml")
        try run("wait --for=condition=Ready pod/web")
        guard case .success(let taken) = PortRelay.listen(address: "127.0.0.1", port: 0) else { return XCTFail("no listener") }
        defer { close(taken.fd) }
        let v6 = PortRelay.listen(address: "::1", port: taken.port)
        defer { if case .success(let l) = v6 { close(l.fd) } }
        let f = forward(["web", "\(taken.port):80"])
        XCTAssertEqual(f.done.wait(timeout: .now() + 10), .success, "nothing to listen on ends it")
        let (status, out, err) = (f.status, f.captured.stdout, f.captured.stderr)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, "")
        let reason6: String
        if case .success = v6 { reason6 = "address already in use" } else { reason6 = "cannot assign requested address" }
        XCTAssertEqual(err, "Unable to listen on port \(taken.port): Listeners failed to create with the following errors: "
                       + "[unable to create listener: Error listen tcp4 127.0.0.1:\(taken.port): bind: address already in use "
                       + "unable to create listener: Error listen tcp6 [::1]:\(taken.port): bind: \(reason6)]\n"
                       + "error: unable to listen on any of the requested ports: [{\(taken.port) 80}]\n")
    }
}
