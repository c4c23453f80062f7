import Foundation

/// The real container runtime: pods and containers are Linux processes in namespaces, started by
/// kubetutor-init inside the cluster's user and PID namespaces (or plain processes in mode `.none`).
///
/// Processes never outlive kubetutor: init is PID 1 of the cluster PID namespace and dies with
/// kubetutor (PR_SET_PDEATHSIG, even on SIGKILL) or when its control socket closes, and the kernel
/// then kills every pod process. Call `shutdown()` for an orderly end; deinit does it too.
public final class LinuxRuntime: ContainerRuntime, @unchecked Sendable {
    public let mode: IsolationMode
    /// The kubetutor-init binary in use.
    public let initPath: String
    /// Without isolation: the host directory with `nginx` and busybox's `wget`, `ps` … (first in
    /// PATH). nil when containers get their image's root.
    public let appletDirectory: String?
    let connection: InitConnection
    let nodes: NodeTable
    /// Pod and container cgroups (pids, memory and cpu limits), where the machine allows them.
    public let cgroups: Cgroups
    private let lock = NSLock()
    /// Memory-limited containers' cgroup identity and OOM-kill count at start, for `wasOOMKilled`.
    private var containerCgroups: [ProcessID: (pod: String, name: String, oomBefore: Int)] = [:]
    /// Pod uid by sandbox holder, learned at the pod's first container: its cgroups go with it.
    private var sandboxPods: [ProcessID: String] = [:]

    /// Starts the cluster init. `mode` defaults to what `RuntimeSupport.probe()` finds;
    /// `initPath` to `KUBETUTOR_INIT` or kubetutor-init next to the running executable.
    /// `hostPaths`: the directories hostPath volumes may use (isolated mode only).
    public init(mode: IsolationMode? = nil, initPath: String? = nil, hostPaths: HostPathAllowList = .none) throws {
        let mode = mode ?? RuntimeSupport.probe().mode
        let path = try initPath ?? InitBinary.locate()
        self.mode = mode
        self.hostPaths = mode == .isolated ? hostPaths : .none
        self.initPath = path
        appletDirectory = mode == .isolated ? nil : try InitBinary.prepareHostAppletDirectory(initPath: path)
        let nodes = NodeTable()
        self.nodes = nodes
        let cgroups = mode == .isolated ? Cgroups() : Cgroups(layout: .unavailable("pods run without isolation"))
        self.cgroups = cgroups
        cgroups.startJanitor(initPath: path)
        let pods = SandboxPods()
        sandboxPodTable = pods
        connection = try InitConnection(initPath: path, isolated: mode == .isolated, hostPaths: self.hostPaths.directories,
                                        runtimeExitHook: { pid in
                                            nodes.holderExited(pid)
                                            if let uid = pods.remove(pid) { cgroups.removePod(uid: uid) }
                                        })
    }

    private let sandboxPodTable: SandboxPods
    public let hostPaths: HostPathAllowList

    deinit {
        connection.shutdown()
        cgroups.removeAll()
    }

    /// The offline images, resolving to programs this runtime can find.
    public var images: ImageCatalog { ImageCatalog(appletDirectory: appletDirectory) }

    /// Why resource limits are not enforced on this machine; nil when they are.
    public var limitsNotEnforcedReason: String? {
        if case .unavailable(let reason) = cgroups.layout { return reason }
        return nil
    }

    /// The host PID of the cluster init.
    public var initPID: Int32 { connection.initPID }

    public var onExit: (@Sendable (ProcessID, ExitStatus) -> Void)? {
        get { connection.onExit }
        set { connection.onExit = newValue }
    }

    /// A pod on no node: its own network namespace with only loopback.
    public func writeVolumeFiles(in sandbox: Sandbox, volume: String, files: [ProjectedFile]) throws {
        let operation = "write volume \"\(volume)\""
        guard mode == .isolated else {
            throw RuntimeError(operation: operation, stage: "isolation", errno: 0,
                               detail: "projected volumes need isolated pods (user namespaces)")
        }
        for file in files where file.text.utf8.contains(0) {
            throw RuntimeError(operation: operation, stage: file.path, errno: 0, detail: "kubetutor cannot project a NUL byte yet")
        }
        let fields = [String(sandbox.holder), volume, String(files.count)]
            + files.flatMap { [$0.path, String($0.mode, radix: 8), $0.text] }
        _ = try connection.request("volume", fields, operation: operation)
    }

    public func createSandbox(hostname: String) throws -> Sandbox {
        try createSandbox(hostname: hostname, placement: nil)
    }

    /// Starts a pod holder, on node (name, index) when given; its IP comes back in the reply.
    func createSandbox(hostname: String, placement: (name: String, index: Int)?) throws -> Sandbox {
        let operation = "create pod sandbox \"\(hostname)\""
        let name = Self.podHostname(hostname)
        guard !name.isEmpty else {
            throw RuntimeError(operation: operation, stage: "sethostname", errno: EINVAL, detail: "empty host name")
        }
        let fields = [name] + (placement.map { [String($0.index)] } ?? [])
        let reply = try connection.request("sandbox", fields, operation: operation)
        let pid = try started(reply, operation: operation)
        guard case .ok(_, let extra) = reply else { return Sandbox(holder: pid, hostname: name) }
        return Sandbox(holder: pid, hostname: name, ip: extra.first, node: placement?.name)
    }

    public func startContainer(in sandbox: Sandbox, process: ProcessSpec, config: ContainerConfig,
                               stdio: StdioFDs) throws -> ProcessID {
        let operation = "start container in sandbox \"\(sandbox.hostname)\""
        try requireCommand(process, operation: operation)
        var cgroupFDs: [Int32] = []
        let podKey = config.podUID.isEmpty ? "holder\(sandbox.holder)" : config.podUID
        let name = config.containerName.isEmpty ? "c\(sandbox.holder)" : config.containerName
        if mode == .isolated && cgroups.enforced {
            try cgroups.createPod(uid: podKey)
            sandboxPodTable.set(sandbox.holder, podKey)
            cgroupFDs = try cgroups.prepareContainer(podUID: podKey, name: name, memoryBytes: config.memoryLimitBytes,
                                                     cpuMillis: config.cpuLimitMillis)
        }
        defer { cgroupFDs.forEach { close($0) } }
        // Only a container with a memory limit has a memory cgroup to read.
        let oomBefore = config.memoryLimitBytes == nil ? 0 : cgroups.oomKills(podUID: podKey, name: name)
        let fields = [String(sandbox.holder), process.workingDir] + Self.encode(config) + lists(process)
        let reply = try connection.request("container", fields,
                                           fds: [stdio.stdin, stdio.stdout, stdio.stderr] + cgroupFDs,
                                           operation: operation)
        let pid = try started(reply, operation: operation)
        guard config.memoryLimitBytes != nil else { return pid }
        lock.lock()
        containerCgroups[pid] = (podKey, name, oomBefore)
        lock.unlock()
        return pid
    }

    /// Whether the kernel's OOM killer ended this container (its memory cgroup counted a kill since
    /// it started). Call once, when it exited.
    public func wasOOMKilled(_ pid: ProcessID) -> Bool {
        lock.lock()
        let entry = containerCgroups.removeValue(forKey: pid)
        lock.unlock()
        guard let entry else { return false }
        return cgroups.oomKills(podUID: entry.pod, name: entry.name) > entry.oomBefore
    }

    public func pidsLimitHits(podUID: String) -> Int { cgroups.pidsLimitHits(podUID: podUID) }

    /// The container fields of a `container` request (init_server.c has the grammar).
    static func encode(_ config: ContainerConfig) -> [String] {
        var fields = [config.image, String(config.user), String(config.group), String(config.capabilities.mask, radix: 16),
                      config.readOnlyRootFilesystem ? "1" : "0", String(config.rootfsBytes), String(config.mounts.count)]
        for m in config.mounts {
            fields += [m.kind, m.volume, m.target, m.readOnly ? "1" : "0", String(m.sizeBytes), m.subPath]
        }
        fields.append(String(config.files.count))
        for file in config.files { fields += [file.path, file.text] }
        return fields
    }

    public func exec(in container: ProcessID, process: ProcessSpec, stdio: StdioFDs) throws -> ProcessID {
        let operation = "exec in container \(container)"
        try requireCommand(process, operation: operation)
        let fields = [String(container), stdio.tty ? "1" : "0", process.workingDir] + lists(process)
        let reply = try connection.request("exec", fields, fds: [stdio.stdin, stdio.stdout, stdio.stderr],
                                           operation: operation)
        return try started(reply, operation: operation)
    }

    public func connect(in sandbox: Sandbox, port: Int) throws -> Int32 {
        let operation = "port-forward to \(sandbox.hostname):\(port)"
        switch try connection.request("portconnect", [String(sandbox.holder), String(port)], operation: operation) {
        case .socket(let fd):
            return fd
        case .failed(let stage, let errno, let detail):
            throw RuntimeError(operation: operation, stage: stage, errno: errno, detail: detail)
        case .ok:
            throw RuntimeError(operation: operation, stage: "reply", errno: EPROTO, detail: "init sent no socket")
        }
    }

    public func signal(_ pid: ProcessID, _ signal: Int32) {
        _ = try? connection.request("signal", [String(pid), String(signal)], operation: "signal \(pid)")
    }

    public func hostPID(of pid: ProcessID) -> Int32? { connection.hostPID(of: pid) }

    public func shutdown() {
        connection.shutdown()
        cgroups.removeAll()
    }

    /// Like the kubelet: a pod name longer than 63 characters is cut, then trailing '-' and '.' dropped.
    static func podHostname(_ name: String) -> String {
        var cut = String(name.prefix(63))
        while let last = cut.last, last == "-" || last == "." { cut.removeLast() }
        return cut
    }

    // MARK: - Encoding

    private func lists(_ process: ProcessSpec) -> [String] {
        [String(process.argv.count)] + process.argv + [String(process.env.count)] + process.env
    }

    /// runc refuses an empty process.args the same way.
    private func requireCommand(_ process: ProcessSpec, operation: String) throws {
        if process.argv.isEmpty || process.argv[0].isEmpty {
            throw RuntimeError(operation: operation, stage: "create", errno: EINVAL, detail: "no command specified")
        }
    }

    func started(_ reply: InitConnection.Reply, operation: String) throws -> ProcessID {
        switch reply {
        case .ok(let pid?, _):
            return pid
        case .ok(nil, _):
            throw RuntimeError(operation: operation, stage: "reply", errno: EPROTO, detail: "init sent no pid")
        case .failed(let stage, let errno, let detail):
            throw RuntimeError(operation: operation, stage: stage, errno: errno, detail: detail)
        case .socket(let fd):
            close(fd)
            throw RuntimeError(operation: operation, stage: "reply", errno: EPROTO, detail: "init sent a socket, not a pid")
        }
    }
}

/// Sandbox holder → pod key, shared with the init connection's exit hook.
final class SandboxPods: @unchecked Sendable {
    private let lock = NSLock()
    private var pods: [ProcessID: String] = [:]
    func set(_ holder: ProcessID, _ pod: String) {
        lock.lock()
        pods[holder] = pod
        lock.unlock()
    }
    func remove(_ holder: ProcessID) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return pods.removeValue(forKey: holder)
    }
}
