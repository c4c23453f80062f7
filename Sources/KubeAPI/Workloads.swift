import Foundation

public struct RollingUpdateDeployment: Equatable, Sendable {
    public var maxUnavailable: IntOrString = .string("25%")
    public var maxSurge: IntOrString = .string("25%")
    public init() {}
}

public struct DeploymentStrategy: Equatable, Sendable {
    /// "RollingUpdate" (default) or "Recreate".
    public var type: String = "RollingUpdate"
    /// Set only for RollingUpdate (defaulted there); nil for Recreate.
    public var rollingUpdate: RollingUpdateDeployment? = RollingUpdateDeployment()
    public init() {}
}

public struct DeploymentSpec: Equatable, Sendable {
    public var replicas: Int = 1
    public var selector: LabelSelector? = nil
    public var template = PodTemplateSpec()
    public var strategy = DeploymentStrategy()
    public var minReadySeconds: Int = 0
    public var revisionHistoryLimit: Int = 10
    public var progressDeadlineSeconds: Int = 600
    public var paused: Bool = false
    public init() {}
}

public struct DeploymentCondition: Equatable, Sendable {
    /// Available, Progressing, ReplicaFailure.
    public var type: String
    public var status: String
    public var lastUpdateTime: Date? = nil
    public var lastTransitionTime: Date? = nil
    public var reason: String? = nil
    public var message: String? = nil
    public init(type: String, status: String) {
        self.type = type
        self.status = status
    }
}

public struct DeploymentStatus: Equatable, Sendable {
    public var observedGeneration: Int64 = 0
    public var replicas: Int = 0
    public var updatedReplicas: Int = 0
    public var readyReplicas: Int = 0
    public var availableReplicas: Int = 0
    public var unavailableReplicas: Int = 0
    public var conditions: [DeploymentCondition] = []
    public init() {}
}

public struct Deployment: Equatable, Sendable {
    public static let apiVersion = "apps/v1"
    public static let kind = "Deployment"
    public var metadata = ObjectMeta()
    public var spec = DeploymentSpec()
    public var status = DeploymentStatus()
    public init() {}
}

public struct ReplicaSetSpec: Equatable, Sendable {
    public var replicas: Int = 1
    public var minReadySeconds: Int = 0
    public var selector: LabelSelector? = nil
    public var template = PodTemplateSpec()
    public init() {}
}

public struct ReplicaSetStatus: Equatable, Sendable {
    public var replicas: Int = 0
    public var fullyLabeledReplicas: Int = 0
    public var readyReplicas: Int = 0
    public var availableReplicas: Int = 0
    public var observedGeneration: Int64 = 0
    public init() {}
}

public struct ReplicaSet: Equatable, Sendable {
    public static let apiVersion = "apps/v1"
    public static let kind = "ReplicaSet"
    public var metadata = ObjectMeta()
    public var spec = ReplicaSetSpec()
    public var status = ReplicaSetStatus()
    public init() {}
}
