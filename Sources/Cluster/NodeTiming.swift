import Foundation

/// The clocks of node failure handling: how often kubelets post status, how long the node lifecycle
/// controller waits before calling a silent node NotReady (node-monitor grace period), and how long
/// new pods tolerate an unreachable/not-ready node before eviction (DefaultTolerationSeconds).
public struct NodeTiming: Equatable, Sendable {
    public var name: String
    public var heartbeat: TimeInterval
    public var grace: TimeInterval
    public var toleration: Int64

    public init(name: String, heartbeat: TimeInterval, grace: TimeInterval, toleration: Int64) {
        self.name = name
        self.heartbeat = heartbeat
        self.grace = grace
        self.toleration = toleration
    }

    /// The teaching clock: a failed node's pods come back elsewhere within seconds.
    public static let fast = NodeTiming(name: "fast", heartbeat: 1, grace: 4, toleration: 4)
    /// Kubernetes' defaults (kubelet nodeStatusUpdateFrequency, --node-monitor-grace-period,
    /// --default-not-ready/unreachable-toleration-seconds).
    public static let real = NodeTiming(name: "real", heartbeat: 10, grace: 50, toleration: 300)

    /// How often an unchanged Node status is written anyway (kubelet's nodeStatusReportFrequency:
    /// 5 minutes for Kubernetes' 10 s heartbeat); liveness itself travels in the lease.
    public var statusReportPeriod: TimeInterval { heartbeat * 30 }

    public static func named(_ name: String) -> NodeTiming? {
        [fast, real].first { $0.name == name }
    }

    /// The Node annotation that shows the timing in `describe node`.
    public static let annotation = "kubetutor.dev/node-timing"

    /// `fast: heartbeat 1s, node-monitor grace 4s, toleration 4s (Kubernetes: 10s, 50s, 300s)`.
    public var summary: String {
        var s = "\(name): heartbeat \(Self.seconds(heartbeat)), node-monitor grace \(Self.seconds(grace)), "
            + "toleration \(toleration)s"
        if self != .real {
            let r = NodeTiming.real
            s += " (Kubernetes: \(Self.seconds(r.heartbeat)), \(Self.seconds(r.grace)), \(r.toleration)s)"
        }
        return s
    }

    static func seconds(_ t: TimeInterval) -> String {
        t == t.rounded() ? "\(Int(t))s" : String(format: "%gs", t)
    }
}
