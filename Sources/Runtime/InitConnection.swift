import CSpawn
import Foundation

/// The Swift end of the control socket to kubetutor-init: starts init from its own long-lived
/// thread, matches replies to requests by id, and delivers `exit` messages to `onExit`.
///
/// Why a dedicated thread: init is spawned with PR_SET_PDEATHSIG, which fires when the spawning
/// *thread* exits. This thread spawns init and then reads the socket until init is gone, so it
/// lives exactly as long as the cluster, whichever thread created the runtime.
final class InitConnection: @unchecked Sendable {
    enum Reply {
        /// `extra`: the fields after the pid (a pod's IP).
        case ok(pid: ProcessID?, extra: [String])
        case failed(stage: String, errno: Int32, detail: String)
        /// A socket init connected (port-forward); the receiver owns and closes it.
        case socket(Int32)
    }

    let isolated: Bool
    /// Host directories init binds into its root for hostPath volumes.
    let hostPaths: [String]
    private let lock = NSCondition()
    private var socket: Int32 = -1
    private(set) var initPID: pid_t = -1
    private var started = false
    private var startError: RuntimeError?
    private var alive = false
    private var stopping = false
    private var nextID: UInt64 = 1
    private var replies: [UInt64: Reply] = [:]
    private var pidfds: [ProcessID: Int32] = [:]
    private var exitHandler: (@Sendable (ProcessID, ExitStatus) -> Void)?
    /// The runtime's own bookkeeping, told of every exit before `onExit` (e.g. a node holder died).
    private let runtimeExitHook: (@Sendable (ProcessID) -> Void)?
    private var readerThread: pthread_t?

    /// Starts init (`initPath init [--no-isolation]`) and waits until it runs or failed to.
    init(initPath: String, isolated: Bool, hostPaths: [String] = [], runtimeExitHook: (@Sendable (ProcessID) -> Void)? = nil) throws {
        self.isolated = isolated
        self.hostPaths = hostPaths
        self.runtimeExitHook = runtimeExitHook
        let thread = Thread { [self] in self.run(initPath: initPath) }
        thread.name = "kubetutor-init reader"
        thread.start()
        lock.lock()
        while !started { lock.wait() }
        let error = startError
        lock.unlock()
        if let error { throw error }
    }

    var onExit: (@Sendable (ProcessID, ExitStatus) -> Void)? {
        get { lock.lock(); defer { lock.unlock() }; return exitHandler }
        set { lock.lock(); exitHandler = newValue; lock.unlock() }
    }

    // MARK: - Requests

    /// Sends one request (`verb <id> fields...` plus fds) and waits for its reply.
    func request(_ verb: String, _ fields: [String], fds: [Int32] = [], operation: String) throws -> Reply {
        lock.lock()
        guard alive, !stopping else {
            lock.unlock()
            throw RuntimeError(operation: operation, stage: "send request", errno: ESHUTDOWN, detail: "the runtime is shut down")
        }
        let id = nextID
        nextID += 1
        let sock = socket
        lock.unlock()
        let all = [verb, String(id)] + fields
        if let bad = all.first(where: { $0.utf8.contains(0) }) {
            throw RuntimeError(operation: operation, stage: "encode request", errno: EINVAL, detail: "NUL byte in \"\(bad)\"")
        }
        var bytes: [UInt8] = []
        for field in all { bytes += Array(field.utf8) + [0] }
        guard bytes.count < 65536 else {
            throw RuntimeError(operation: operation, stage: "encode request", errno: E2BIG, detail: "argv and env exceed 64 KiB")
        }
        let sent = bytes.withUnsafeBytes { raw in
            fds.withUnsafeBufferPointer { cspawn_send(sock, raw.baseAddress, raw.count, $0.baseAddress, Int32(fds.count)) }
        }
        guard sent >= 0 else { throw RuntimeError(operation: operation, stage: "send request", errno: errno) }
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date().addingTimeInterval(30)
        while replies[id] == nil && alive {
            if !lock.wait(until: deadline) { break }
        }
        guard let reply = replies.removeValue(forKey: id) else {
            throw RuntimeError(operation: operation, stage: "await reply", errno: alive ? ETIMEDOUT : ECONNRESET,
                               detail: "kubetutor-init did not answer")
        }
        return reply
    }

    /// The host PID behind a runtime process, from its pidfd's fdinfo ("Pid:" line; -1 once exited).
    func hostPID(of pid: ProcessID) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        guard let fd = pidfds[pid],
              let text = try? String(contentsOfFile: "/proc/self/fdinfo/\(fd)", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Pid:") {
            if let value = Int32(line.dropFirst(4).trimmingCharacters(in: .whitespaces)), value > 0 { return value }
        }
        return nil
    }

    /// Asks init to kill everything and exit, then waits (bounded) until it is reaped. Idempotent.
    func shutdown() {
        lock.lock()
        let first = !stopping
        stopping = true
        let sock = socket
        let onReader = readerThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
        lock.unlock()
        if first && sock >= 0 {
            let bytes = Array("shutdown\u{0}0\u{0}".utf8)
            _ = bytes.withUnsafeBytes { cspawn_send(sock, $0.baseAddress, $0.count, nil, 0) }
        }
        if onReader { return }  // called from onExit: the reader finishes the job after returning
        lock.lock()
        var deadline = Date().addingTimeInterval(5)
        while alive {
            if !lock.wait(until: deadline) {
                if initPID > 0 { kill(initPID, SIGKILL) }  // init is wedged: the kernel finishes the cluster
                deadline = Date().addingTimeInterval(5)
            }
        }
        lock.unlock()
    }

    // MARK: - Reader thread

    private func run(initPath: String) {
        lock.lock()
        readerThread = pthread_self()
        lock.unlock()
        guard let sock = spawnInit(initPath: initPath) else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var fds = [Int32](repeating: -1, count: 8)
        while true {
            var nfds: Int32 = 0
            let len = buffer.withUnsafeMutableBytes { raw in
                cspawn_recv(sock, raw.baseAddress, raw.count, &fds, Int32(fds.count), &nfds)
            }
            if len <= 0 { break }
            let fields = buffer[0..<len].split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            handle(fields, fds: Array(fds[0..<Int(nfds)]))
        }
        var status: Int32 = 0
        while waitpid(initPID, &status, 0) < 0 && errno == EINTR {}
        // Init is gone and with it (isolated: the kernel saw to it) every process it started.
        lock.lock()
        alive = false
        close(sock)
        socket = -1
        let orphans = pidfds
        pidfds = [:]
        let handler = exitHandler, hook = runtimeExitHook
        lock.broadcast()
        lock.unlock()
        for (pid, fd) in orphans.sorted(by: { $0.key < $1.key }) {
            close(fd)
            hook?(pid)
            handler?(pid, ExitStatus(signal: SIGKILL))
        }
    }

    /// Creates the socket pair and clones init; reports the outcome to the waiting initializer.
    private func spawnInit(initPath: String) -> Int32? {
        var pair: [Int32] = [-1, -1]
        var error: RuntimeError?
        if cspawn_seqpacket_pair(&pair) != 0 {
            error = RuntimeError(operation: "start cluster init", stage: "socketpair", errno: errno)
        } else {
            let argv = [initPath, "init"] + (isolated ? ["--busybox", InitBinary.busybox(), "--bash", InitBinary.bashStatic()]
                                                        + hostPaths.flatMap { ["--host-path", $0] }
                                                   : ["--no-isolation"])
            var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
            var failure = cspawn_failure()
            let pid = cspawn_start_init(initPath, &cArgs, pair[1], isolated ? 1 : 0, &failure)
            cArgs.forEach { free($0) }
            close(pair[1])
            if pid < 0 {
                close(pair[0])
                let stage = failure.stage.map { String(cString: $0) } ?? "clone"
                error = RuntimeError(operation: "start cluster init", stage: stage, errno: failure.err,
                                     detail: isolated ? "try KUBETUTOR_ISOLATION=none" : "")
            } else {
                initPID = pid
            }
        }
        lock.lock()
        started = true
        startError = error
        if error == nil {
            socket = pair[0]
            alive = true
        }
        lock.broadcast()
        lock.unlock()
        return error == nil ? pair[0] : nil
    }

    private func handle(_ fields: [String], fds: [Int32]) {
        switch fields.first {
        case "ok" where fields.count >= 3 && fields[2] == "socket" && fds.count == 1:
            lock.lock()
            replies[UInt64(fields[1]) ?? 0] = .socket(fds[0])
            lock.broadcast()
            lock.unlock()
        case "ok":
            let id = fields.count > 1 ? UInt64(fields[1]) ?? 0 : 0
            let pid = fields.count > 2 ? ProcessID(fields[2]) : nil
            lock.lock()
            if let pid, let fd = fds.first { pidfds[pid] = fd } else { fds.forEach { close($0) } }
            replies[id] = .ok(pid: pid, extra: fields.dropFirst(3).filter { !$0.isEmpty })
            lock.broadcast()
            lock.unlock()
        case "err" where fields.count >= 5:
            fds.forEach { close($0) }
            lock.lock()
            replies[UInt64(fields[1]) ?? 0] = .failed(stage: fields[2], errno: Int32(fields[3]) ?? 0, detail: fields[4])
            lock.broadcast()
            lock.unlock()
        case "exit" where fields.count >= 3:
            fds.forEach { close($0) }
            guard let pid = ProcessID(fields[1]), let status = Int32(fields[2]) else { return }
            lock.lock()
            if let fd = pidfds.removeValue(forKey: pid) { close(fd) }
            let handler = exitHandler, hook = runtimeExitHook
            lock.unlock()
            hook?(pid)
            let code = cspawn_exit_code(status), sig = cspawn_term_signal(status)
            handler?(pid, ExitStatus(code: code >= 0 ? code : nil, signal: sig > 0 ? sig : nil))
        default:
            fds.forEach { close($0) }
        }
    }
}
