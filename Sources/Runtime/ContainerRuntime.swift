import Foundation

/// A process identity inside the cluster's PID namespace (as the cluster init sees it).
public typealias ProcessID = Int32

/// How a process ended, as waitpid reported it.
public struct ExitStatus: Equatable, Sendable {
    public var code: Int32?
    public var signal: Int32?
    public init(code: Int32? = nil, signal: Int32? = nil) {
        self.code = code
        self.signal = signal
    }
    /// Kubernetes' exit code: the code, or 128 + signal number.
    public var kubernetesExitCode: Int32 { code ?? (128 + (signal ?? 0)) }
}

/// What to run: argv[0] is a path, or a name looked up in the PATH from `env`.
public struct ProcessSpec: Equatable, Sendable {
    public var argv: [String]
    public var env: [String]
    public var workingDir: String
    public init(argv: [String], env: [String] = [], workingDir: String = "/") {
        self.argv = argv
        self.env = env
        self.workingDir = workingDir
    }
}

/// A running pod sandbox: the holder process owning the pod's UTS, IPC and network namespaces.
public struct Sandbox: Equatable, Sendable {
    public var holder: ProcessID
    public var hostname: String
    /// The pod IP (from its node's pod CIDR); nil for a pod on no node or without isolation.
    public var ip: String?
    /// The node it runs on; nil when placed on none.
    public var node: String?
    public init(holder: ProcessID, hostname: String, ip: String? = nil, node: String? = nil) {
        self.holder = holder
        self.hostname = hostname
        self.ip = ip
        self.node = node
    }
}

/// A node of the cluster as the runtime made it.
public struct NodeInfo: Equatable, Sendable {
    public var name: String
    /// 172.18.0.(index+2) on the cluster bridge.
    public var internalIP: String
    /// 10.244.index.0/24: the node's pods get addresses from here.
    public var podCIDR: String
    /// The node holder (owner of the node's UTS and network namespaces, PID 1 of its PID namespace);
    /// nil for a logical node (without isolation, or a runtime without nodes).
    public var holder: ProcessID?
    public init(name: String, internalIP: String, podCIDR: String, holder: ProcessID? = nil) {
        self.name = name
        self.internalIP = internalIP
        self.podCIDR = podCIDR
        self.holder = holder
    }

    /// The addresses of node `index`, matching what the Node objects show.
    public static func logical(name: String, index: Int) -> NodeInfo {
        NodeInfo(name: name, internalIP: "172.18.0.\(index + 2)", podCIDR: "10.244.\(index).0/24")
    }
}

/// Why a runtime call failed: the operation, the stage (e.g. "setns", "mount /proc", "execve") and errno.
public struct RuntimeError: Error, Equatable, CustomStringConvertible {
    public var operation: String
    public var stage: String
    public var errno: Int32
    public var detail: String
    public init(operation: String, stage: String, errno: Int32, detail: String = "") {
        self.operation = operation
        self.stage = stage
        self.errno = errno
        self.detail = detail
    }
    public var description: String {
        let reason = errno != 0 ? String(cString: strerror(errno)) : detail
        return "\(operation): \(stage): \(reason)"
    }
}

/// Standard streams for a process the runtime starts: file descriptors owned by the caller
/// (the runtime dup()s what it needs; the caller closes its own copies).
public struct StdioFDs: Sendable {
    public var stdin: Int32
    public var stdout: Int32
    public var stderr: Int32
    /// When true, the three are a `ConsoleSocket`: the process's side opens a pty (in the container's
    /// devpts), sends its master over the socket and runs with the slave as its controlling tty.
    public var tty: Bool
    public init(stdin: Int32, stdout: Int32, stderr: Int32, tty: Bool = false) {
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.tty = tty
    }
}

/// The container runtime the kubelet drives (CRI-shaped). The real one runs processes in Linux
/// namespaces under the cluster init; controller tests may use a fake.
public protocol ContainerRuntime: AnyObject {
    /// Starts a pod holder with new UTS (hostname set), IPC and network (loopback up) namespaces.
    func createSandbox(hostname: String) throws -> Sandbox
    /// Starts a container joining the sandbox's UTS/IPC/NET, with its own PID and mount namespaces,
    /// its image's root, the config's user, capabilities, mounts and limits.
    func startContainer(in sandbox: Sandbox, process: ProcessSpec, config: ContainerConfig, stdio: StdioFDs) throws -> ProcessID
    /// Writes (or replaces, atomically) the files of the pod volume `volume`; containers mount it
    /// as an emptydir `RuntimeMount` of that name, read-only.
    func writeVolumeFiles(in sandbox: Sandbox, volume: String, files: [ProjectedFile]) throws
    /// Whether a container that exited was killed for going over its memory limit (OOMKilled).
    func wasOOMKilled(_ pid: ProcessID) -> Bool
    /// How often pod `podUID`'s processes were refused a fork by its pids limit.
    func pidsLimitHits(podUID: String) -> Int
    /// Why limits (cgroups) are not enforced on this machine; nil when they are.
    var limitsNotEnforcedReason: String? { get }
    /// The host directories hostPath volumes may use (none unless the learner allowed some).
    var hostPaths: HostPathAllowList { get }
    /// Runs a process inside a running container's namespaces (kubectl exec).
    func exec(in container: ProcessID, process: ProcessSpec, stdio: StdioFDs) throws -> ProcessID
    /// A TCP connection to localhost:`port` inside the sandbox's network namespace (port-forward, as
    /// containerd makes it for the kubelet): a connected stream socket the caller owns and closes.
    func connect(in sandbox: Sandbox, port: Int) throws -> Int32
    /// Sends a signal to a process started by this runtime (no-op if it is gone).
    func signal(_ pid: ProcessID, _ signal: Int32)
    /// Called once for every process this runtime started, when it exits (on a runtime thread).
    var onExit: (@Sendable (ProcessID, ExitStatus) -> Void)? { get set }
    /// The PID of a runtime process as the host (kubetutor's own /proc) sees it, for inspection.
    func hostPID(of pid: ProcessID) -> Int32?
    /// Kills every process and ends the cluster init. Idempotent.
    func shutdown()

    /// Creates node `name` with index `index` (0 = control plane): its own hostname and network
    /// namespace with the node IP, and a pod CIDR. The holder is a started process (it gets onExit).
    func createNode(name: String, index: Int) throws -> NodeInfo
    /// Starts a pod holder on `node`: like createSandbox(hostname:), plus an IP from the node's pod CIDR.
    func createSandbox(hostname: String, node: String) throws -> Sandbox
    /// Simulates a VM failure: SIGKILLs at once the node holder and every pod process on the node;
    /// each gets its normal onExit. No-op for an unknown or stopped node.
    func stopNode(_ name: String)
    /// Brings a stopped node back with the same node IP and pod CIDR (its pods are not restarted).
    func startNode(_ name: String) throws
}

/// Defaults for runtimes without nodes (test fakes): logical nodes, pods on no network.
extension ContainerRuntime {
    /// A container of the busybox image with the default confinement.
    public func startContainer(in sandbox: Sandbox, process: ProcessSpec, stdio: StdioFDs) throws -> ProcessID {
        try startContainer(in: sandbox, process: process, config: ContainerConfig(image: "busybox"), stdio: stdio)
    }

    public func wasOOMKilled(_ pid: ProcessID) -> Bool { false }
    public func writeVolumeFiles(in sandbox: Sandbox, volume: String, files: [ProjectedFile]) throws {}
    public func pidsLimitHits(podUID: String) -> Int { 0 }
    public var limitsNotEnforcedReason: String? { nil }
    public var hostPaths: HostPathAllowList { .none }

    public func createNode(name: String, index: Int) throws -> NodeInfo { .logical(name: name, index: index) }

    public func createSandbox(hostname: String, node: String) throws -> Sandbox {
        var sandbox = try createSandbox(hostname: hostname)
        sandbox.node = node
        return sandbox
    }

    public func stopNode(_ name: String) {}
    public func startNode(_ name: String) throws {}

    public func connect(in sandbox: Sandbox, port: Int) throws -> Int32 {
        throw RuntimeError(operation: "port-forward to \(sandbox.hostname):\(port)", stage: "connect", errno: ENOTSUP,
                           detail: "this runtime has no pod network")
    }
}
