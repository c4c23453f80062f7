import Foundation
import NIOCore
import NIOPosix
import APIServer
import Cluster
import HTTPAPI
import KubeAPI
import YAML

/// The API server's figures: a 100-pod list as a Table, create → watch event, requests per second
/// with 16 clients on loopback, and the real kubectl's `get pods` against its own start-up floor.
struct APIBench: BenchSection {
    var title: String { "API server" }

    func run(in context: BenchContext) throws -> [BenchFigure] {
        let boot = try context.cluster()
        let cluster = boot.cluster
        let api = APIServer.of(cluster)
        // Measured on a settled cluster: the earlier sections' pods have finished going away.
        try Self.waitUntilSettled(api)
        let dir = NSTemporaryDirectory() + "kubetutor-bench-api-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let credentials = try Credentials.prepare(in: URL(fileURLWithPath: dir + "/pki"))
        let server = try APIHTTPServer(api: api, credentials: credentials)
        defer { server.stop() }
        let kubeconfig = URL(fileURLWithPath: dir + "/kubeconfig")
        try credentials.writeKubeconfig(to: kubeconfig, port: server.port)
        _ = try? api.create(.namespace, namespace: "", body: .object([("apiVersion", .string("v1")), ("kind", .string("Namespace")),
                                                                      ("metadata", .object([("name", .string("bench-api"))]))]))
        for i in 0..<100 { _ = try api.create(.pod, namespace: "bench-api", body: Self.pod("list-\(i)")) }
        try Self.waitUntilRunning(api, count: 100)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        let client = try BenchAPIClient(group: group, port: server.port, caFile: credentials.caCertificate.path, token: credentials.token)
        defer { client.close() }
        let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
        var listTimes: [Double] = []
        // Sized by --pods (100: 200 timed lists, 100 watched pods, 16 × 400 requests).
        let scale = max(1, context.pods)
        for round in 0..<(20 + 2 * scale) {
            let start = DispatchTime.now().uptimeNanoseconds
            let (status, body) = try client.get("/api/v1/namespaces/bench-api/pods", accept: table)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard status == 200, body.contains("list-99") else { throw BenchError("list answered \(status)") }
            if round >= 20 { listTimes.append(elapsed) }
        }
        let list = BenchSamples(listTimes)
        let watch = BenchSamples(try Self.watchLatencies(api: api, group: group, server: server, credentials: credentials, pods: scale))
        let perRequest = try Self.timePerRequest(group: group, server: server, credentials: credentials, clients: 16, each: 4 * scale)
        let ratio = Self.kubectlRatio(kubeconfig: kubeconfig.path, home: dir, runs: scale >= 100 ? 7 : 3)
        for i in 0..<100 { _ = try? api.delete(.pod, namespace: "bench-api", name: "list-\(i)", options: .init(gracePeriodSeconds: 0)) }
        var figures = [
            BenchFigure("GET 100 pods as Table p50", list.median, .seconds),
            BenchFigure("GET 100 pods as Table p99", list.percentile(99), .seconds, target: BenchTarget(atMost: 0.005)),
            BenchFigure("create → watch event p50 (\(watch.count) pods)", watch.median, .seconds),
            BenchFigure("create → watch event p99", watch.percentile(99), .seconds, target: BenchTarget(atMost: 0.002)),
            BenchFigure(String(format: "time per request, 16 clients (%.0f req/s; target ≥ 5000)", 1 / perRequest), perRequest, .seconds,
                        target: BenchTarget(atMost: 1.0 / 5000)),
        ]
        if let ratio {
            figures.append(BenchFigure("real `kubectl get pods` / `kubectl version --client`", ratio, .ratio, target: BenchTarget(atMost: 1.5)))
        }
        return figures
    }

    static func waitUntilSettled(_ api: APIServer) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let pods = try api.list(.pod, namespace: nil).items
            if pods.allSatisfy({ $0.metadata.deletionTimestamp == nil && { if case .pod(let p) = $0 { return p.status.phase == "Running" }; return true }($0) }) { return }
            usleep(50_000)
        }
        throw BenchError("the cluster did not settle within 120 s before the API figures")
    }

    /// Lists are timed in a steady state: once the kubelets have started every pod.
    static func waitUntilRunning(_ api: APIServer, count: Int) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let running = try api.list(.pod, namespace: "bench-api", options: ListOptions(fieldSelector: "status.phase=Running")).items.count
            if running >= count { return }
            usleep(20_000)
        }
        throw BenchError("the \(count) listed pods did not all start within 60 s")
    }

    static func pod(_ name: String) -> JSONValue {
        .object([
            ("apiVersion", .string("v1")), ("kind", .string("Pod")), ("metadata", .object([("name", .string(name))])),
            ("spec", .object([("containers", .array([.object([("name", .string("c")), ("image", .string("busybox")),
                                                             ("command", .array([.string("sleep"), .string("3600")]))])]))])),
        ])
    }

    /// Seconds from `create` returning to the ADDED event reaching a watching client, per pod.
    static func watchLatencies(api: APIServer, group: EventLoopGroup, server: APIHTTPServer, credentials: Credentials, pods: Int) throws -> [Double] {
        let client = try BenchAPIClient(group: group, port: server.port, caFile: credentials.caCertificate.path, token: credentials.token)
        defer { client.close() }
        let seen = SeenNames()
        let version = try api.list(.pod, namespace: "bench-api").resourceVersion
        client.stream("/api/v1/namespaces/bench-api/pods?watch=true&resourceVersion=\(version)") { text in seen.saw(text) }
        var samples: [Double] = []
        for i in 0..<pods {
            let name = "watch-\(i)"
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try api.create(.pod, namespace: "bench-api", body: pod(name))
            guard let at = seen.wait(for: name, timeout: 5) else { throw BenchError("no watch event for \(name)") }
            samples.append(Double(at - start) / 1e9)
            _ = try? api.delete(.pod, namespace: "bench-api", name: name, options: .init(gracePeriodSeconds: 0))
            // Each create is timed on a settled cluster: the last pod's kubelet work is done.
            let gone = Date().addingTimeInterval(10)
            while (try? api.get(.pod, namespace: "bench-api", name: name)) != nil, Date() < gone { usleep(1_000) }
        }
        return samples
    }

    /// Wall time per request with `clients` connections each sending `each` GETs of one pod.
    static func timePerRequest(group: EventLoopGroup, server: APIHTTPServer, credentials: Credentials, clients: Int, each: Int) throws -> Double {
        let connections = try (0..<clients).map { _ in
            try BenchAPIClient(group: group, port: server.port, caFile: credentials.caCertificate.path, token: credentials.token)
        }
        defer { connections.forEach { $0.close() } }
        let failures = FailureCount()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: clients) { i in
            for _ in 0..<each {
                if (try? connections[i].get("/api/v1/namespaces/bench-api/pods/list-1"))?.0 != 200 { failures.add() }
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if failures.count > 0 { throw BenchError("\(failures.count) requests failed") }
        return elapsed / Double(clients * each)
    }

    /// Median wall time of `kubectl get pods` over that of `kubectl version --client`; nil without kubectl.
    static func kubectlRatio(kubeconfig: String, home: String, runs: Int) -> Double? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var kubectl: String?
        for dir in path.split(separator: ":") where kubectl == nil {
            let link = URL(fileURLWithPath: "\(dir)/kubectl")
            guard FileManager.default.isExecutableFile(atPath: link.path) else { continue }
            let versioned = link.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("kubectl.1.32").path
            kubectl = FileManager.default.isExecutableFile(atPath: versioned) ? versioned : link.path
        }
        guard let kubectl else { return nil }
        func time(_ args: [String]) -> Double {
            var samples: [Double] = []
            for _ in 0..<runs {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: kubectl)
                p.arguments = args
                p.environment = ["KUBECONFIG": kubeconfig, "HOME": home]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                let start = DispatchTime.now().uptimeNanoseconds
                guard (try? p.run()) != nil else { return 0 }
                p.waitUntilExit()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return BenchSamples(samples).median
        }
        _ = time(["get", "pods", "-n", "bench-api"])  // discovery cache warmed, as a learner's second command
        let floor = time(["version", "--client"])
        let get = time(["get", "pods", "-n", "bench-api"])
        return floor > 0 ? get / floor : nil
    }
}

/// The pods a watch stream has announced, with the uptime (ns) at which each first arrived.
final class SeenNames: @unchecked Sendable {
    private let lock = NSCondition()
    private var pending = ""
    private var arrivals: [String: UInt64] = [:]

    /// Takes a piece of the stream; each complete line is one watch event.
    func saw(_ chunk: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        pending += chunk
        while let newline = pending.firstIndex(of: "\n") {
            let line = pending[..<newline]
            if let name = Self.objectName(line), arrivals[name] == nil { arrivals[name] = now }
            pending = String(pending[pending.index(after: newline)...])
        }
        lock.broadcast()
    }

    /// `metadata.name` of the event's object: the first `"name":` after `"metadata":{`.
    static func objectName(_ line: Substring) -> String? {
        guard let meta = line.range(of: "\"metadata\":{"),
              let key = line.range(of: "\"name\":\"", range: meta.upperBound..<line.endIndex),
              let end = line[key.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(line[key.upperBound..<end])
    }

    /// The uptime (ns) at which the event for `name` arrived, or nil after `timeout`.
    func wait(for name: String, timeout: TimeInterval) -> UInt64? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while arrivals[name] == nil {
            if !lock.wait(until: deadline) { return nil }
        }
        return arrivals[name]
    }
}

/// Requests that failed, counted from many threads.
final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var count: Int { lock.withLock { value } }
    func add() { lock.withLock { value += 1 } }
}
