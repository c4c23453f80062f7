import Foundation
import XCTest

@testable import Runtime

/// Collects onExit reports so a test can wait for one with a deadline (never a sleep).
final class ExitRecorder: @unchecked Sendable {
    private let condition = NSCondition()
    private var exits: [ProcessID: ExitStatus] = [:]

    func record(_ pid: ProcessID, _ status: ExitStatus) {
        condition.lock()
        exits[pid] = status
        condition.broadcast()
        condition.unlock()
    }

    func wait(for pid: ProcessID, timeout: TimeInterval = 10) -> ExitStatus? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while exits[pid] == nil {
            if !condition.wait(until: deadline) { break }
        }
        return exits[pid]
    }
}

/// Polls `condition` until it holds or the deadline passes.
func eventually(timeout: TimeInterval = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}

/// The namespace a host process is in, e.g. "uts:[4026532281]".
func namespace(_ kind: String, of hostPID: Int32) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(hostPID)/ns/\(kind)")
}

/// True while `hostPID` runs. A zombie counts as gone: it is dead, only waiting for a parent to
/// reap it (an init orphaned by a killed kubetutor is reaped by the host's PID 1 at its own pace).
func processExists(_ hostPID: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(hostPID)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
}

/// Live host processes whose network namespace is one of `netns` (a namespace lives while a
/// process, open nsfs fd or bind mount holds it; kubetutor makes no fds or mounts of them).
func processes(inNetworkNamespaces netns: Set<String>) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { processExists($0) && namespace("net", of: $0).map(netns.contains) == true }
}

extension XCTestCase {
    /// A runtime that is shut down when the test ends; skips when this machine cannot isolate.
    func makeRuntime(mode: IsolationMode = .isolated) throws -> (LinuxRuntime, ExitRecorder) {
        if mode == .isolated {
            let support = RuntimeSupport.probe(environment: [:])
            try XCTSkipIf(support.mode != .isolated, support.message ?? "no user namespaces")
        }
        let runtime = try LinuxRuntime(mode: mode)
        let recorder = ExitRecorder()
        runtime.onExit = { recorder.record($0, $1) }
        addTeardownBlock { runtime.shutdown() }
        return (runtime, recorder)
    }
}

extension LinuxRuntime {
    /// Starts a container from an offline image with its output in a fresh log.
    func start(_ image: String, command: [String] = [], args: [String] = [], env: [String] = [],
               in sandbox: Sandbox) throws -> (ProcessID, ContainerLog) {
        let resolved = try images.resolve(image: image, command: command, args: args, env: env,
                                          hostname: sandbox.hostname).get()
        let log = try ContainerLog(name: sandbox.hostname)
        var config = ContainerConfig(image: resolved.tree)
        // As the kubelet writes them: the pod's own name resolves to its IP.
        config.files = [("/etc/hostname", sandbox.hostname + "\n"),
                        ("/etc/hosts", "127.0.0.1\tlocalhost\n\(sandbox.ip ?? "127.0.1.1")\t\(sandbox.hostname)\n")]
        let pid = try startContainer(in: sandbox, process: resolved.process, config: config,
                                     stdio: log.stdio(stdin: StdioFDs.devNull))
        return (pid, log)
    }

    /// kubectl exec without a tty: runs `argv` in the container, waits, returns status and output.
    func run(_ argv: [String], in container: ProcessID, recorder: ExitRecorder) throws -> (ExitStatus?, String) {
        let log = try ContainerLog(name: "exec")
        let process = ProcessSpec(argv: argv, env: ["PATH=\(appletDirectory.map { $0 + ":" } ?? "")/usr/sbin:/usr/bin:/sbin:/bin"])
        let pid = try exec(in: container, process: process, stdio: log.stdio(stdin: StdioFDs.devNull))
        let status = recorder.wait(for: pid)
        return (status, log.text)
    }
}
