import XCTest
import KubeAPI
import Runtime
@testable import Cluster

/// Deterministic name suffixes (a linear congruential generator), so generated names repeat per run.
struct SeededNames: NameRandomness {
    var state: UInt64
    init(seed: UInt64 = 42) { state = seed }
    mutating func nextIndex(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// A cluster on the FakeRuntime and a ManualClock, with helpers to build workloads and wait for quiet.
class ControllerTestCase: XCTestCase {
    var clock: ManualClock!
    var runtime: FakeRuntime!
    var cluster: Cluster!
    var workers: Int { 2 }

    override func setUp() {
        clock = ManualClock()
        runtime = FakeRuntime()
        cluster = Cluster(config: ClusterConfig(workers: workers), runtime: runtime, images: FakeImages(), clock: clock,
                          names: SeededNames(), makeLog: { MemoryLog() })
    }

    override func tearDown() {
        cluster.shutdown()
        // Let the exits that shutdown caused run before the cluster goes away.
        settle()
        cluster = nil
    }

    /// Runs queued controller work until no store changes any more.
    func settle() {
        var last = -1
        var quiet = 0
        while quiet < 3 {
            let now = cluster.sync { cluster.revisions.current }
            quiet = now == last ? quiet + 1 : 0
            last = now
        }
    }

    func advance(_ seconds: TimeInterval) {
        clock.advance(by: seconds)
        settle()
    }

    // MARK: Builders

    func template(app: String = "web", image: String = "nginx:latest") -> PodTemplateSpec {
        var t = PodTemplateSpec()
        t.metadata.labels = ["app": app]
        var c = Container()
        c.name = "nginx"
        c.image = image
        t.spec.containers = [c]
        setDefaultsPodSpec(&t.spec)
        return t
    }

    func makeDeployment(_ name: String = "web", replicas: Int = 1, strategy: String = "RollingUpdate",
                        image: String = "nginx:latest") -> Deployment {
        var d = Deployment()
        d.metadata.name = name
        d.metadata.namespace = "default"
        d.spec.replicas = replicas
        d.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        d.spec.template = template(image: image)
        d.spec.strategy.type = strategy
        if strategy == "Recreate" { d.spec.strategy.rollingUpdate = nil }
        setDefaults(&d)
        return d
    }

    func makeReplicaSet(_ name: String = "frontend", replicas: Int = 3) -> ReplicaSet {
        var rs = ReplicaSet()
        rs.metadata.name = name
        rs.metadata.namespace = "default"
        rs.spec.replicas = replicas
        rs.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        rs.spec.template = template()
        return rs
    }

    func key(_ name: String) -> ObjectKey { ObjectKey(namespace: "default", name: name) }

    // MARK: Store access

    func create(_ d: Deployment) throws {
        try cluster.sync { _ = try cluster.deployments.create(d) }
        settle()
    }

    func create(_ rs: ReplicaSet) throws {
        try cluster.sync { _ = try cluster.replicaSets.create(rs) }
        settle()
    }

    func deployment(_ name: String = "web") -> Deployment? { cluster.sync { cluster.deployments.get(key(name)) } }
    func replicaSet(_ name: String) -> ReplicaSet? { cluster.sync { cluster.replicaSets.get(key(name)) } }
    func replicaSets() -> [ReplicaSet] { cluster.sync { cluster.replicaSets.list() } }
    func pods() -> [Pod] { cluster.sync { cluster.pods.list() } }
    func pod(_ name: String) -> Pod? { cluster.sync { cluster.pods.get(key(name)) } }

    func updateDeployment(_ name: String = "web", _ mutate: (inout DeploymentSpec) -> Void) throws {
        try cluster.sync { _ = try cluster.updateDeploymentSpec(key(name), mutate) }
        settle()
    }

    /// Messages of events about `name` with `reason`, oldest first.
    func events(_ reason: String, about name: String? = nil) -> [String] {
        cluster.sync { cluster.events.list() }
            .filter { $0.reason == reason && (name == nil || $0.involvedObject.name == name) }
            .sorted { (Int($0.metadata.resourceVersion) ?? 0) < (Int($1.metadata.resourceVersion) ?? 0) }
            .map(\.message)
    }

    func condition(_ d: Deployment?, _ type: String) -> DeploymentCondition? {
        d?.status.conditions.first { $0.type == type }
    }
}
