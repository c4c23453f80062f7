import Foundation
import XCTest

@testable import Runtime

/// Port-forward's runtime half: a connection to localhost:<port> made inside the pod's network
/// namespace, never on the host's.
final class PortConnectTests: XCTestCase {
    /// Sends `request` on `fd` and reads until EOF (at most 5 s).
    private func exchange(_ fd: Int32, _ request: String) -> String {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        _ = Array(request.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            reply += buffer[0..<n]
        }
        return String(decoding: reply, as: UTF8.self)
    }

    func testAConnectionReachesNginxInsideThePod() throws {
        let (runtime, _) = try makeCluster(workers: 1)
        let web = try runtime.createSandbox(hostname: "web", node: "worker-1")
        let (_, log) = try runtime.start("nginx", in: web)
        XCTAssertTrue(eventually { log.text.contains("start worker processes") }, log.text)
        let fd = try runtime.connect(in: web, port: 80)
        defer { close(fd) }
        let reply = exchange(fd, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 200 OK\r\n"), reply)
        XCTAssertTrue(reply.contains("<title>Welcome to nginx!</title>"), reply)
        // nginx saw a client on the pod's own loopback, as with containerd's port-forward.
        XCTAssertTrue(eventually { log.text.contains("127.0.0.1 - - [") }, log.text)
    }

    func testNothingListeningIsRefusedWithBothAddressesNamed() throws {
        let (runtime, _) = try makeCluster(workers: 1)
        let quiet = try runtime.createSandbox(hostname: "quiet", node: "worker-1")
        _ = try runtime.start("busybox", command: ["sleep", "60"], in: quiet)
        XCTAssertThrowsError(try runtime.connect(in: quiet, port: 8080)) { error in
            let e = error as? RuntimeError
            XCTAssertEqual(e?.stage, "connect")
            XCTAssertEqual(e?.errno, ECONNREFUSED)
            XCTAssertEqual(e?.detail, "IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused "
                           + "IPv6 dial tcp6 [::1]:8080: connect: connection refused")
        }
    }

    func testTheHostsOwnLoopbackIsNotReached() throws {
        // A listener on the host's 127.0.0.1 must not answer a pod's port-forward.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) == 0 && getsockname(listener, $0, &len) == 0 }
        }
        XCTAssertTrue(bound)
        XCTAssertEqual(listen(listener, 4), 0)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let (runtime, _) = try makeCluster(workers: 1)
        let pod = try runtime.createSandbox(hostname: "p", node: "worker-1")
        XCTAssertThrowsError(try runtime.connect(in: pod, port: port))
    }

    func testBadRequestsAreRefused() throws {
        let (runtime, _) = try makeCluster(workers: 1)
        let pod = try runtime.createSandbox(hostname: "p", node: "worker-1")
        for port in [0, 70000] {
            XCTAssertThrowsError(try runtime.connect(in: pod, port: port)) { XCTAssertEqual(($0 as? RuntimeError)?.detail, "malformed port") }
        }
        var gone = pod
        gone.holder = 999_999
        XCTAssertThrowsError(try runtime.connect(in: gone, port: 80)) { XCTAssertEqual(($0 as? RuntimeError)?.detail, "sandbox is not running") }
    }
}
