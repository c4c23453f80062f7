import Foundation

/// The local half of `kubectl port-forward`: listening sockets on the learner's machine and the byte
/// copy between an accepted connection and the pod's socket. A poll loop over two descriptors, not
/// SwiftNIO: the shell's kubectl is blocking by design and this is no protocol, only bytes.
enum PortRelay {
    /// A listening TCP socket on `address` (an IPv4 or IPv6 literal); port 0 lets the kernel pick.
    /// Fails with Go's wording of the error (`listen tcp4 127.0.0.1:8080: bind: address already in use`).
    static func listen(address: String, port: UInt16) -> Result<(fd: Int32, port: UInt16), ListenError> {
        let v6 = address.contains(":")
        let network = v6 ? "tcp6" : "tcp4"
        let shown = v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(ListenError(text: "listen \(network) \(shown): socket: \(goError(errno))")) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if v6 { setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size)) }
        var storage = sockaddr_storage()
        let length = fill(&storage, address: address, port: port, v6: v6)
        guard length > 0 else {
            close(fd)
            return .failure(ListenError(text: "listen \(network) \(shown): invalid address"))
        }
        let bound = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        if bound != 0 {
            let e = errno
            close(fd)
            return .failure(ListenError(text: "listen \(network) \(shown): bind: \(goError(e))"))
        }
        guard Glibc.listen(fd, 128) == 0 else {
            let e = errno
            close(fd)
            return .failure(ListenError(text: "listen \(network) \(shown): listen: \(goError(e))"))
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        let chosen: UInt16 = withUnsafePointer(to: &actual) { p in
            v6 ? p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
               : p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        return .success((fd, chosen))
    }

    struct ListenError: Error { let text: String }

    private static func fill(_ storage: inout sockaddr_storage, address: String, port: UInt16, v6: Bool) -> socklen_t {
        withUnsafeMutablePointer(to: &storage) { p in
            if v6 {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a in
                    a.pointee.sin6_family = sa_family_t(AF_INET6)
                    a.pointee.sin6_port = port.bigEndian
                    return inet_pton(AF_INET6, address, &a.pointee.sin6_addr) == 1 ? socklen_t(MemoryLayout<sockaddr_in6>.size) : 0
                }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a in
                a.pointee.sin_family = sa_family_t(AF_INET)
                a.pointee.sin_port = port.bigEndian
                return inet_pton(AF_INET, address, &a.pointee.sin_addr) == 1 ? socklen_t(MemoryLayout<sockaddr_in>.size) : 0
            }
        }
    }

    /// Go's wording of an errno: strerror with a lower-case first letter.
    static func goError(_ e: Int32) -> String {
        let text = String(cString: strerror(e))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// Waits up to `milliseconds` for a connection on any of `listeners`; the accepted socket and the
    /// index of the listener it came in on, or nil.
    static func accept(_ listeners: [Int32], milliseconds: Int32) -> (fd: Int32, listener: Int)? {
        var fds = listeners.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return nil }
        for (i, p) in fds.enumerated() where p.revents & Int16(POLLIN) != 0 {
            let c = Glibc.accept(p.fd, nil, nil)
            if c >= 0 {
                _ = fcntl(c, F_SETFD, FD_CLOEXEC)
                return (c, i)
            }
        }
        return nil
    }

    /// Copies bytes both ways until each side has finished sending (a half-close is passed on), or
    /// either fails; then closes both.
    static func splice(_ a: Int32, _ b: Int32) {
        for fd in [a, b] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
        var open = [true, true]  // a→b, b→a still carry data
        var buffer = [UInt8](repeating: 0, count: 65536)
        copying: while open[0] || open[1] {
            var fds = [pollfd(fd: open[0] ? a : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open[1] ? b : -1, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for (i, (from, to)) in [(a, b), (b, a)].enumerated() where open[i] && fds[i].revents != 0 {
                let n = read(from, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    if n < 0 { break copying }
                    open[i] = false
                    shutdown(to, Int32(SHUT_WR))
                    continue
                }
                var sent = 0
                while sent < n {
                    let w = buffer.withUnsafeBytes { raw in raw.baseAddress.map { write(to, $0 + sent, n - sent) } ?? -1 }
                    if w < 0 && errno == EINTR { continue }
                    if w <= 0 { break copying }
                    sent += w
                }
            }
        }
        close(a)
        close(b)
    }
}
