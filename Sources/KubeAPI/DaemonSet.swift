import Foundation

public struct RollingUpdateDaemonSet: Equatable, Sendable {
    public var maxUnavailable: IntOrString = .int(1)
    public var maxSurge: IntOrString = .int(0)
    public init() {}
}

public struct DaemonSetUpdateStrategy: Equatable, Sendable {
    /// "RollingUpdate" (default) or "OnDelete".
    public var type: String = "RollingUpdate"
    /// Set only for RollingUpdate (defaulted there).
    public var rollingUpdate: RollingUpdateDaemonSet? = RollingUpdateDaemonSet()
    public init() {}
}

public struct DaemonSetSpec: Equatable, Sendable {
    public var selector: LabelSelector? = nil
    public var template = PodTemplateSpec()
    public var updateStrategy = DaemonSetUpdateStrategy()
    public var minReadySeconds: Int = 0
    public var revisionHistoryLimit: Int = 10
    public init() {}
}

public struct DaemonSetStatus: Equatable, Sendable {
    public var currentNumberScheduled: Int = 0
    public var numberMisscheduled: Int = 0
    public var desiredNumberScheduled: Int = 0
    public var numberReady: Int = 0
    public var observedGeneration: Int64 = 0
    public var updatedNumberScheduled: Int = 0
    public var numberAvailable: Int = 0
    public var numberUnavailable: Int = 0
    public init() {}
}

/// An apps/v1 DaemonSet: one pod per (eligible) node.
public struct DaemonSet: Equatable, Sendable {
    public static let apiVersion = "apps/v1"
    public static let kind = "DaemonSet"
    public var metadata = ObjectMeta()
    public var spec = DaemonSetSpec()
    public var status = DaemonSetStatus()
    public init() {}
}
