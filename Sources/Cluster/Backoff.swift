import Foundation

/// Kubernetes' restart and image-pull backoff: 10 s doubling to 5 min; a container that ran
/// for 10 minutes starts over (kubelet's `backOffPeriod` / `MaxContainerBackOff`).
public struct Backoff: Equatable {
    public static let initial: TimeInterval = 10
    public static let maximum: TimeInterval = 300
    public static let resetAfter: TimeInterval = 600

    /// The delay the next failure will wait; 0 until the first failure.
    public private(set) var current: TimeInterval = 0

    public init() {}

    /// Records a failure and returns how long to wait before retrying: 0 for the first failure
    /// (the kubelet restarts at once), then 10 s, 20 s, … 300 s.
    public mutating func next(ranFor: TimeInterval = 0) -> TimeInterval {
        if ranFor >= Backoff.resetAfter { current = 0 }
        let wait = current
        current = current == 0 ? Backoff.initial : min(current * 2, Backoff.maximum)
        return wait
    }

    /// Like `next`, but the first failure already waits `initial` (image pulls back off at once).
    public mutating func nextPull() -> TimeInterval {
        current = current == 0 ? Backoff.initial : min(current * 2, Backoff.maximum)
        return current
    }

    public mutating func reset() { current = 0 }
}
