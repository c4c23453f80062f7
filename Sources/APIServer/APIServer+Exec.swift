import Foundation
import KubeAPI
import Cluster
import Runtime

/// A process started by the `exec` subresource: its stdio for a streaming client (pipes, or the
/// pty master when `tty`), and its exit status.
public final class ExecProcess: @unchecked Sendable {
    /// Write end of the process's stdin (nil without stdin). With a tty, stdin goes to `terminal`.
    public private(set) var stdin: Int32?
    /// Read ends of stdout and stderr (nil with a tty: output comes from `terminal`).
    public let stdout: Int32?
    public let stderr: Int32?
    public let terminal: PseudoTerminal?
    private let pid: ProcessID
    private unowned let cluster: Cluster

    init(pid: ProcessID, cluster: Cluster, stdin: Int32?, stdout: Int32?, stderr: Int32?, terminal: PseudoTerminal?) {
        self.pid = pid
        self.cluster = cluster
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.terminal = terminal
    }

    deinit {
        closeStdin()
        if let stdout { close(stdout) }
        if let stderr { close(stderr) }
    }

    public func closeStdin() {
        if let fd = stdin { close(fd) }
        stdin = nil
    }

    /// The exit status once the process is gone; nil while it runs (after `timeout`).
    public func wait(timeout: DispatchTime = .distantFuture) -> ExitStatus? { cluster.waitForExec(pid, timeout: timeout) }

    public func signal(_ sig: Int32) { cluster.signal(pid, sig) }
}

extension APIServer {
    /// The `exec` subresource: runs `command` in a running container of the pod.
    public func exec(namespace: String, pod name: String, container: String?, command: [String], stdin: Bool, tty: Bool) throws -> ExecProcess {
        let (target, environment) = try execTarget(namespace: namespace, pod: name, container: container, command: command)
        let process = ProcessSpec(argv: command, env: environment, workingDir: "/")
        return try start(process, in: target, stdin: stdin, tty: tty)
    }

    /// Checks an exec request before a stream is opened: the errors a client sees as HTTP errors.
    public func checkExec(namespace: String, pod name: String, container: String?, command: [String]) throws {
        _ = try execTarget(namespace: namespace, pod: name, container: container, command: command)
    }

    private func execTarget(namespace: String, pod name: String, container: String?, command: [String]) throws -> (ProcessID, [String]) {
        guard !command.isEmpty else { throw APIError.badRequest("you must specify at least one command for the container") }
        let key = ObjectKey(namespace: namespace, name: name)
        return try cluster.sync {
            guard let pod = cluster.pods.get(key) else { throw APIError.notFound(.pod, name) }
            if pod.status.phase == "Succeeded" || pod.status.phase == "Failed" {
                throw APIError.badRequest("cannot exec into a container in a completed pod; current phase is \(pod.status.phase)")
            }
            let names = pod.spec.containers.map(\.name)
            let chosen: String
            if let container, !container.isEmpty {
                guard names.contains(container) else { throw APIError.badRequest("container \(container) is not valid for pod \(name)") }
                chosen = container
            } else if names.count == 1, let only = names.first {
                chosen = only
            } else {
                throw APIError.badRequest("a container name must be specified for pod \(name), choose one of: [\(names.joined(separator: " "))]")
            }
            guard let pid = cluster.containerProcess(pod: key, container: chosen) else {
                throw APIError.badRequest("unable to upgrade connection: container not found (\"\(chosen)\")")
            }
            return (pid, cluster.containerEnvironment(pod: key, container: chosen))
        }
    }

    private func start(_ process: ProcessSpec, in target: ProcessID, stdin: Bool, tty: Bool) throws -> ExecProcess {
        func started(_ stdio: StdioFDs) throws -> ProcessID {
            do {
                return try cluster.sync { try cluster.startExec(in: target, process: process, stdio: stdio) }
            } catch let e as RuntimeError {
                throw APIError.internalError("error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: \(e.detail.isEmpty ? e.description : e.detail): unknown")
            }
        }
        if tty {
            let console: ConsoleSocket
            do { console = try ConsoleSocket() } catch { throw APIError.internalError("\(error)") }
            let pid = try started(console.stdio)
            do {
                let terminal = try console.receiveTerminal()
                return ExecProcess(pid: pid, cluster: cluster, stdin: nil, stdout: nil, stderr: nil, terminal: terminal)
            } catch {
                cluster.signal(pid, SIGKILL)
                _ = cluster.waitForExec(pid)
                throw APIError.internalError("\(error)")
            }
        }
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&inPipe) == 0 else { throw APIError.internalError("pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&outPipe) == 0 else {
            inPipe.forEach { close($0) }
            throw APIError.internalError("pipe: \(String(cString: strerror(errno)))")
        }
        guard pipe(&errPipe) == 0 else {
            (inPipe + outPipe).forEach { close($0) }
            throw APIError.internalError("pipe: \(String(cString: strerror(errno)))")
        }
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let devNull = cluster.sync { cluster.devNullFD }
        let stdio = StdioFDs(stdin: stdin ? inPipe[0] : devNull, stdout: outPipe[1], stderr: errPipe[1])
        let pid: ProcessID
        do {
            pid = try started(stdio)
        } catch {
            (inPipe + outPipe + errPipe).forEach { close($0) }
            throw error
        }
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        if !stdin { close(inPipe[1]) }
        return ExecProcess(pid: pid, cluster: cluster, stdin: stdin ? inPipe[1] : nil, stdout: outPipe[0], stderr: errPipe[0], terminal: nil)
    }
}
