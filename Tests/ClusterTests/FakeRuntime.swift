import Foundation
import Runtime
@testable import Cluster

/// A runtime that records what the kubelet asked for; tests end processes with `exit(_:code:)`.
final class FakeRuntime: ContainerRuntime, @unchecked Sendable {
    var onExit: (@Sendable (ProcessID, ExitStatus) -> Void)?
    private(set) var sandboxes: [Sandbox] = []
    private(set) var started: [(pid: ProcessID, process: ProcessSpec)] = []
    private(set) var signals: [(pid: ProcessID, signal: Int32)] = []
    private(set) var alive: Set<ProcessID> = []
    var failNextStart: RuntimeError?
    /// When true, SIGTERM ends a container at once (like nginx); otherwise only SIGKILL does (like `sleep` as PID 1).
    var exitOnTerm = true
    private var nextPID: ProcessID = 100
    /// The node of each live sandbox and container, and the pod IPs handed out per node.
    private(set) var nodeOf: [ProcessID: String] = [:]
    private var nodeIndexes: [String: Int] = [:]
    private var nextHost: [String: Int] = [:]
    private(set) var stoppedNodes: Set<String> = []

    func createNode(name: String, index: Int) throws -> NodeInfo {
        nodeIndexes[name] = index
        return .logical(name: name, index: index)
    }

    /// Like the real runtime: an IP from the node's 10.244.<index>.0/24.
    func createSandbox(hostname: String, node: String) throws -> Sandbox {
        var sandbox = try createSandbox(hostname: hostname)
        sandbox.node = node
        let host = (nextHost[node] ?? 1) + 1
        nextHost[node] = host
        sandbox.ip = "10.244.\(nodeIndexes[node] ?? 0).\(host)"
        nodeOf[sandbox.holder] = node
        return sandbox
    }

    /// A VM failure: every process on the node ends with SIGKILL.
    func stopNode(_ name: String) {
        stoppedNodes.insert(name)
        for (pid, node) in nodeOf where node == name && alive.contains(pid) {
            exit(pid, status: ExitStatus(signal: SIGKILL))
        }
    }

    func startNode(_ name: String) throws { stoppedNodes.remove(name) }

    /// Live processes on a node.
    func processes(onNode name: String) -> [ProcessID] { nodeOf.filter { $0.value == name && alive.contains($0.key) }.map(\.key) }

    func createSandbox(hostname: String) throws -> Sandbox {
        nextPID += 1
        alive.insert(nextPID)
        let s = Sandbox(holder: nextPID, hostname: hostname)
        sandboxes.append(s)
        return s
    }

    func startContainer(in sandbox: Sandbox, process: ProcessSpec, config: ContainerConfig, stdio: StdioFDs) throws -> ProcessID {
        if let e = failNextStart {
            failNextStart = nil
            throw e
        }
        nextPID += 1
        alive.insert(nextPID)
        started.append((nextPID, process))
        if let node = sandbox.node { nodeOf[nextPID] = node }
        return nextPID
    }

    func exec(in container: ProcessID, process: ProcessSpec, stdio: StdioFDs) throws -> ProcessID {
        nextPID += 1
        return nextPID
    }

    func signal(_ pid: ProcessID, _ signal: Int32) {
        signals.append((pid, signal))
        if alive.contains(pid), signal == SIGKILL || (signal == SIGTERM && exitOnTerm) {
            exit(pid, status: ExitStatus(signal: signal))
        }
    }

    func exit(_ pid: ProcessID, status: ExitStatus) {
        alive.remove(pid)
        onExit?(pid, status)
    }

    func exit(_ pid: ProcessID, code: Int32) { exit(pid, status: ExitStatus(code: code)) }

    func hostPID(of pid: ProcessID) -> Int32? { nil }
    func shutdown() {}
}

final class FakeImages: ImageResolver {
    func resolve(image: String, command: [String], args: [String], env: [String], workingDir: String?, hostname: String)
        -> Result<PulledImage, ImagePullFailure> {
        if image.hasPrefix("nginx") || image.hasPrefix("busybox") {
            let argv = command.isEmpty ? ["nginx", "-g", "daemon off;"] : command + args
            return .success(PulledImage(process: ProcessSpec(argv: argv), imageID: "docker.io/library/x@sha256:00"))
        }
        return .failure(ImagePullFailure(message: "image \"\(image)\" is not in kubetutor's offline catalog"))
    }
}

final class MemoryLog: ContainerLogBuffer {
    let writeFD: Int32 = -1
    func read(from offset: Int) -> (Data, Int) { (Data(), offset) }
    /// The limits each rotation check was made with.
    var rotationChecks: [Int] = []
    func rotate(ifOver maxBytes: Int) -> Bool { rotationChecks.append(maxBytes); return false }
}
