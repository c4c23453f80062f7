import Foundation
import KubeAPI

/// The nodes the teaching cluster boots with (kind-like names and addresses).
enum NodeFactory {
    static func make(name: String, index: Int, controlPlane: Bool, now: Date) -> Node {
        var node = Node()
        node.metadata.name = name
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
        node.spec.podCIDR = "10.244.\(index).0/24"
        node.spec.podCIDRs = ["10.244.\(index).0/24"]
        node.status.capacity = ["cpu": "2", "ephemeral-storage": "61202244Ki", "memory": "8123456Ki", "pods": "110"]
        node.status.allocatable = node.status.capacity
        node.status.addresses = [NodeAddress(type: "InternalIP", address: "172.18.0.\(index + 2)"),
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
