import Foundation

public struct RollingUpdateStatefulSetStrategy: Equatable, Sendable {
    /// Pods with an ordinal below the partition keep the old revision.
    public var partition: Int = 0
    public init() {}
}

public struct StatefulSetUpdateStrategy: Equatable, Sendable {
    /// "RollingUpdate" (default) or "OnDelete".
    public var type: String = "RollingUpdate"
    public var rollingUpdate: RollingUpdateStatefulSetStrategy? = RollingUpdateStatefulSetStrategy()
    public init() {}
}

/// What happens to volume claims when the set is deleted or scaled down ("Retain" or "Delete").
public struct StatefulSetPersistentVolumeClaimRetentionPolicy: Equatable, Sendable {
    public var whenDeleted: String = "Retain"
    public var whenScaled: String = "Retain"
    public init() {}
}

public struct StatefulSetSpec: Equatable, Sendable {
    public var replicas: Int = 1
    public var selector: LabelSelector? = nil
    public var template = PodTemplateSpec()
    /// The headless Service giving pods stable DNS names (`web-0.<serviceName>`).
    public var serviceName: String = ""
    /// "OrderedReady" (default) or "Parallel".
    public var podManagementPolicy: String = "OrderedReady"
    public var updateStrategy = StatefulSetUpdateStrategy()
    public var revisionHistoryLimit: Int = 10
    public var minReadySeconds: Int = 0
    public var persistentVolumeClaimRetentionPolicy = StatefulSetPersistentVolumeClaimRetentionPolicy()
    public init() {}
}

public struct StatefulSetStatus: Equatable, Sendable {
    public var observedGeneration: Int64 = 0
    public var replicas: Int = 0
    public var readyReplicas: Int = 0
    public var currentReplicas: Int = 0
    public var updatedReplicas: Int = 0
    public var currentRevision: String = ""
    public var updateRevision: String = ""
    public var collisionCount: Int = 0
    public var availableReplicas: Int = 0
    public init() {}
}

/// An apps/v1 StatefulSet: pods with stable ordinal names (`web-0`, `web-1`, …) started in order.
public struct StatefulSet: Equatable, Sendable {
    public static let apiVersion = "apps/v1"
    public static let kind = "StatefulSet"
    public var metadata = ObjectMeta()
    public var spec = StatefulSetSpec()
    public var status = StatefulSetStatus()
    public init() {}
}
