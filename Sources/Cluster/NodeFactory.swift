import Foundation
import KubeAPI
import Runtime

/// The nodes the teaching cluster boots with (kind-like names and addresses).
enum NodeFactory {
    /// A Ready node with the addresses the runtime gave it (`info`), showing `timing` in an annotation.
    static func make(_ info: NodeInfo, controlPlane: Bool, timing: NodeTiming, now: Date,
                     share: MachineShare = MachineShare(nodes: 3)) -> Node {
        let name = info.name
        var node = Node()
        node.metadata.name = name
        node.metadata.annotations = [NodeTiming.annotation: timing.summary]
        node.metadata.creationTimestamp = now.truncatedToSeconds
        node.metadata.labels = [
            "beta.kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            "kubernetes.io/hostname": name,
            "kubernetes.io/os": "linux",
        ]
        if controlPlane {
            node.metadata.labels["node-role.kubernetes.io/control-plane"] = ""
            node.spec.taints = [Taint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")]
        }
        node.spec.podCIDR = info.podCIDR
        node.spec.podCIDRs = [info.podCIDR]
        node.status.capacity = ["cpu": Quantity.cpu(milli: share.cpuMilli), "ephemeral-storage": "61202244Ki",
                                 "memory": "\(share.memoryBytes / 1024)Ki", "pods": "110"]
        node.status.allocatable = node.status.capacity
        node.status.addresses = [NodeAddress(type: "InternalIP", address: info.internalIP),
                                 NodeAddress(type: "Hostname", address: name)]
        node.status.conditions = conditions(previous: [], now: now.truncatedToSeconds)
        node.status.nodeInfo.osImage = "kubetutor (Linux namespaces)"
        node.status.nodeInfo.kernelVersion = kernelRelease
        node.status.nodeInfo.containerRuntimeVersion = "kubetutor://0.1.0"
        return node
    }

    /// The conditions a healthy kubelet posts, in its order: the three pressures (kubetutor's
    /// nodes have none) and Ready. Transition times move only when a status changes.
    static func conditions(previous: [NodeCondition], now: Date) -> [NodeCondition] {
        let posted: [(String, String, String, String)] = [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
        return posted.map { type, status, reason, message in
            var c = NodeCondition(type: type, status: status)
            c.reason = reason
            c.message = message
            c.lastHeartbeatTime = now
            let old = previous.first { $0.type == type }
            c.lastTransitionTime = old?.status == status ? old?.lastTransitionTime : now
            return c
        }
    }

    /// The running kernel's release (`uname -r`), as the kubelet reports it.
    static let kernelRelease: String = {
        var u = utsname()
        uname(&u)
        return withUnsafeBytes(of: &u.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }()
}

/// A node's share of this machine: its CPUs and memory split evenly over the workers (a kind
/// cluster gives every node the whole machine; dividing keeps the scheduler's arithmetic honest).
struct MachineShare: Equatable {
    var cpuMilli: Int64
    var memoryBytes: Int64

    init(cpuMilli: Int64, memoryBytes: Int64) {
        self.cpuMilli = cpuMilli
        self.memoryBytes = memoryBytes
    }

    init(nodes workers: Int) {
        let cores = Int64(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let memory = Self.memTotal() ?? (8 << 30)
        let n = Int64(max(1, workers))
        // Whole cores when they divide evenly, else millicores; memory in whole KiB.
        cpuMilli = max(100, cores * 1000 / n)
        memoryBytes = max(64 << 20, memory / n / 1024 * 1024)
    }

    static func memTotal() -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
            return kb.map { $0 * 1024 }
        }
        return nil
    }
}
