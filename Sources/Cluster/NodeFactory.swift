import Foundation
import KubeAPI
import Runtime

/// The nodes the teaching cluster boots with (kind-like names and addresses).
enum NodeFactory {
    /// A Ready node with the addresses the runtime gave it (`info`), showing `timing` in an annotation.
    static func make(_ info: NodeInfo, controlPlane: Bool, timing: NodeTiming, now: Date) -> Node {
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
        node.status.capacity = ["cpu": "2", "ephemeral-storage": "61202244Ki", "memory": "8123456Ki", "pods": "110"]
        node.status.allocatable = node.status.capacity
        node.status.addresses = [NodeAddress(type: "InternalIP", address: info.internalIP),
                                 NodeAddress(type: "Hostname", address: name)]
        var ready = NodeCondition(type: "Ready", status: "True")
        ready.reason = "KubeletReady"
        ready.message = "kubelet is posting ready status"
        ready.lastHeartbeatTime = now.truncatedToSeconds
        ready.lastTransitionTime = now.truncatedToSeconds
        node.status.conditions = [ready]
        node.status.nodeInfo.osImage = "kubetutor (Linux namespaces)"
        node.status.nodeInfo.kernelVersion = ProcessInfo.processInfo.operatingSystemVersionString
        node.status.nodeInfo.containerRuntimeVersion = "kubetutor://0.1.0"
        return node
    }
}
