import Foundation
import KubeAPI
import Runtime

/// One node's kubelet: runs the pods bound to its node through the container runtime, restarts
/// containers with backoff, stops pods gracefully and reports pod status. Lives on the cluster queue.
final class Kubelet {
    let nodeName: String
    unowned let cluster: Cluster
    /// The pods this kubelet runs, by UID.
    /// This node's pod runs by uid; change it only through `track`/`forget`, which keep `uidsByKey`.
    private(set) var pods: [String: PodRun] = [:]
    /// The uids of this node's pod runs by pod key: a name reused by a new pod is found in O(1).
    private var uidsByKey: [ObjectKey: Set<String>] = [:]
    /// True while the node is down: no syncs, no status, no heartbeats (see Kubelet+Node).
    var stopped = false
    /// Bumped to end a heartbeat loop.
    var heartbeatGeneration = 0

    /// The kubelet-side state of one pod.
    final class PodRun {
        let key: ObjectKey
        let uid: String
        var sandbox: Sandbox?
        var containers: [String: ContainerRun] = [:]
        var startTime: Date
        var terminating = false
        var sandboxBackoff = Backoff()
        /// The address of the pod's current (or last) sandbox.
        var podIP: String?
        /// Forks refused by the pod's pids limit, as last reported in an event.
        var pidsLimitHits = 0
        /// The files last written into each projected (downwardAPI) volume.
        var projected: [String: [ProjectedFile]] = [:]
        /// The CRI's names for the current sandbox (its id and network namespace path), as errors show them.
        var sandboxID = ""
        var netnsPath = ""
        init(key: ObjectKey, uid: String, startTime: Date) {
            self.key = key
            self.uid = uid
            self.startTime = startTime
        }
    }

    init(nodeName: String, cluster: Cluster) {
        self.nodeName = nodeName
        self.cluster = cluster
    }

    var runningPodCount: Int { pods.count }

    // MARK: Sync

    /// Brings the pod's processes in line with its spec (the kubelet's syncPod).
    func sync(_ key: ObjectKey) {
        guard !stopped else { return }
        let pod = cluster.pods.get(key)
        // A pod removed at once (force delete), or replaced by a new pod of the same name: the old
        // processes must go, whatever the new object is.
        for uid in uidsByKey[key] ?? [] where uid != pod?.metadata.uid || pod?.spec.nodeName != nodeName {
            if let stale = pods[uid] { killNow(stale) }
        }
        guard let pod, pod.spec.nodeName == nodeName else { return }
        let run = podRun(for: pod)
        if pod.metadata.deletionTimestamp != nil {
            terminate(pod, run)
            return
        }
        if run.sandbox == nil {
            // Like a real kubelet, report the new sandbox (containers ContainerCreating) before
            // starting containers, so `get pod -w` shows Pending → ContainerCreating → Running.
            let started = startSandbox(pod, run)
            writeStatus(run)
            if started { cluster.queue.async { [weak self] in self?.sync(key) } }
            return
        }
        guard refreshProjectedVolumes(pod, run) else {
            writeStatus(run)
            return
        }
        if runInitContainers(pod, run) {
            for container in pod.spec.containers { ensure(container, of: pod, in: run) }
        }
        writeStatus(run)
    }

    /// The names of the init containers that have not completed, in order.
    static func pendingInitContainers(_ pod: Pod, _ run: PodRun) -> [String] {
        pod.spec.initContainers.filter { container in
            guard let c = run.containers[container.name] else { return true }
            return !(c.pid == nil && c.terminated?.exitCode == 0 && c.initDone)
        }.map(\.name)
    }

    /// Starts the first init container that has not completed (one at a time, in order); true
    /// once all have, and the app containers may start.
    private func runInitContainers(_ pod: Pod, _ run: PodRun) -> Bool {
        guard let next = Self.pendingInitContainers(pod, run).first,
              let container = pod.spec.initContainers.first(where: { $0.name == next }) else { return true }
        ensure(container, of: pod, in: run)
        run.containers[container.name]?.isInit = true
        return false
    }

    private func podRun(for pod: Pod) -> PodRun {
        if let run = pods[pod.metadata.uid] { return run }
        let run = PodRun(key: pod.key, uid: pod.metadata.uid, startTime: cluster.clock.now.truncatedToSeconds)
        track(run)
        return run
    }

    private func startSandbox(_ pod: Pod, _ run: PodRun) -> Bool {
        do {
            let sandbox = try cluster.runtime.createSandbox(hostname: pod.spec.hostname ?? pod.metadata.name, node: nodeName)
            run.sandbox = sandbox
            run.sandboxID = Kubelet.randomHex(64)
            run.netnsPath = "/var/run/netns/cni-" + UUID().uuidString.lowercased()
            cluster.processOwners[sandbox.holder] = .sandbox(node: nodeName, uid: run.uid)
            if let ip = sandbox.ip { run.podIP = ip }
            return true
        } catch {
            event(pod, type: "Warning", reason: "FailedCreatePodSandBox",
                  message: "Failed to create pod sandbox: \(error)")
            let wait = run.sandboxBackoff.nextPull()
            cluster.clock.schedule(after: wait, on: cluster.queue) { [weak self] in self?.sync(run.key) }
            return false
        }
    }

    /// Starts a container that should run and does not, unless a timer or restart policy says wait.
    private func ensure(_ container: Container, of pod: Pod, in run: PodRun) {
        let c = run.containers[container.name] ?? {
            let c = ContainerRun(name: container.name, image: container.image)
            run.containers[container.name] = c
            return c
        }()
        if let pid = c.pid {
            if c.image != container.image, !c.restartForSpecChange {
                c.restartForSpecChange = true
                event(pod, container: container.name, reason: "Killing",
                      message: "Container \(container.name) definition changed, will be restarted")
                cluster.runtime.signal(pid, SIGTERM)
                scheduleKill(pid, after: TimeInterval(pod.spec.terminationGracePeriodSeconds))
            }
            return
        }
        if c.image != container.image {
            // A new image (e.g. a typo fixed by `kubectl apply`) is pulled at once: its backoff is its own.
            c.timerGeneration += 1
            c.timerPending = false
            c.pullBackoff.reset()
            c.finished = false
            c.waiting = nil
            start(container, of: pod, in: run, c)
            return
        }
        if c.timerPending || c.finished { return }
        if c.terminated == nil || c.lostWithNode { start(container, of: pod, in: run, c) }
    }

    private func start(_ container: Container, of pod: Pod, in run: PodRun, _ c: ContainerRun) {
        guard let sandbox = run.sandbox else { return }
        c.image = container.image
        let env = container.env.map { "\($0.name)=\($0.value ?? "")" }
        let resolved: PulledImage
        let started = Date()
        switch cluster.images.resolve(image: container.image, command: container.command, args: container.args,
                                      env: env, workingDir: container.workingDir, hostname: pod.spec.hostname ?? pod.metadata.name) {
        case .failure(let failure):
            pullFailed(container, of: pod, in: run, c, failure)
            return
        case .success(let r):
            resolved = r
        }
        c.pullBackoff.reset()
        if container.imagePullPolicy == "Always" || container.imagePullPolicy.isEmpty {
            event(pod, container: container.name, reason: "Pulling", message: "Pulling image \"\(container.image)\"")
            event(pod, container: container.name, reason: "Pulled",
                  message: "Successfully pulled image \"\(container.image)\" in \(Kubelet.goDuration(Date().timeIntervalSince(started))) (\(Kubelet.goDuration(Date().timeIntervalSince(started))) including waiting)")
        } else {
            event(pod, container: container.name, reason: "Pulled",
                  message: "Container image \"\(container.image)\" already present on machine")
        }
        let config: ContainerConfig
        switch containerConfig(container, of: pod, in: run, tree: resolved.tree) {
        case .success(let made): config = made
        case .failure(let failure):
            configFailed(container, of: pod, in: run, c, failure)
            return
        }
        let log: ContainerLogBuffer
        do {
            log = try cluster.makeLog()
        } catch {
            startFailed(container, of: pod, in: run, c, message: "failed to create log: \(error)")
            return
        }
        let stdio = StdioFDs(stdin: cluster.devNull, stdout: log.writeFD, stderr: log.writeFD)
        let pid: ProcessID
        do {
            pid = try cluster.runtime.startContainer(in: sandbox, process: resolved.process, config: config, stdio: stdio)
        } catch {
            c.previousLog = c.log ?? c.previousLog
            c.log = log
            startFailed(container, of: pod, in: run, c, message: Kubelet.startErrorMessage(error))
            return
        }
        if c.log != nil { c.previousLog = c.log }
        c.log = log
        c.pid = pid
        if c.lostWithNode {
            // Back after its node came back up: that counts as a restart, as after a reboot.
            c.lostWithNode = false
            c.restartCount += 1
        }
        c.imageID = resolved.imageID
        c.environment = resolved.process.env
        c.containerID = "containerd://" + Kubelet.randomHex(64)
        c.startedAt = cluster.clock.now.truncatedToSeconds
        c.waiting = nil
        c.restartForSpecChange = false
        cluster.processOwners[pid] = .container(node: nodeName, uid: run.uid, name: container.name)
        event(pod, container: container.name, reason: "Created", message: "Created container: \(container.name)")
        event(pod, container: container.name, reason: "Started", message: "Started container \(container.name)")
    }

    /// runc's wording for a process that could not be started, as containerd reports it.
    static func startErrorMessage(_ error: Error) -> String {
        let detail = (error as? RuntimeError).map { $0.detail.isEmpty ? $0.description : $0.detail } ?? "\(error)"
        return "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
            + "runc create failed: unable to start container process: \(detail): unknown"
    }

    private func startFailed(_ container: Container, of pod: Pod, in run: PodRun, _ c: ContainerRun, message: String) {
        event(pod, container: container.name, type: "Warning", reason: "Failed", message: "Error: \(message)")
        let now = cluster.clock.now.truncatedToSeconds
        var t = ContainerStateTerminated(exitCode: 128, reason: "StartError", finishedAt: now)
        t.message = message
        t.startedAt = Date(timeIntervalSince1970: 0)
        containerEnded(pod, run, c, t, ranFor: 0)
    }

    /// The container's config could not be made (runAsNonRoot as root, an unknown capability, a
    /// volume that cannot be mounted): say so as the kubelet does and try again after a back-off.
    private func configFailed(_ container: Container, of pod: Pod, in run: PodRun, _ c: ContainerRun, _ failure: ConfigFailure) {
        if failure.reason == "FailedMount" {
            event(pod, type: "Warning", reason: "FailedMount", message: failure.message)
            c.waiting = ContainerStateWaiting(reason: "ContainerCreating")
        } else {
            event(pod, container: container.name, type: "Warning", reason: "Failed", message: "Error: \(failure.message)")
            c.waiting = ContainerStateWaiting(reason: failure.reason, message: failure.message)
        }
        let wait = c.pullBackoff.nextPull()
        c.timerPending = true
        c.timerGeneration += 1
        let generation = c.timerGeneration
        let key = run.key
        cluster.clock.schedule(after: wait, on: cluster.queue) { [weak self, weak c] in
            guard let self, let c, c.timerGeneration == generation else { return }
            c.timerPending = false
            self.sync(key)
        }
    }

    private func pullFailed(_ container: Container, of pod: Pod, in run: PodRun, _ c: ContainerRun, _ failure: ImagePullFailure) {
        event(pod, container: container.name, reason: "Pulling", message: "Pulling image \"\(container.image)\"")
        event(pod, container: container.name, type: "Warning", reason: "Failed",
              message: "Failed to pull image \"\(container.image)\": \(failure.message)")
        event(pod, container: container.name, type: "Warning", reason: "Failed", message: "Error: ErrImagePull")
        c.waiting = ContainerStateWaiting(reason: "ErrImagePull", message: failure.message)
        let wait = c.pullBackoff.nextPull()
        c.timerPending = true
        c.timerGeneration += 1
        let generation = c.timerGeneration
        let key = run.key
        // The kubelet notices the failed pull on its next sync and shows ImagePullBackOff until the retry.
        cluster.clock.schedule(after: 1, on: cluster.queue) { [weak self, weak c] in
            guard let self, let c, c.timerGeneration == generation, let pod = self.cluster.pods.get(key) else { return }
            c.waiting = ContainerStateWaiting(
                reason: "ImagePullBackOff",
                message: "Back-off pulling image \"\(container.image)\": ErrImagePull: \(failure.message)")
            self.event(pod, container: container.name, reason: "BackOff", message: "Back-off pulling image \"\(container.image)\"")
            self.event(pod, container: container.name, type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff")
            self.writeStatus(run)
        }
        cluster.clock.schedule(after: wait, on: cluster.queue) { [weak self, weak c] in
            guard let self, let c, c.timerGeneration == generation else { return }
            c.timerPending = false
            self.sync(key)
        }
    }

    // MARK: Exits

    /// A container process ended: record it and restart per restartPolicy with backoff.
    func containerExited(uid: String, name: String, status: ExitStatus) {
        guard !stopped, let run = pods[uid], let c = run.containers[name], let pod = cluster.pods.get(run.key) else { return }
        let now = cluster.clock.now.truncatedToSeconds
        let code = status.kubernetesExitCode
        var t = ContainerStateTerminated(exitCode: code, reason: code == 0 ? "Completed" : "Error", finishedAt: now)
        // The kernel's OOM killer sends SIGKILL (137); the container's memory cgroup says it was it.
        if let pid = c.pid, cluster.runtime.wasOOMKilled(pid) { t.reason = "OOMKilled" }
        t.signal = nil
        t.startedAt = c.startedAt
        t.containerID = c.containerID
        let ranFor = c.startedAt.map { now.timeIntervalSince($0) } ?? 0
        c.pid = nil
        if run.terminating {
            c.previousTerminated = c.terminated
            c.terminated = t
            finishTerminationIfDone(run)
            return
        }
        if c.restartForSpecChange {
            c.previousTerminated = c.terminated
            c.terminated = t
            c.restartCount += 1
            if let container = pod.spec.container(named: name) {
                start(container, of: pod, in: run, c)
            }
            writeStatus(run)
            return
        }
        containerEnded(pod, run, c, t, ranFor: ranFor)
    }

    private func containerEnded(_ pod: Pod, _ run: PodRun, _ c: ContainerRun, _ t: ContainerStateTerminated, ranFor: TimeInterval) {
        c.previousTerminated = c.terminated
        c.terminated = t
        c.pid = nil
        c.waiting = nil
        let policy = pod.spec.restartPolicy
        // An init container that succeeded is done, whatever the policy; one that failed is run again
        // unless the policy is Never (then the pod has failed).
        let restart = c.isInit ? t.exitCode != 0 && policy != "Never"
            : policy == "Always" || (policy == "OnFailure" && t.exitCode != 0)
        guard restart else {
            c.finished = true
            if c.isInit && t.exitCode == 0 {
                c.initDone = true
                let key = run.key
                cluster.queue.async { [weak self] in self?.sync(key) }  // the next one, or the app containers
            }
            writeStatus(run)
            return
        }
        let wait = c.backoff.next(ranFor: ranFor)
        let key = run.key
        c.timerGeneration += 1
        let generation = c.timerGeneration
        let restartNow: () -> Void = { [weak self, weak c] in
            guard let self, let c, c.timerGeneration == generation, !run.terminating,
                  let pod = self.cluster.pods.get(key),
                  let container = pod.spec.container(named: c.name) else { return }
            c.timerPending = false
            c.restartCount += 1
            c.waiting = nil
            self.start(container, of: pod, in: run, c)
            self.writeStatus(run)
        }
        if wait == 0 {
            // Report the termination (STATUS Error/Completed) before the immediate restart.
            c.timerPending = true
            writeStatus(run)
            let job = QueueJob(restartNow)
            cluster.queue.async { job.run() }
            return
        }
        c.timerPending = true
        writeStatus(run)  // the termination first (STATUS Error), then the back-off, as a kubelet reports them
        let podRef = "\(pod.metadata.name)_\(pod.metadata.namespace ?? "default")(\(pod.metadata.uid))"
        cluster.queue.async { [weak self, weak c] in
            guard let self, let c, c.timerGeneration == generation, !run.terminating,
                  let pod = self.cluster.pods.get(key) else { return }
            c.waiting = ContainerStateWaiting(
                reason: "CrashLoopBackOff",
                message: "back-off \(Int(wait))s restarting failed container=\(c.name) pod=\(podRef)")
            self.event(pod, container: c.name, type: "Warning", reason: "BackOff",
                       message: "Back-off restarting failed container \(c.name) in pod \(podRef)")
            self.writeStatus(run)
        }
        cluster.clock.schedule(after: wait, on: cluster.queue, restartNow)
    }

    /// The pod's holder died (e.g. killed from the host): Kubernetes kills and re-creates the sandbox.
    func sandboxExited(uid: String) {
        guard !stopped, let run = pods[uid] else { return }
        run.sandbox = nil
        if run.terminating {
            finishTerminationIfDone(run)
            return
        }
        guard let pod = cluster.pods.get(run.key) else { return }
        event(pod, reason: "SandboxChanged", message: "Pod sandbox changed, it will be killed and re-created.")
        for c in run.containers.values { if let pid = c.pid { cluster.runtime.signal(pid, SIGKILL) } }
    }

    // MARK: Termination

    private func terminate(_ pod: Pod, _ run: PodRun) {
        if !run.terminating {
            run.terminating = true
            for c in run.containers.values {
                c.timerGeneration += 1
                c.timerPending = false
                guard let pid = c.pid else { continue }
                event(pod, container: c.name, reason: "Killing", message: "Stopping container \(c.name)")
                cluster.runtime.signal(pid, SIGTERM)
                scheduleKill(pid, after: TimeInterval(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds))
            }
        }
        finishTerminationIfDone(run)
    }

    private func scheduleKill(_ pid: ProcessID, after grace: TimeInterval) {
        cluster.clock.schedule(after: grace, on: cluster.queue) { [weak self] in
            guard let self, self.cluster.processOwners[pid] != nil else { return }
            self.cluster.runtime.signal(pid, SIGKILL)
        }
    }

    private func finishTerminationIfDone(_ run: PodRun) {
        guard run.containers.values.allSatisfy({ $0.pid == nil }) else {
            writeStatus(run)
            return
        }
        if let sandbox = run.sandbox {
            cluster.runtime.signal(sandbox.holder, SIGKILL)
            run.sandbox = nil
        }
        forget(run.uid)
        cluster.podTerminated(run.key, uid: run.uid)
    }

    /// The pod object vanished (force delete): kill everything at once.
    private func killNow(_ run: PodRun) {
        run.terminating = true
        for c in run.containers.values {
            c.timerGeneration += 1
            if let pid = c.pid { cluster.runtime.signal(pid, SIGKILL) }
        }
        if let sandbox = run.sandbox { cluster.runtime.signal(sandbox.holder, SIGKILL) }
        forget(run.uid)
    }

    /// Kills every pod of this node at once (node stop, cluster shutdown).
    func killAll() {
        for run in pods.values { killNow(run) }
    }

    // MARK: Status

    func writeStatus(_ run: PodRun) {
        guard !stopped, let pod = cluster.pods.get(run.key), pod.metadata.uid == run.uid else { return }
        let status = PodStatusBuilder.build(pod: pod, run: run, node: cluster.nodes.get(ObjectKey(namespace: "", name: nodeName)),
                                            now: cluster.clock.now.truncatedToSeconds)
        _ = try? cluster.pods.update(run.key) { $0.status = status }
    }

    func track(_ run: PodRun) {
        pods[run.uid] = run
        uidsByKey[run.key, default: []].insert(run.uid)
    }

    func forget(_ uid: String) {
        guard let run = pods.removeValue(forKey: uid) else { return }
        uidsByKey[run.key]?.remove(uid)
        if uidsByKey[run.key]?.isEmpty == true { uidsByKey[run.key] = nil }
    }

    func containerRun(uid: String, name: String) -> ContainerRun? { pods[uid]?.containers[name] }
    func podRun(uid: String) -> PodRun? { pods[uid] }

    // MARK: Events

    func event(_ pod: Pod, container: String? = nil, type: String = "Normal", reason: String, message: String) {
        let path = container.map { "spec.containers{\($0)}" }
        cluster.recorder.record(kind: "Pod", apiVersion: "v1", meta: pod.metadata, fieldPath: path, type: type,
                                reason: reason, message: message, component: "kubelet", host: nodeName)
    }

    /// Go's Duration.String for short pulls: `412µs`, `1.5ms`, `1.2s`.
    static func goDuration(_ seconds: TimeInterval) -> String {
        if seconds < 0.001 { return "\(Int((seconds * 1_000_000).rounded()))µs" }
        if seconds < 1 { return String(format: "%gms", (seconds * 1000 * 1000).rounded() / 1000) }
        return String(format: "%gs", (seconds * 1000).rounded() / 1000)
    }

    static func randomHex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int.random(in: 0..<16)] })
    }
}
