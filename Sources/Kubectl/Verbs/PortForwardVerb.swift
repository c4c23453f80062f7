import Foundation
import KubeAPI
import Cluster

/// `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT…`: listens on the learner's machine
/// (localhost: 127.0.0.1 and ::1) and carries each connection to localhost:REMOTE_PORT inside the pod,
/// until Ctrl-C or until a connection fails (kubectl then reports "lost connection to pod").
enum PortForwardVerb {
    static let verb = Kubectl.Verb(
        name: "port-forward", summary: "Forward one or more local ports to a pod",
        flags: [FlagSpec("address", nil, .list), FlagSpec("pod-running-timeout")],
        run: { k, f, io in try k.portForward(f, io) })
}

/// A LOCAL:REMOTE pairing, as client-go's ForwardedPort.
struct ForwardedPort: Equatable {
    var local: UInt16
    var remote: UInt16
}

extension Kubectl {
    func portForward(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard flags.positional.count >= 2 else {
            throw KubectlError("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples")
        }
        if let t = flags.string("pod-running-timeout"), GoDuration.parse(t) == nil {
            throw KubectlError("error: invalid argument \"\(t)\" for \"--pod-running-timeout\" flag: time: invalid duration \"\(t)\"\nSee 'kubectl port-forward --help' for usage.")
        }
        var podName = flags.positional[0]
        if let slash = podName.firstIndex(of: "/") {
            let typed = String(podName[..<slash])
            let name = String(podName[podName.index(after: slash)...])
            guard let kind = ResourceKind.lookup(typed) else { throw KubectlError.unknownResource(typed) }
            podName = kind == .pod ? name : try podFor(kind, name, io: io, announce: false)
        }
        let key = ObjectKey(namespace: namespace, name: podName)
        guard let pod = cluster.sync({ cluster.pods.get(key) }) else { throw KubectlError.notFound(.pod, podName) }
        let specs = try Self.namedPortsResolved(Array(flags.positional.dropFirst()), in: pod)
        guard pod.status.phase == "Running" else {
            throw KubectlError("error: unable to forward port because pod is not running. Current status=\(pod.status.phase)")
        }
        let addresses = try Self.listenAddresses(flags.has("address") ? flags.list("address").flatMap { $0.split(separator: ",").map(String.init) } : ["localhost"])
        var ports = try Self.parsePorts(specs)

        // Listen: per port, on every address; localhost fails only when neither address could be bound.
        var listeners: [(fd: Int32, port: ForwardedPort)] = []
        defer { listeners.forEach { close($0.fd) } }
        for i in ports.indices {
            var failures: [String] = []
            var boundLocalhost = false, failedLocalhost = false, failedOther = false
            for address in addresses {
                switch PortRelay.listen(address: address.ip, port: ports[i].local) {
                case .success(let bound):
                    ports[i].local = bound.port
                    listeners.append((bound.fd, ports[i]))
                    if address.isLocalhost { boundLocalhost = true }
                    let shown = address.ip.contains(":") ? "[\(address.ip)]" : address.ip
                    io.line("Forwarding from \(shown):\(bound.port) -> \(ports[i].remote)")
                case .failure(let e):
                    failures.append("unable to create listener: Error \(e.text)")
                    if address.isLocalhost { failedLocalhost = true } else { failedOther = true }
                }
            }
            if (!boundLocalhost && failedLocalhost) || failedOther {
                io.errorLine("Unable to listen on port \(ports[i].local): Listeners failed to create with the following errors: [\(failures.joined(separator: " "))]")
                listeners.removeAll { l in
                    guard l.port == ports[i] else { return false }
                    close(l.fd)
                    return true
                }
            }
        }
        guard !listeners.isEmpty else {
            throw KubectlError("error: unable to listen on any of the requested ports: [\(ports.map { "{\($0.local) \($0.remote)}" }.joined(separator: " "))]")
        }

        // Connections are accepted and connected here, one at a time; each is then copied on its own thread.
        var lost = false
        while !io.isInterrupted() && !lost {
            guard let (accepted, index) = PortRelay.accept(listeners.map(\.fd), milliseconds: 100) else { continue }
            let port = listeners[index].port
            io.line("Handling connection for \(port.local)")
            do {
                let remote = try cluster.sync { try cluster.connect(pod: key, port: Int(port.remote)) }
                Thread.detachNewThread { PortRelay.splice(accepted, remote) }
            } catch let e as PortForwardError {
                close(accepted)
                io.errorLine(Klog.error(file: "portforward.go", line: 424, "Unhandled Error",
                                        err: "an error occurred forwarding \(port.local) -> \(port.remote): \(e.message)"))
                lost = true
            }
        }
        if lost { throw KubectlError("error: lost connection to pod") }
        return 0
    }

    /// kubectl's convertPodNamedPortToNumber: a remote port that is not a number names a container port.
    static func namedPortsResolved(_ specs: [String], in pod: Pod) throws -> [String] {
        try specs.map { spec in
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            // kubectl's splitPort: anything but LOCAL:REMOTE is its first part, both ways (`1:2:3` is 1).
            let (local, remote) = parts.count == 2 ? (parts[0], parts[1]) : (parts[0], parts[0])
            if remote.isEmpty { throw KubectlError("error: remote port cannot be empty") }
            if Int(remote) != nil { return local != remote ? "\(local):\(remote)" : remote }
            let named = pod.spec.containers.lazy.flatMap(\.ports).first { $0.name == remote }
            guard let number = named?.containerPort else {
                throw KubectlError("error: Pod '\(pod.metadata.name)' does not have a named port '\(remote)'")
            }
            return local != remote ? "\(local):\(number)" : "\(number)"
        }
    }

    /// client-go's parsePorts: `5000`, `8888:5000`, `:5000` and `0:5000` (a port the kernel picks).
    static func parsePorts(_ specs: [String]) throws -> [ForwardedPort] {
        try specs.map { spec in
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2 else { throw KubectlError("error: invalid port format '\(spec)'") }
            let local = parts.count == 1 ? parts[0] : (parts[0].isEmpty ? "0" : parts[0])
            let remote = parts.count == 1 ? parts[0] : parts[1]
            guard let l = UInt16(exactly: try goParseUint(local, what: "local")) else { throw KubectlError("error: error parsing local port") }
            guard let r = UInt16(exactly: try goParseUint(remote, what: "remote")) else { throw KubectlError("error: error parsing remote port") }
            if r == 0 { throw KubectlError("error: remote port must be > 0") }
            return ForwardedPort(local: l, remote: r)
        }
    }

    /// strconv.ParseUint(text, 10, 16) with its error wording.
    private static func goParseUint(_ text: String, what: String) throws -> UInt64 {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let v = UInt64(text) else {
            let overflow = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
            throw KubectlError("error: error parsing \(what) port '\(text)': strconv.ParseUint: parsing \"\(text)\": "
                               + (overflow ? "value out of range" : "invalid syntax"))
        }
        guard v <= 65535 else {
            throw KubectlError("error: error parsing \(what) port '\(text)': strconv.ParseUint: parsing \"\(text)\": value out of range")
        }
        return v
    }

    /// client-go's parseAddresses: `localhost` is 127.0.0.1 and ::1 (enough if either binds); an IP
    /// must bind. Sorted, as client-go sorts them.
    static func listenAddresses(_ given: [String]) throws -> [(ip: String, isLocalhost: Bool)] {
        var parsed: [String: Bool] = [:]
        for address in given {
            if address == "localhost" {
                if parsed["127.0.0.1"] == nil { parsed["127.0.0.1"] = true }
                if parsed["::1"] == nil { parsed["::1"] = true }
            } else if Self.isIP(address) {
                parsed[address] = false
            } else {
                throw KubectlError("error: \(address) is not a valid IP")
            }
        }
        return parsed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private static func isIP(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

/// klog's text header, as kubectl writes errors it logs rather than returns.
enum Klog {
    static func error(file: String, line: Int, _ message: String, err: String, now: Date = Date()) -> String {
        var t = tm()
        var seconds = time_t(now.timeIntervalSince1970)
        localtime_r(&seconds, &t)
        let micros = Int((now.timeIntervalSince1970 - Double(seconds)) * 1_000_000)
        let header = String(format: "E%02d%02d %02d:%02d:%02d.%06d %7d %@:%d]", t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min,
                            t.tm_sec, micros, getpid(), file, line)
        return "\(header) \(quote(message)) err=\(quote(err))"
    }

    /// Go's %q for the characters an error message holds.
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
