import Foundation

public struct Taint: Equatable, Sendable {
    public var key: String
    public var value: String? = nil
    /// NoSchedule, PreferNoSchedule, NoExecute.
    public var effect: String
    public var timeAdded: Date? = nil
    public init(key: String, value: String? = nil, effect: String, timeAdded: Date? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }
}

public struct NodeSpec: Equatable, Sendable {
    public var podCIDR: String? = nil
    public var podCIDRs: [String] = []
    public var taints: [Taint] = []
    public var unschedulable: Bool = false
    public init() {}
}

public struct NodeCondition: Equatable, Sendable {
    /// Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.
    public var type: String
    public var status: String
    public var lastHeartbeatTime: Date? = nil
    public var lastTransitionTime: Date? = nil
    public var reason: String? = nil
    public var message: String? = nil
    public init(type: String, status: String) {
        self.type = type
        self.status = status
    }
}

public struct NodeAddress: Equatable, Sendable {
    /// InternalIP, Hostname.
    public var type: String
    public var address: String
    public init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}

public struct NodeSystemInfo: Equatable, Sendable {
    public var machineID: String = ""
    public var kernelVersion: String = ""
    public var osImage: String = ""
    public var containerRuntimeVersion: String = ""
    public var kubeletVersion: String = "v1.32.0"
    public var kubeProxyVersion: String = "v1.32.0"
    public var operatingSystem: String = "linux"
    public var architecture: String = "amd64"
    public init() {}
}

public struct NodeStatus: Equatable, Sendable {
    public var capacity: [String: String] = [:]
    public var allocatable: [String: String] = [:]
    public var conditions: [NodeCondition] = []
    public var addresses: [NodeAddress] = []
    public var nodeInfo = NodeSystemInfo()
    public init() {}
}

public struct Node: Equatable, Sendable {
    public static let apiVersion = "v1"
    public static let kind = "Node"
    public var metadata = ObjectMeta()
    public var spec = NodeSpec()
    public var status = NodeStatus()
    public init() {}
}
