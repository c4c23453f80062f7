import Foundation
import KubeAPI
import Cluster
import Runtime

/// `kubectl exec POD [-c C] [-i] [-t] -- COMMAND [ARGS…]`: runs a process in the container's
/// namespaces. With `-it` on a terminal it gets a pseudo-terminal; exits with the command's status.
enum ExecVerb {
    static let verb = Kubectl.Verb(
        name: "exec", summary: "Execute a command in a container",
        flags: [FlagSpec("container", "c"), FlagSpec("stdin", "i", .bool), FlagSpec("tty", "t", .bool),
                FlagSpec("quiet", "q", .bool), FlagSpec("filename", "f", .list)],
        run: { k, f, io in try k.exec(f, io) })
}

extension Kubectl {
    func exec(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard var podName = flags.positional.first else {
            throw KubectlError("error: pod, type/name or --filename must be specified")
        }
        guard let command = flags.afterDash, !command.isEmpty else {
            if flags.positional.count > 1 {
                throw KubectlError("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples")
            }
            throw KubectlError("error: you must specify at least one command for the container")
        }
        if let slash = podName.firstIndex(of: "/") {
            let kind = String(podName[..<slash])
            guard ResourceKind.lookup(kind) == .pod else { throw KubectlError("error: cannot exec into \(kind) objects (kubetutor supports pods)") }
            podName = String(podName[podName.index(after: slash)...])
        }
        let key = ObjectKey(namespace: namespace, name: podName)
        let (target, environment): (ProcessID, [String]) = try cluster.sync {
            guard let pod = cluster.pods.get(key) else { throw KubectlError.notFound(.pod, podName) }
            if pod.status.phase == "Succeeded" || pod.status.phase == "Failed" {
                throw KubectlError("error: cannot exec into a container in a completed pod; current phase is \(pod.status.phase)")
            }
            let names = pod.spec.containers.map(\.name)
            let name = flags.string("container") ?? names.first ?? ""
            guard names.contains(name) else {
                throw KubectlError("Error from server (BadRequest): container \(name) is not valid for pod \(podName)")
            }
            if flags.string("container") == nil, names.count > 1, !flags.bool("quiet") {
                let all = names + pod.spec.initContainers.map { "\($0.name) (init)" }
                io.errorLine("Defaulted container \"\(name)\" out of: \(all.joined(separator: ", "))")
            }
            guard let pid = cluster.containerProcess(pod: key, container: name) else {
                throw KubectlError("error: unable to upgrade connection: container not found (\"\(name)\")")
            }
            return (pid, cluster.containerEnvironment(pod: key, container: name))
        }
        var wantTTY = flags.bool("tty")
        if wantTTY && !(flags.bool("stdin") && io.stdinIsTTY) {
            if !flags.bool("quiet") {
                io.errorLine("Unable to use a TTY - input is not a terminal or the right kind of file")
            }
            wantTTY = false
        }
        let process = ProcessSpec(argv: command, env: environment, workingDir: "/")
        let status = wantTTY
            ? try ExecSession.interactive(cluster: cluster, target: target, process: process, io: io)
            : try ExecSession.piped(cluster: cluster, target: target, process: process, stdin: flags.bool("stdin"), io: io)
        let code = status.kubernetesExitCode
        if code != 0 {
            if !flags.bool("quiet") { io.errorLine("command terminated with exit code \(code)") }
            return code
        }
        return 0
    }
}

/// The I/O plumbing of one exec: pipes (captured into `CommandIO`) or a pseudo-terminal relay.
enum ExecSession {
    static func start(_ cluster: Cluster, _ target: ProcessID, _ process: ProcessSpec, _ stdio: StdioFDs) throws -> ProcessID {
        do {
            return try cluster.sync { try cluster.startExec(in: target, process: process, stdio: stdio) }
        } catch let e as RuntimeError {
            throw KubectlError("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: \(e.detail.isEmpty ? e.description : e.detail): unknown")
        }
    }

    static func piped(cluster: Cluster, target: ProcessID, process: ProcessSpec, stdin: Bool, io: CommandIO) throws -> ExitStatus {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw KubectlError("error: pipe: \(String(cString: strerror(errno)))")
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let stdio = StdioFDs(stdin: stdin ? io.stdinFD : cluster.sync { cluster.devNullFD }, stdout: outPipe[1], stderr: errPipe[1])
        let pid: ProcessID
        do {
            pid = try start(cluster, target, process, stdio)
        } catch {
            for fd in outPipe + errPipe { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        let group = DispatchGroup()
        for (fd, sink) in [(outPipe[0], io.out), (errPipe[0], io.err)] {
            group.enter()
            Thread.detachNewThread {
                var buffer = [UInt8](repeating: 0, count: 16384)
                while true {
                    let n = read(fd, &buffer, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    sink(String(decoding: buffer[0..<n], as: UTF8.self))
                }
                close(fd)
                group.leave()
            }
        }
        // Ctrl-C (or Ctrl-\\) is passed on to the process, as kubectl passes it on; one that ignores
        // it is killed 2 s later, so the prompt always comes back.
        var status: ExitStatus?
        var interruptedAt: Date?
        while status == nil {
            status = cluster.waitForExec(pid, timeout: .now() + .milliseconds(50))
            guard status == nil, io.isInterrupted() else { continue }
            if let at = interruptedAt {
                if Date().timeIntervalSince(at) > 2 { cluster.signal(pid, SIGKILL) }
            } else {
                interruptedAt = Date()
                cluster.signal(pid, SIGINT)
            }
        }
        group.wait()
        return status ?? ExitStatus(code: 1)
    }

    static func interactive(cluster: Cluster, target: ProcessID, process: ProcessSpec, io: CommandIO) throws -> ExitStatus {
        let console: ConsoleSocket
        do {
            console = try ConsoleSocket()
        } catch {
            throw KubectlError("error: \(error)")
        }
        let pid = try start(cluster, target, process, console.stdio)
        let terminal: PseudoTerminal
        do {
            terminal = try console.receiveTerminal()
        } catch {
            cluster.signal(pid, SIGKILL)
            _ = cluster.waitForExec(pid)
            throw KubectlError("error: \(error)")
        }
        terminal.copyWindowSize(from: io.stdoutFD)
        let mode = try? TerminalMode.makeRaw(io.stdinFD)
        var status: ExitStatus? = nil
        // Kept for lesson checks (the last 64 KiB each way): what the learner typed and saw.
        var typed: [UInt8] = [], shown: [UInt8] = []
        let keep = 64 << 10
        terminal.relay(input: io.stdinFD, output: io.stdoutFD, stop: {
            status = cluster.waitForExec(pid, timeout: .now())
            return status != nil
        }, record: io.session == nil ? nil : { isTyped, bytes in
            if isTyped { typed += bytes } else { shown += bytes }
            if typed.count > 2 * keep { typed.removeFirst(typed.count - keep) }
            if shown.count > 2 * keep { shown.removeFirst(shown.count - keep) }
        })
        mode?.restore()
        io.session?(String(decoding: typed.suffix(keep), as: UTF8.self), String(decoding: shown.suffix(keep), as: UTF8.self))
        return status ?? cluster.waitForExec(pid) ?? ExitStatus(code: 1)
    }
}
