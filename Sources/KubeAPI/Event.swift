import Foundation

public struct EventSource: Equatable, Sendable {
    public var component: String? = nil
    public var host: String? = nil
    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// A core/v1 Event ("Normal Scheduled ... Successfully assigned default/x to worker-1").
public struct Event: Equatable, Sendable {
    public static let apiVersion = "v1"
    public static let kind = "Event"
    public var metadata = ObjectMeta()
    public var involvedObject = ObjectReference()
    public var reason: String = ""
    public var message: String = ""
    public var source = EventSource()
    public var firstTimestamp: Date? = nil
    public var lastTimestamp: Date? = nil
    public var count: Int = 1
    /// "Normal" or "Warning".
    public var type: String = "Normal"
    public var reportingComponent: String = ""
    public var reportingInstance: String = ""
    public init() {}
}
