import XCTest
import Cluster
import KubeAPI
import Runtime
import YAML
@testable import APIServer

/// Kubernetes' REST semantics through the API layer, on a real embedded cluster.
final class RESTSemanticsTests: XCTestCase {
    var runtime: LinuxRuntime!
    var cluster: Cluster!
    var api: APIServer!

    override func setUpWithError() throws {
        runtime = try LinuxRuntime()
        cluster = Cluster(runtime: runtime, images: CatalogImages(runtime.images), makeLog: { try ContainerLog(name: "test") })
        api = APIServer.of(cluster)
    }

    override func tearDown() { cluster?.shutdown() }

    func pod(_ name: String, labels: [String: String] = [:]) -> JSONValue {
        var meta: [(String, JSONValue)] = [("name", .string(name))]
        if !labels.isEmpty { meta.append(("labels", .object(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))) }
        return .object([
            ("apiVersion", .string("v1")), ("kind", .string("Pod")), ("metadata", .object(meta)),
            ("spec", .object([("containers", .array([.object([("name", .string("c")), ("image", .string("busybox")),
                                                             ("command", .array([.string("sleep"), .string("60")]))])]))])),
        ])
    }

    func assertAPIError<T>(_ body: @autoclosure () throws -> T, code: Int, reason: String, message: String? = nil,
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let e = error as? APIError else { return XCTFail("not an APIError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.code, code, e.message, file: file, line: line)
            XCTAssertEqual(e.reason, reason, file: file, line: line)
            if let message { XCTAssertEqual(e.message, message, file: file, line: line) }
        }
    }

    func testCreateGetAndTheErrorsOfKubeAPIServer() throws {
        let created = try api.create(.pod, namespace: "default", body: pod("a"))
        XCTAssertFalse(created.metadata.uid.isEmpty)
        XCTAssertEqual(created.metadata.namespace, "default")
        XCTAssertEqual(try api.get(.pod, namespace: "default", name: "a").metadata.uid, created.metadata.uid)
        assertAPIError(try api.create(.pod, namespace: "default", body: pod("a")), code: 409, reason: "AlreadyExists", message: "pods \"a\" already exists")
        assertAPIError(try api.get(.pod, namespace: "default", name: "b"), code: 404, reason: "NotFound", message: "pods \"b\" not found")
        assertAPIError(try api.create(.pod, namespace: "dev", body: pod("a")), code: 404, reason: "NotFound", message: "namespaces \"dev\" not found")
        var bad = pod("Bad_Name")
        assertAPIError(try api.create(.pod, namespace: "default", body: bad), code: 422, reason: "Invalid")
        bad = .object([("apiVersion", .string("v1")), ("kind", .string("Pod")), ("metadata", .object([("name", .string("x"))])),
                       ("spec", .object([("containers", .array([.object([("name", .string("c")), ("imagee", .string("busybox"))])]))]))])
        assertAPIError(try api.create(.pod, namespace: "default", body: bad), code: 400, reason: "BadRequest",
                       message: "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\"")
        // Nothing half-written.
        XCTAssertEqual(try api.list(.pod, namespace: "default").items.map(\.name), ["a"])
    }

    func testDryRunStoresNothing() throws {
        let o = try api.create(.pod, namespace: "default", body: pod("dry"), options: .init(dryRun: true))
        XCTAssertEqual(o.name, "dry")
        assertAPIError(try api.get(.pod, namespace: "default", name: "dry"), code: 404, reason: "NotFound")
    }

    func testUpdateWithAStaleResourceVersionIsAConflict() throws {
        _ = try api.create(.pod, namespace: "default", body: pod("a"))
        // The scheduler and kubelet write too: start from what is stored now.
        let (created, updated) = try cluster.sync {
            let created = try api.get(.pod, namespace: "default", name: "a")
            var changed = created
            changed.metadata.labels["tier"] = "web"
            return (created, try api.update(changed, namespace: "default"))
        }
        XCTAssertNotEqual(updated.metadata.resourceVersion, created.metadata.resourceVersion)
        var stale = created
        stale.metadata.labels["tier"] = "db"
        assertAPIError(try api.update(stale, namespace: "default"), code: 409, reason: "Conflict",
                       message: "Operation cannot be fulfilled on pods \"a\": the object has been modified; please apply your changes to the latest version and try again")
    }

    func testTheThreePatchFormats() throws {
        _ = try api.create(.pod, namespace: "default", body: pod("a", labels: ["app": "x"]))
        var o = try api.patch(.pod, namespace: "default", name: "a", type: .merge,
                              patch: .object([("metadata", .object([("labels", .object([("app", .null), ("tier", .string("web"))]))]))]))
        XCTAssertEqual(o.metadata.labels, ["tier": "web"])
        o = try api.patch(.pod, namespace: "default", name: "a", type: .json,
                          patch: .array([.object([("op", .string("add")), ("path", .string("/metadata/annotations")),
                                                  ("value", .object([("note", .string("hi"))]))])]))
        XCTAssertEqual(o.metadata.annotations["note"], "hi")
        // A strategic merge patch merges containers by name (a JSON merge patch would replace the list).
        o = try api.patch(.pod, namespace: "default", name: "a", type: .strategic,
                          patch: .object([("spec", .object([("containers", .array([.object([("name", .string("c")), ("image", .string("busybox:1.36"))])]))]))]))
        guard case .pod(let p) = o else { return XCTFail("not a pod") }
        XCTAssertEqual(p.spec.containers.map(\.image), ["busybox:1.36"])
        XCTAssertEqual(p.spec.containers.first?.command, ["sleep", "60"])
        assertAPIError(try api.patch(.pod, namespace: "default", name: "a", type: .json,
                                     patch: .array([.object([("op", .string("remove")), ("path", .string("/metadata/nosuch"))])])),
                       code: 422, reason: "Invalid")
    }

    func testListsPageWithLimitAndContinueAndFilterBySelectors() throws {
        for i in 0..<5 { _ = try api.create(.pod, namespace: "default", body: pod("p\(i)", labels: ["n": i % 2 == 0 ? "even" : "odd"])) }
        let first = try api.list(.pod, namespace: "default", options: ListOptions(limit: 2))
        XCTAssertEqual(first.items.map(\.name), ["p0", "p1"])
        XCTAssertEqual(first.remainingItemCount, 3)
        let second = try api.list(.pod, namespace: "default", options: ListOptions(limit: 2, continueToken: first.continueToken))
        XCTAssertEqual(second.items.map(\.name), ["p2", "p3"])
        let last = try api.list(.pod, namespace: "default", options: ListOptions(limit: 2, continueToken: second.continueToken))
        XCTAssertEqual(last.items.map(\.name), ["p4"])
        XCTAssertEqual(last.continueToken, "")
        XCTAssertEqual(try api.list(.pod, namespace: "default", options: ListOptions(labelSelector: "n=even")).items.map(\.name), ["p0", "p2", "p4"])
        XCTAssertEqual(try api.list(.pod, namespace: nil, options: ListOptions(fieldSelector: "metadata.name=p3")).items.map(\.name), ["p3"])
        assertAPIError(try api.list(.pod, namespace: "default", options: ListOptions(labelSelector: "n in (")), code: 400, reason: "BadRequest")
        assertAPIError(try api.list(.pod, namespace: "default", options: ListOptions(fieldSelector: "spec.nosuch=x")), code: 400, reason: "BadRequest")
        assertAPIError(try api.list(.pod, namespace: "default", options: ListOptions(continueToken: "%%%")), code: 400, reason: "BadRequest")
    }

    func testWatchFromAResourceVersionReplaysAndTooOldIsGone() throws {
        _ = try api.create(.pod, namespace: "default", body: pod("a"))
        let version = try api.list(.pod, namespace: "default").resourceVersion
        _ = try api.create(.pod, namespace: "default", body: pod("b"))
        let seen = Locked<[String]>([])
        let handle = try api.watch(.pod, namespace: "default", options: ListOptions(resourceVersion: version)) { type, o in
            seen.mutate { $0.append("\(type.rawValue) \(o.name)") }
        }
        defer { handle.stop() }
        let replayed = cluster.sync { seen.value }
        XCTAssertTrue(replayed.contains("ADDED b"), "\(replayed)")
        XCTAssertFalse(replayed.contains("ADDED a"), "a was there before the version: \(replayed)")
        // Changes older than the cache reaches back to are 410 Expired.
        for i in 0..<(WatchCache.trimmedAt + 5) {
            _ = try api.patch(.pod, namespace: "default", name: "a", type: .merge,
                              patch: .object([("metadata", .object([("labels", .object([("i", .string(String(i)))]))]))]))
        }
        assertAPIError(try api.watch(.pod, namespace: "default", options: ListOptions(resourceVersion: version)) { _, _ in },
                       code: 410, reason: "Expired")
    }

    /// A pod for a scheduler of its own waits unscheduled until that scheduler posts a Binding.
    func testABindingAssignsAPodForAnotherScheduler() throws {
        guard case .object(var fields) = pod("custom"), let i = fields.firstIndex(where: { $0.0 == "spec" }),
              case .object(var spec) = fields[i].1 else { return XCTFail("no spec") }
        spec.append(("schedulerName", .string("my-scheduler")))
        fields[i].1 = .object(spec)
        _ = try api.create(.pod, namespace: "default", body: .object(fields))
        guard case .pod(let waiting) = try api.get(.pod, namespace: "default", name: "custom") else { return XCTFail("not a pod") }
        XCTAssertNil(waiting.spec.nodeName, "the default scheduler leaves it alone")
        let binding: JSONValue = .object([("apiVersion", .string("v1")), ("kind", .string("Binding")), ("metadata", .object([("name", .string("custom"))])),
                                          ("target", .object([("kind", .string("Node")), ("name", .string("worker-2"))]))])
        try api.bind(namespace: "default", pod: "custom", body: binding)
        guard case .pod(let bound) = try api.get(.pod, namespace: "default", name: "custom") else { return XCTFail("not a pod") }
        XCTAssertEqual(bound.spec.nodeName, "worker-2")
        XCTAssertEqual(bound.status.conditions.first { $0.type == "PodScheduled" }?.status, "True", "and its kubelet takes it")
        do {
            try api.bind(namespace: "default", pod: "custom", body: binding)
            XCTFail("bound twice")
        } catch let e as APIError {
            XCTAssertEqual(e.code, 409)
            XCTAssertEqual(e.message, "Operation cannot be fulfilled on pods/binding \"custom\": pod custom is already assigned to node \"worker-2\"")
        }
        assertAPIError(try api.bind(namespace: "default", pod: "nosuch", body: .object([("target", .object([("name", .string("worker-1"))]))])),
                       code: 404, reason: "NotFound")
        assertAPIError(try api.bind(namespace: "default", pod: "custom", body: .object([("target", .object([]))])), code: 422, reason: "Invalid")
    }

    func testTheSystemNamespacesMayNotBeDeleted() throws {
        for name in ["default", "kube-system", "kube-public"] {
            assertAPIError(try api.delete(.namespace, namespace: "", name: name), code: 403, reason: "Forbidden")
        }
        XCTAssertEqual(try api.list(.namespace, namespace: nil).items.count, 4)
    }

    func testANamespaceTerminatesAndTakesItsObjects() throws {
        _ = try api.create(.namespace, namespace: "", body: .object([("apiVersion", .string("v1")), ("kind", .string("Namespace")),
                                                                     ("metadata", .object([("name", .string("dev"))]))]))
        let ns = try api.get(.namespace, namespace: "", name: "dev")
        guard case .namespace(let n) = ns else { return XCTFail("not a namespace") }
        XCTAssertEqual(n.status.phase, "Active")
        XCTAssertEqual(n.spec.finalizers, ["kubernetes"])
        // A running pod, so that the path is always the same one: `sleep` as PID 1 ignores SIGTERM, as in
        // a real container, so the pod goes after its grace period (1 s here), not at once.
        guard case .object(var fields) = pod("a"), let specIndex = fields.firstIndex(where: { $0.0 == "spec" }),
              case .object(var spec) = fields[specIndex].1 else { return XCTFail("pod body") }
        spec.append(("terminationGracePeriodSeconds", .int(1)))
        fields[specIndex].1 = .object(spec)
        _ = try api.create(.pod, namespace: "dev", body: .object(fields))
        let running = Date().addingTimeInterval(20)
        func phase() -> String? {
            guard case .pod(let p)? = try? api.get(.pod, namespace: "dev", name: "a") else { return nil }
            return p.status.phase
        }
        while Date() < running, phase() != "Running" { usleep(10_000) }
        XCTAssertEqual(phase(), "Running")
        _ = try api.delete(.namespace, namespace: "", name: "dev")
        // While it terminates, nothing new may be created in it.
        if (try? api.get(.namespace, namespace: "", name: "dev")) != nil {
            assertAPIError(try api.create(.pod, namespace: "dev", body: pod("b")), code: 403, reason: "Forbidden")
        }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? api.get(.namespace, namespace: "", name: "dev")) != nil { usleep(50_000) }
        assertAPIError(try api.get(.namespace, namespace: "", name: "dev"), code: 404, reason: "NotFound")
        XCTAssertEqual(try api.list(.pod, namespace: "dev").items.count, 0)
        XCTAssertEqual(try api.list(.namespace, namespace: nil).items.map(\.name), ["default", "kube-node-lease", "kube-public", "kube-system"])
    }

    func testOrphanKeepsTheDependents() throws {
        let d = try decode(parseYAML("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: busybox, command: [sleep, "60"]}]}
        """)[0])
        _ = try api.create(d, namespace: "default")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, try api.list(.replicaSet, namespace: "default").items.isEmpty { usleep(20_000) }
        _ = try api.delete(.deployment, namespace: "default", name: "web", options: .init(propagationPolicy: .orphan))
        usleep(200_000)
        let sets = try api.list(.replicaSet, namespace: "default").items
        XCTAssertEqual(sets.count, 1)
        XCTAssertEqual(sets.first?.metadata.ownerReferences.count, 0)
    }
}

/// A value shared with a watch handler (which runs on the cluster queue).
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    func mutate(_ f: (inout T) -> Void) { lock.lock(); f(&stored); lock.unlock() }
}
