import Foundation

/// Linux capabilities by number, as the kernel and `securityContext.capabilities` name them.
public struct CapabilitySet: Equatable, Sendable {
    public var mask: UInt64
    public init(mask: UInt64) { self.mask = mask }

    /// Kernel numbering (linux/capability.h), without the `CAP_` prefix.
    public static let names: [String] = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]

    /// containerd's default set for a container (the same as Docker's).
    public static let containerdDefault = CapabilitySet(names: [
        "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP",
        "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
    ])

    public init(names: [String]) {
        mask = 0
        for name in names { if let bit = Self.bit(of: name) { mask |= 1 << UInt64(bit) } }
    }

    /// The kernel number of `NET_ADMIN` or `CAP_NET_ADMIN`; nil when unknown.
    public static func bit(of name: String) -> Int? {
        let bare = name.hasPrefix("CAP_") ? String(name.dropFirst(4)) : name
        return names.firstIndex(of: bare.uppercased())
    }

    public func contains(_ name: String) -> Bool {
        guard let bit = Self.bit(of: name) else { return false }
        return mask & (1 << UInt64(bit)) != 0
    }

    /// `add` then `drop`, as containerd applies `securityContext.capabilities` ("ALL" allowed in both).
    public func adding(_ add: [String], dropping drop: [String]) -> CapabilitySet {
        var result = self
        let all = UInt64((1 << UInt64(Self.names.count)) - 1)
        if add.contains(where: { $0.uppercased() == "ALL" }) { result.mask = all }
        for name in add { if let bit = Self.bit(of: name) { result.mask |= 1 << UInt64(bit) } }
        if drop.contains(where: { $0.uppercased() == "ALL" }) { result.mask = 0 }
        for name in drop { if let bit = Self.bit(of: name) { result.mask &= ~(1 << UInt64(bit)) } }
        return result
    }

    /// `CAP_CHOWN CAP_KILL …` in kernel order, for describe-style output.
    public var listed: [String] {
        Self.names.enumerated().filter { mask & (1 << UInt64($0.offset)) != 0 }.map { "CAP_" + $0.element }
    }
}

/// A volume mount inside a container: a pod volume (by name) at `target`.
public struct RuntimeMount: Equatable, Sendable {
    /// The volume's kind; "emptydir" is the one the runtime makes (a tmpfs per pod volume).
    public var kind: String
    public var volume: String
    public var target: String
    public var readOnly: Bool
    /// The tmpfs size in bytes (emptyDir.sizeLimit); 0 for the default, 256 MiB.
    public var sizeBytes: Int64
    /// A directory inside the volume (volumeMounts.subPath); "" for the whole volume.
    public var subPath: String
    public init(kind: String = "emptydir", volume: String, target: String, readOnly: Bool = false,
                sizeBytes: Int64 = 0, subPath: String = "") {
        self.kind = kind
        self.volume = volume
        self.target = target
        self.readOnly = readOnly
        self.sizeBytes = sizeBytes
        self.subPath = subPath
    }
}

/// What the kubelet puts in a container's OCI spec beyond the process: the image's root, the user,
/// capabilities, the writable layer, mounts, the pod's /etc files and its resource limits.
public struct ContainerConfig: Equatable, Sendable {
    /// The image tree (ImageCatalog's repository name: "busybox", "nginx", "alpine", "ubuntu").
    public var image: String
    public var user: UInt32 = 0
    public var group: UInt32 = 0
    public var capabilities: CapabilitySet = .containerdDefault
    public var readOnlyRootFilesystem = false
    /// Size of the writable layer (a tmpfs); 0 for the default, 256 MiB.
    public var rootfsBytes: Int64 = 0
    public var mounts: [RuntimeMount] = []
    /// Files the kubelet manages in the root: `/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`.
    public var files: [(path: String, text: String)] = []
    /// `resources.limits.memory` in bytes; nil for none.
    public var memoryLimitBytes: Int64? = nil
    /// `resources.limits.cpu` in millicores; nil for none.
    public var cpuLimitMillis: Int64? = nil
    /// The pod's uid: its cgroup (pids limit) is shared by its containers.
    public var podUID: String = ""
    public var containerName: String = ""

    public init(image: String) { self.image = image }

    public static func == (a: ContainerConfig, b: ContainerConfig) -> Bool {
        a.image == b.image && a.user == b.user && a.group == b.group && a.capabilities == b.capabilities
            && a.readOnlyRootFilesystem == b.readOnlyRootFilesystem && a.rootfsBytes == b.rootfsBytes
            && a.mounts == b.mounts && a.files.map(\.path) == b.files.map(\.path) && a.files.map(\.text) == b.files.map(\.text)
            && a.memoryLimitBytes == b.memoryLimitBytes && a.cpuLimitMillis == b.cpuLimitMillis
            && a.podUID == b.podUID && a.containerName == b.containerName
    }
}

/// A file of a projected volume (downwardAPI; configMap and secret alike): a path relative to the
/// volume, its mode and its text.
public struct ProjectedFile: Equatable, Sendable {
    public var path: String
    public var mode: Int
    public var text: String
    public init(path: String, mode: Int = 0o644, text: String) {
        self.path = path
        self.mode = mode
        self.text = text
    }
}
