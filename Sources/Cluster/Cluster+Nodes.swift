import Foundation
import KubeAPI
import Runtime

/// Why a node operation was refused or failed.
public enum NodeOperationError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case alreadyStopped(String)
    case alreadyRunning(String)
    case runtime(node: String, detail: String)

    public var description: String {
        switch self {
        case .notFound(let n): return "no node named \"\(n)\""
        case .alreadyStopped(let n): return "node \(n) is already stopped"
        case .alreadyRunning(let n): return "node \(n) is already running"
        case .runtime(let n, let detail): return "node \(n): \(detail)"
        }
    }
}

/// Node operations: power (a simulated VM failure), cordon, eviction and the timing in force.
/// Call on the cluster queue (e.g. inside `sync`).
extension Cluster {
    /// Simulates a VM failure: every process of the node dies at once and its kubelet stops
    /// posting status and syncing pods. The node lifecycle controller notices after the grace period.
    public func stopNode(_ name: String) throws {
        guard let kubelet = kubelets[name] else { throw NodeOperationError.notFound(name) }
        guard !kubelet.stopped else { throw NodeOperationError.alreadyStopped(name) }
        kubelet.stop()
        runtime.stopNode(name)
    }

    /// Powers a stopped node on again: same node IP and pod CIDR; its kubelet posts status at once,
    /// finalizes the pods deleted while it was away and restarts the others.
    public func startNode(_ name: String) throws {
        guard let kubelet = kubelets[name] else { throw NodeOperationError.notFound(name) }
        guard kubelet.stopped else { throw NodeOperationError.alreadyRunning(name) }
        do {
            try runtime.startNode(name)
        } catch {
            throw NodeOperationError.runtime(node: name, detail: "\(error)")
        }
        for (pid, owner) in processOwners { if case .node(name) = owner { processOwners[pid] = nil } }
        if let holder = (runtime as? NodeHolders)?.nodeHolder(name) { processOwners[holder] = .node(name) }
        kubelet.start()
    }

    /// Whether a node is powered off (`stopNode`).
    public func isNodeStopped(_ name: String) -> Bool { kubelets[name]?.stopped ?? false }

    /// Switches heartbeat, grace and toleration. Existing pods keep the tolerationSeconds they
    /// were admitted with; new pods get the new one.
    public func setTiming(_ timing: NodeTiming) {
        guard timing != self.timing else { return }
        self.timing = timing
        for node in nodes.list() {
            _ = try? nodes.update(node.key) { $0.metadata.annotations[NodeTiming.annotation] = timing.summary }
        }
        nodeLifecycle?.timingChanged()
        // Restart the heartbeat loops so the new period applies from now on.
        for kubelet in kubelets.values where !kubelet.stopped { kubelet.startHeartbeats() }
    }

    /// Marks a node (un)schedulable, as `kubectl cordon`/`uncordon`; false when it already was.
    @discardableResult
    public func setUnschedulable(_ name: String, _ value: Bool) throws -> Bool {
        let key = ObjectKey(namespace: "", name: name)
        guard let node = nodes.get(key) else { throw StoreError.notFound(kind: Node.kind, key: key) }
        guard node.spec.unschedulable != value else { return false }
        try nodes.update(key) { $0.spec.unschedulable = value }
        return true
    }

    /// The Eviction API without disruption budgets: a graceful delete with the pod's own grace period.
    public func evictPod(_ key: ObjectKey) throws {
        try deletePod(key)
    }

    /// Pods bound to a node, sorted by namespace and name.
    public func pods(onNode name: String) -> [Pod] {
        pods.list { $0.spec.nodeName == name }
    }
}

/// A runtime that can say which process holds a node (the real one can), so the cluster notices
/// when that holder dies.
public protocol NodeHolders: AnyObject {
    func nodeHolder(_ name: String) -> ProcessID?
}

extension LinuxRuntime: NodeHolders {
    public func nodeHolder(_ name: String) -> ProcessID? { node(named: name)?.holder }
}

extension Cluster {
    /// When a node's kubelet last renewed its lease (`describe node`'s RenewTime).
    public func leaseRenewTime(of node: String) -> Date? { nodeLifecycle?.renewTime(of: node) }
}
