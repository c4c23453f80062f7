import CSpawn
import Foundation

/// Pod and container cgroups, as the kubelet makes them: one per pod with the pids limit
/// (`podPidsLimit`, 1024 by default), one per container with its memory and cpu limits. They live
/// under `kubetutor-<pid>` in each controller's hierarchy (cgroup v1 `pids`, `memory`, `cpu`, or
/// the v2 unified tree) and are removed with their pod. Should kubetutor die without cleaning up
/// (SIGKILL), a janitor process (`kubetutor-init janitor`) removes them once the cluster is gone;
/// a directory left even so is removed by the next start.
///
/// Processes join by writing "0" to `cgroup.procs` files that kubetutor opens (as host root) and
/// passes to init: the kernel checks the opener's credentials, so container root, which is not host
/// root, can join without being able to move anything else.
public final class Cgroups: @unchecked Sendable {
    public enum Layout: Equatable, Sendable {
        case v1(pids: String, memory: String?, cpu: String?)
        case v2(root: String)
        /// Why limits are not enforced here (e.g. not root and no delegated cgroup).
        case unavailable(String)
    }

    public static let defaultPodPidsLimit = 1024
    public let layout: Layout
    public let session: String
    private let lock = NSLock()
    /// Container cgroup directories by container key, and their OOM-kill count at start.
    private var created: Set<String> = []

    private var janitorPipe: Int32 = -1
    private var janitorPID: pid_t = -1
    private static let instances = NSLock()
    nonisolated(unsafe) private static var instanceCount = 0

    /// Each instance has its own session directory (`kubetutor-<pid>-<n>`): tests run several.
    public init(layout: Layout? = nil, session: String? = nil) {
        Self.instances.lock()
        Self.instanceCount += 1
        let n = Self.instanceCount
        Self.instances.unlock()
        self.session = session ?? "kubetutor-\(getpid())-\(n)"
        let found = layout ?? Self.detect()
        self.layout = found
        switch found {
        case .v1(let pids, let memory, let cpu):
            for base in [pids, memory, cpu].compactMap({ $0 }) { Self.removeStale(in: base) }
        case .v2(let root):
            Self.removeStale(in: root)
        case .unavailable:
            break
        }
    }

    public var enforced: Bool { if case .unavailable = layout { return false } else { return true } }

    /// What the machine offers: v1 controllers we may write, else a writable v2 tree.
    static func detect(fs: String = "/sys/fs/cgroup") -> Layout {
        func writable(_ dir: String) -> Bool { access(dir, W_OK) == 0 && FileManager.default.fileExists(atPath: dir + "/cgroup.procs") }
        if writable("\(fs)/pids") {
            return .v1(pids: "\(fs)/pids", memory: writable("\(fs)/memory") ? "\(fs)/memory" : nil,
                       cpu: writable("\(fs)/cpu") ? "\(fs)/cpu" : nil)
        }
        if let controllers = try? String(contentsOfFile: "\(fs)/cgroup.controllers", encoding: .utf8), access(fs, W_OK) == 0 {
            // The pods' pids limit is the one limit every pod has: without the controller, none holds.
            guard controllers.split(whereSeparator: \.isWhitespace).contains("pids") else {
                return .unavailable("the cgroup v2 tree at \(fs) offers no pids controller")
            }
            return .v2(root: fs)
        }
        let reason = geteuid() == 0 ? "no writable cgroup controllers under \(fs)"
            : "kubetutor is not root and has no delegated cgroup"
        return .unavailable(reason)
    }

    // MARK: - Paths

    private func podDir(_ base: String, _ uid: String) -> String { "\(base)/\(session)/pod\(uid)" }

    /// The directories (and the controller file to write) of a pod: pids for the pod itself.
    public func createPod(uid: String, pidsLimit: Int = Cgroups.defaultPodPidsLimit) throws {
        switch layout {
        case .v1(let pids, _, _):
            let dir = podDir(pids, uid)
            try Self.mkdirs(dir)
            try Self.write("\(pids)/\(session)/pod\(uid)/pids.max", String(pidsLimit))
            remember(dir)
        case .v2(let root):
            let dir = podDir(root, uid)
            try Self.mkdirs(dir)
            // Each level hands the controllers down (cgroup v2's subtree_control), from the root on.
            for controller in ["pids", "memory", "cpu"] {
                try? Self.write("\(root)/cgroup.subtree_control", "+\(controller)")
                try? Self.write("\(root)/\(session)/cgroup.subtree_control", "+\(controller)")
                try? Self.write("\(dir)/cgroup.subtree_control", "+\(controller)")
            }
            try Self.write("\(dir)/pids.max", String(pidsLimit))
            remember(dir)
        case .unavailable:
            return
        }
    }

    /// Creates the container's cgroup with its limits; returns open `cgroup.procs` files to pass to
    /// init (the caller closes them once the container started).
    public func prepareContainer(podUID: String, name: String, memoryBytes: Int64?, cpuMillis: Int64?) throws -> [Int32] {
        var paths: [String] = []
        switch layout {
        case .v1(let pids, let memory, let cpu):
            // The pod's pids cgroup always; memory and cpu cgroups only for a container with that
            // limit (a cgroup v1 mkdir costs about 100 µs, on every container start).
            paths.append(podDir(pids, podUID))
            if let memory, let memoryBytes {
                let dir = "\(podDir(memory, podUID))/\(name)"
                try Self.mkdirs(dir)
                remember(dir)
                try Self.write("\(dir)/memory.limit_in_bytes", String(memoryBytes))
                // With swap accounting, memory+swap too: over the limit means OOM, not swapping.
                try? Self.write("\(dir)/memory.memsw.limit_in_bytes", String(memoryBytes))
                paths.append(dir)
            }
            if let cpu, let cpuMillis {
                let dir = "\(podDir(cpu, podUID))/\(name)"
                try Self.mkdirs(dir)
                remember(dir)
                try Self.write("\(dir)/cpu.cfs_period_us", "100000")
                try Self.write("\(dir)/cpu.cfs_quota_us", String(max(1000, cpuMillis * 100)))
                paths.append(dir)
            }
        case .v2(let root):
            let dir = "\(podDir(root, podUID))/\(name)"
            try Self.mkdirs(dir)
            remember(dir)
            try? Self.write("\(dir)/memory.max", memoryBytes.map(String.init) ?? "max")
            try? Self.write("\(dir)/cpu.max", cpuMillis.map { "\(max(1000, $0 * 100)) 100000" } ?? "max 100000")
            paths.append(dir)
        case .unavailable:
            return []
        }
        var fds: [Int32] = []
        for dir in paths {
            let fd = open("\(dir)/cgroup.procs", O_WRONLY | O_CLOEXEC)
            if fd < 0 {
                let err = errno
                fds.forEach { close($0) }
                throw RuntimeError(operation: "prepare cgroup", stage: "open \(dir)/cgroup.procs", errno: err)
            }
            fds.append(fd)
        }
        return fds
    }

    /// How many times the kernel's OOM killer acted in the container's memory cgroup.
    public func oomKills(podUID: String, name: String) -> Int {
        let file: String
        switch layout {
        case .v1(_, let memory?, _): file = "\(podDir(memory, podUID))/\(name)/memory.oom_control"
        case .v2(let root): file = "\(podDir(root, podUID))/\(name)/memory.events"
        default: return 0
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == "oom_kill", let n = Int(parts[1]) { return n }
        }
        return 0
    }

    /// How often the pod hit its pids limit (v1 `pids.events`, v2 the same file): `max N`.
    public func pidsLimitHits(podUID: String) -> Int {
        let file: String
        switch layout {
        case .v1(let pids, _, _): file = "\(podDir(pids, podUID))/pids.events"
        case .v2(let root): file = "\(podDir(root, podUID))/pids.events"
        case .unavailable: return 0
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("max ") {
            return Int(line.dropFirst(4)) ?? 0
        }
        return 0
    }

    /// Removes a pod's cgroups once its processes are gone (rmdir of a busy cgroup fails; it is
    /// tried again by the next call and by `removeAll`).
    public func removePod(uid: String) {
        lock.lock()
        let mine = created.filter { $0.contains("/pod\(uid)") }
        lock.unlock()
        removeDirs(mine)
    }

    /// At shutdown, after init and every pod process are gone. Then the janitor has nothing to do.
    public func removeAll() {
        lock.lock()
        let all = created
        let pipe = janitorPipe, janitor = janitorPID
        janitorPipe = -1
        janitorPID = -1
        lock.unlock()
        removeDirs(all)
        for base in bases { rmdir("\(base)/\(session)") }
        guard pipe >= 0 else { return }
        close(pipe)
        // It exits at once when nothing is left; reap it (bounded) so it is no zombie of ours.
        for _ in 0..<100 where waitpid(janitor, nil, WNOHANG) == 0 { usleep(10_000) }
    }

    /// Starts the janitor (`initPath janitor <session dirs>`). Without it, a killed kubetutor
    /// would leave its cgroups until the next start.
    public func startJanitor(initPath: String) {
        guard enforced, janitorPipe < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        _ = cspawn_set_cloexec(fds[1])
        _ = cspawn_set_cloexec(fds[0])
        let argv = [initPath, "janitor"] + bases.map { "\($0)/\(session)" }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var failure = cspawn_failure()
        let pid = cspawn_start_detached(initPath, &cArgs, fds[0], &failure)
        cArgs.forEach { free($0) }
        close(fds[0])
        guard pid > 0 else {
            close(fds[1])
            return
        }
        lock.lock()
        janitorPipe = fds[1]
        janitorPID = pid
        lock.unlock()
    }

    private var bases: [String] {
        switch layout {
        case .v1(let pids, let memory, let cpu): return [pids, memory, cpu].compactMap { $0 }
        case .v2(let root): return [root]
        case .unavailable: return []
        }
    }

    private func removeDirs(_ dirs: Set<String>) {
        // Deepest first: a container's directory before its pod's.
        for dir in dirs.sorted(by: { $0.count > $1.count }) where rmdir(dir) == 0 || errno == ENOENT {
            lock.lock()
            created.remove(dir)
            lock.unlock()
        }
    }

    /// Remembers `dir` and its pod directory (a container's parent) for removal.
    private func remember(_ dir: String) {
        lock.lock()
        created.insert(dir)
        let parent = (dir as NSString).deletingLastPathComponent
        if (parent as NSString).lastPathComponent.hasPrefix("pod") { created.insert(parent) }
        lock.unlock()
    }

    // MARK: - Files

    static func mkdirs(_ dir: String) throws {
        var path = ""
        for part in dir.split(separator: "/") {
            path += "/\(part)"
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw RuntimeError(operation: "prepare cgroup", stage: "mkdir \(path)", errno: errno)
            }
        }
    }

    static func write(_ file: String, _ text: String) throws {
        let fd = open(file, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RuntimeError(operation: "prepare cgroup", stage: "open \(file)", errno: errno) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        if Foundation.write(fd, bytes, bytes.count) < 0 {
            throw RuntimeError(operation: "prepare cgroup", stage: "write \(file)", errno: errno)
        }
    }

    /// Removes `kubetutor-<pid>` trees whose kubetutor is no longer running (killed by SIGKILL).
    static func removeStale(in base: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for entry in entries where entry.hasPrefix("kubetutor-") {
            let owner = entry.dropFirst("kubetutor-".count).split(separator: "-").first.map(String.init) ?? ""
            guard let pid = Int32(owner), pid != getpid() else { continue }
            if kill(pid, 0) == 0,
               let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("kubetutor") { continue }
            removeTree("\(base)/\(entry)")
        }
    }

    /// rmdir, children first (cgroupfs has no files to delete, only directories).
    static func removeTree(_ dir: String) {
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            for entry in entries {
                var st = stat()
                let path = "\(dir)/\(entry)"
                if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { removeTree(path) }
            }
        }
        rmdir(dir)
    }
}
