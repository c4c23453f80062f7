import Foundation
import KubeAPI
import Runtime

/// How the embedded cluster is laid out.
public struct ClusterConfig {
    public var name = "tutor"
    public var workers = 2
    /// Node heartbeat, grace and toleration; the teaching clock unless told otherwise.
    public var timing = NodeTiming.fast
    /// The kubelet's containerLogMaxSize (10Mi).
    public var containerLogMaxBytes = 10 << 20
    public init(name: String = "tutor", workers: Int = 2, timing: NodeTiming = .fast, containerLogMaxBytes: Int = 10 << 20) {
        self.name = name
        self.workers = workers
        self.timing = timing
        self.containerLogMaxBytes = containerLogMaxBytes
    }
}

/// The embedded control plane and its kubelets: object stores with watch, the scheduler, one kubelet
/// per node, an event recorder and an injectable clock. Everything runs on one serial queue; callers
/// outside it use `sync`.
public final class Cluster: @unchecked Sendable {
    public let config: ClusterConfig
    public let queue = DispatchQueue(label: "kubetutor.cluster")
    public let clock: Clock
    let revisions = RevisionCounter()
    public let pods: ObjectStore<Pod>
    public let deployments: ObjectStore<Deployment>
    public let replicaSets: ObjectStore<ReplicaSet>
    public let daemonSets: ObjectStore<DaemonSet>
    public let statefulSets: ObjectStore<StatefulSet>
    public let events: ObjectStore<Event>
    public let nodes: ObjectStore<Node>
    public let namespaces: ObjectStore<Namespace>
    /// The API layer serving this cluster (set once by `APIServer.of`; the cluster keeps it alive).
    public var attachedAPI: AnyObject?
    /// Pods by controller, orphans and per-node counts (kept by a watcher).
    let podIndex: PodIndex
    /// Random suffixes for generated names; tests may seed it.
    let names: NameGenerator
    let runtime: ContainerRuntime
    /// Why this machine cannot enforce resource limits (no writable cgroups); nil when it can.
    public var limitsNotEnforcedReason: String? { runtime.limitsNotEnforcedReason }
    let images: ImageResolver
    let makeLog: LogFactory
    let recorder: EventRecorder
    private(set) var kubelets: [String: Kubelet] = [:]
    /// Node heartbeat, grace and toleration in force (change with `setTiming`).
    public internal(set) var timing: NodeTiming
    /// What went wrong creating runtime nodes at boot (the node then exists only logically).
    public private(set) var bootProblems: [String] = []
    private(set) var scheduler: Scheduler?
    private var schedulerQueue: WorkQueue<ObjectKey>?
    private var kubeletQueues: [String: WorkQueue<ObjectKey>] = [:]
    private(set) var controllers: Controllers?
    private(set) var nodeLifecycle: NodeLifecycleController?
    private(set) var taintEviction: TaintEvictionController?
    /// /dev/null, the stdin of every container.
    var devNull: Int32 { StdioFDs.devNull }
    public var devNullFD: Int32 { StdioFDs.devNull }
    private let onQueueKey = DispatchSpecificKey<Bool>()

    enum ProcessOwner {
        case sandbox(node: String, uid: String)
        case container(node: String, uid: String, name: String)
        case exec
        /// A node holder: its death is a node failure.
        case node(String)
    }
    var processOwners: [ProcessID: ProcessOwner] = [:]
    private var execResults: [ProcessID: ExitStatus] = [:]
    private var execWaiters: [ProcessID: DispatchSemaphore] = [:]
    private(set) var isShutDown = false

    public init(config: ClusterConfig = ClusterConfig(), runtime: ContainerRuntime, images: ImageResolver,
                clock: Clock = SystemClock(), names: any NameRandomness = SystemNameRandomness(),
                makeLog: @escaping LogFactory) {
        self.config = config
        timing = config.timing
        self.names = NameGenerator(names)
        self.runtime = runtime
        self.images = images
        self.clock = clock
        self.makeLog = makeLog
        pods = ObjectStore(revisions: revisions, clock: clock)
        deployments = ObjectStore(revisions: revisions, clock: clock)
        replicaSets = ObjectStore(revisions: revisions, clock: clock)
        daemonSets = ObjectStore(revisions: revisions, clock: clock)
        statefulSets = ObjectStore(revisions: revisions, clock: clock)
        events = ObjectStore(revisions: revisions, clock: clock)
        nodes = ObjectStore(revisions: revisions, clock: clock)
        namespaces = ObjectStore(revisions: revisions, clock: clock)
        podIndex = PodIndex(store: pods)
        recorder = EventRecorder(store: events, clock: clock)
        queue.setSpecific(key: onQueueKey, value: true)
        queue.sync { boot() }
    }

    /// Runs `body` on the cluster queue and returns its result (re-entrant when already on it).
    public func sync<R>(_ body: () throws -> R) rethrows -> R {
        if DispatchQueue.getSpecific(key: onQueueKey) == true { return try body() }
        return try queue.sync(execute: body)
    }

    private func boot() {
        let scheduler = Scheduler(cluster: self)
        self.scheduler = scheduler
        let sq = WorkQueue(queue: queue) { scheduler.schedule($0) }
        schedulerQueue = sq
        let queue = self.queue
        runtime.onExit = { [weak self] pid, status in
            guard let cluster = self else { return }
            queue.async { cluster.processExited(pid, status) }
        }
        // The namespaces every cluster starts with (kube-apiserver's system namespaces and `default`).
        for name in Namespace.initial {
            var ns = Namespace(name: name)
            ns.metadata.labels["kubernetes.io/metadata.name"] = name
            ns.spec.finalizers = ["kubernetes"]
            ns.status.phase = "Active"
            _ = try? namespaces.create(ns)
        }
        var names = ["control-plane"]
        names += (1...max(1, config.workers)).map { "worker-\($0)" }
        let share = MachineShare(nodes: max(1, config.workers))
        for (i, name) in names.enumerated() {
            var info = NodeInfo.logical(name: name, index: i)
            do {
                info = try runtime.createNode(name: name, index: i)
                if let holder = info.holder { processOwners[holder] = .node(name) }
            } catch {
                bootProblems.append("\(error)")
            }
            _ = try? nodes.create(NodeFactory.make(info, controlPlane: i == 0, timing: timing, now: clock.now, share: share))
            let kubelet = Kubelet(nodeName: name, cluster: self)
            kubelets[name] = kubelet
            kubeletQueues[name] = WorkQueue(queue: queue) { kubelet.sync($0) }
        }
        pods.watch { [weak self] event in
            guard let self else { return }
            let pod = event.object
            if let node = pod.spec.nodeName {
                self.kubeletQueues[node]?.add(pod.key)
                if case .deleted = event { scheduler.capacityFreed() }
            } else if case .deleted = event {
                return
            } else {
                sq.add(pod.key)
            }
        }
        nodes.watch { scheduler.nodeChanged($0.object) }
        let controllers = Controllers(cluster: self)
        self.controllers = controllers
        controllers.start()
        let lifecycle = NodeLifecycleController(cluster: self)
        nodeLifecycle = lifecycle
        lifecycle.start()
        let eviction = TaintEvictionController(cluster: self)
        taintEviction = eviction
        eviction.start()
        for kubelet in kubelets.values { kubelet.startHeartbeats() }
    }

    /// Asks a node's kubelet to sync every pod bound to it (after the node comes back).
    func resyncPods(onNode node: String) {
        for pod in pods.list(where: { $0.spec.nodeName == node }) { kubeletQueues[node]?.add(pod.key) }
    }

    /// Puts an unscheduled pod back in the scheduler's queue.
    func requeueForScheduling(_ key: ObjectKey) { schedulerQueue?.add(key) }

    // MARK: API operations (call on the queue, e.g. inside `sync`)

    /// Creates a pod as the API server would: namespace, defaults, Pending status.
    @discardableResult
    public func createPod(_ pod: Pod) throws -> Pod {
        var p = pod
        if p.metadata.namespace == nil { p.metadata.namespace = "default" }
        p.status = PodStatus()
        p.status.phase = "Pending"
        p.status.qosClass = PodResources.qosClass(p.spec)
        // The DefaultTolerationSeconds admission plugin, with the timing in force.
        addDefaultTolerations(&p, seconds: timing.toleration)
        return try pods.create(p)
    }

    /// Starts a graceful deletion (or removes at once when the pod never ran or grace is 0).
    @discardableResult
    public func deletePod(_ key: ObjectKey, gracePeriod: Int64? = nil) throws -> Pod {
        guard let pod = pods.get(key) else { throw StoreError.notFound(kind: "Pod", key: key) }
        let grace = gracePeriod ?? pod.spec.terminationGracePeriodSeconds
        if pod.spec.nodeName == nil || grace == 0 && gracePeriod != nil {
            pods.remove(key)
            return pod
        }
        if pod.metadata.deletionTimestamp != nil { return pod }
        return try pods.update(key) {
            $0.metadata.deletionTimestamp = clock.now.addingTimeInterval(TimeInterval(grace)).truncatedToSeconds
            $0.metadata.deletionGracePeriodSeconds = grace
        }
    }

    /// Called by a kubelet once every process of a deleted pod is gone.
    func podTerminated(_ key: ObjectKey, uid: String) {
        if pods.get(key)?.metadata.uid == uid { pods.remove(key) }
    }

    /// The log of a pod's container (the current run, or the previous one).
    public func log(pod key: ObjectKey, container: String, previous: Bool = false) -> ContainerLogBuffer? {
        guard let run = containerRun(pod: key, container: container) else { return nil }
        return previous ? run.previousLog : run.log
    }

    /// The runtime PID of a running container, for `kubectl exec`.
    public func containerProcess(pod key: ObjectKey, container: String) -> ProcessID? {
        containerRun(pod: key, container: container)?.pid
    }

    /// The environment a running container was started with, which `kubectl exec` processes inherit.
    public func containerEnvironment(pod key: ObjectKey, container: String) -> [String] {
        containerRun(pod: key, container: container)?.environment ?? []
    }

    /// The holder (pause) PID of a pod, for inspection.
    public func sandboxProcess(pod key: ObjectKey) -> ProcessID? {
        guard let pod = pods.get(key), let node = pod.spec.nodeName else { return nil }
        return kubelets[node]?.podRun(uid: pod.metadata.uid)?.sandbox?.holder
    }

    /// What the kubelet of the pod's node knows about one of its containers.
    private func containerRun(pod key: ObjectKey, container: String) -> ContainerRun? {
        guard let pod = pods.get(key), let node = pod.spec.nodeName else { return nil }
        return kubelets[node]?.containerRun(uid: pod.metadata.uid, name: container)
    }

    /// Host PID of a runtime process (for "under the hood" views and tests).
    public func hostPID(of pid: ProcessID) -> Int32? { runtime.hostPID(of: pid) }

    // MARK: Exec

    /// Starts a process inside a container; wait for it with `waitForExec` (off the queue).
    public func startExec(in pid: ProcessID, process: ProcessSpec, stdio: StdioFDs) throws -> ProcessID {
        let execPID = try runtime.exec(in: pid, process: process, stdio: stdio)
        processOwners[execPID] = .exec
        execWaiters[execPID] = DispatchSemaphore(value: 0)
        return execPID
    }

    /// Blocks until an exec'd process exits (call off the cluster queue). Nil on timeout.
    public func waitForExec(_ pid: ProcessID, timeout: DispatchTime = .distantFuture) -> ExitStatus? {
        guard let semaphore = sync({ execWaiters[pid] }) else { return sync { execResults.removeValue(forKey: pid) } }
        guard semaphore.wait(timeout: timeout) == .success else { return nil }
        return sync {
            execWaiters[pid] = nil
            return execResults.removeValue(forKey: pid)
        }
    }

    public func signal(_ pid: ProcessID, _ sig: Int32) { runtime.signal(pid, sig) }

    // MARK: Process exits

    private func processExited(_ pid: ProcessID, _ status: ExitStatus) {
        guard let owner = processOwners.removeValue(forKey: pid) else { return }
        switch owner {
        case .exec:
            execResults[pid] = status
            execWaiters[pid]?.signal()
        case .sandbox(let node, let uid):
            kubelets[node]?.sandboxExited(uid: uid)
        case .container(let node, let uid, let name):
            kubelets[node]?.containerExited(uid: uid, name: name, status: status)
        case .node(let name):
            // The node's holder died (stopped, or killed from outside): its kubelet is gone with it.
            kubelets[name]?.stop()
        }
    }

    /// Stops every pod at once and ends the runtime. Idempotent.
    public func shutdown() {
        sync {
            guard !isShutDown else { return }
            isShutDown = true
            for kubelet in kubelets.values { kubelet.killAll() }
        }
        runtime.shutdown()
    }
}
