import Foundation

/// Nodes on the real runtime. Isolated: a node is a holder process with its own hostname and
/// network namespace (eth0 172.18.0.(index+2) on the cluster bridge kt0, bridge cni0 for its pods).
/// Stopping it SIGKILLs in one pass its holder and every pod process on it, like a VM losing power.
/// Without isolation a node is logical: no network, pods get no IP, stopping it kills the same set.
extension LinuxRuntime {
    /// Node indexes the cluster network has room for (node IPs up to 172.18.0.252).
    public static let nodeIndexes = 0...250

    public func createNode(name: String, index: Int) throws -> NodeInfo {
        let operation = "create node \"\(name)\""
        guard Self.nodeIndexes.contains(index) else {
            throw RuntimeError(operation: operation, stage: "request", errno: EINVAL,
                               detail: "node index \(index) is outside \(Self.nodeIndexes)")
        }
        if let known = nodes.index(of: name), known != index {
            throw RuntimeError(operation: operation, stage: "request", errno: EEXIST,
                               detail: "node \"\(name)\" already has index \(known)")
        }
        return try bringUp(name: name, index: index, operation: operation)
    }

    public func createSandbox(hostname: String, node: String) throws -> Sandbox {
        guard let index = nodes.index(of: node) else {
            throw RuntimeError(operation: "create pod sandbox \"\(hostname)\"", stage: "place pod", errno: ENOENT,
                               detail: "no node named \"\(node)\"")
        }
        return try createSandbox(hostname: hostname, placement: (node, index))
    }

    public func stopNode(_ name: String) {
        guard let index = nodes.index(of: name) else { return }
        _ = try? connection.request("nodestop", [String(index)], operation: "stop node \"\(name)\"")
        nodes.record(NodeInfo.logical(name: name, index: index), index: index)
    }

    public func startNode(_ name: String) throws {
        let operation = "start node \"\(name)\""
        guard let index = nodes.index(of: name) else {
            throw RuntimeError(operation: operation, stage: "request", errno: ENOENT, detail: "no node named \"\(name)\"")
        }
        _ = try bringUp(name: name, index: index, operation: operation)
    }

    /// The node as last created or started (holder nil while stopped).
    public func node(named name: String) -> NodeInfo? { nodes.info(name) }

    private func bringUp(name: String, index: Int, operation: String) throws -> NodeInfo {
        let reply = try connection.request("node", [String(index), name], operation: operation)
        var info = NodeInfo.logical(name: name, index: index)
        switch reply {
        case .ok(let pid, _):
            info.holder = pid
        case .failed(let stage, let errno, let detail):
            throw RuntimeError(operation: operation, stage: stage, errno: errno, detail: detail)
        case .socket(let fd):
            close(fd)
            throw RuntimeError(operation: operation, stage: "reply", errno: EPROTO, detail: "init sent a socket, not a node")
        }
        nodes.record(info, index: index)
        return info
    }
}

/// The nodes a runtime made: init knows them by index, callers by name.
final class NodeTable: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (index: Int, info: NodeInfo)] = [:]

    func index(of name: String) -> Int? { lock.withLock { entries[name]?.index } }
    func info(_ name: String) -> NodeInfo? { lock.withLock { entries[name]?.info } }
    func record(_ info: NodeInfo, index: Int) { lock.withLock { entries[info.name] = (index, info) } }

    /// A node whose holder died (stopped, or killed from outside) shows no holder until started again.
    func holderExited(_ pid: ProcessID) {
        lock.withLock {
            guard let name = entries.first(where: { $0.value.info.holder == pid })?.key else { return }
            entries[name]?.info.holder = nil
        }
    }
}
