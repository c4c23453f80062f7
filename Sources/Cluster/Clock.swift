import Foundation

/// Time as the cluster sees it. Controllers and the kubelet read `now` and schedule timers through this,
/// so tests can step time (backoff, grace periods, node timeouts) without sleeping.
public protocol Clock: AnyObject {
    var now: Date { get }
    /// Runs `action` on `queue` once `seconds` have passed on this clock.
    func schedule(after seconds: TimeInterval, on queue: DispatchQueue, _ action: @escaping () -> Void)
}

/// The real clock: wall time and `DispatchQueue.asyncAfter`.
public final class SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
    public func schedule(after seconds: TimeInterval, on queue: DispatchQueue, _ action: @escaping () -> Void) {
        let job = QueueJob(action)
        queue.asyncAfter(deadline: .now() + max(0, seconds)) { job.run() }
    }
}

/// A closure handed to the cluster's serial queue. The cluster's state is confined to that queue,
/// so what its timers and deferred work capture is only ever touched there.
struct QueueJob: @unchecked Sendable {
    private let action: () -> Void
    init(_ action: @escaping () -> Void) { self.action = action }
    func run() { action() }
}

/// A clock that only moves when a test calls `advance(by:)`; due timers then run in time order.
public final class ManualClock: Clock {
    private struct Timer {
        var due: Date
        var order: Int
        var queue: DispatchQueue
        var action: () -> Void
    }
    private let lock = NSLock()
    private var current: Date
    private var timers: [Timer] = []
    private var counter = 0

    public init(start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = start }

    public var now: Date { lock.lock(); defer { lock.unlock() }; return current }

    public func schedule(after seconds: TimeInterval, on queue: DispatchQueue, _ action: @escaping () -> Void) {
        lock.lock()
        counter += 1
        timers.append(Timer(due: current.addingTimeInterval(max(0, seconds)), order: counter, queue: queue, action: action))
        lock.unlock()
    }

    /// Moves time forward, running every timer that falls due (each on its queue, synchronously).
    public func advance(by seconds: TimeInterval) {
        let target = now.addingTimeInterval(seconds)
        while true {
            lock.lock()
            let due = timers.enumerated()
                .filter { $0.element.due <= target }
                .min { ($0.element.due, $0.element.order) < ($1.element.due, $1.element.order) }
            guard let (index, timer) = due else {
                current = target
                lock.unlock()
                return
            }
            timers.remove(at: index)
            if timer.due > current { current = timer.due }
            lock.unlock()
            timer.queue.sync(execute: timer.action)
        }
    }

    /// Timers not yet due (for assertions).
    public var pendingTimers: Int { lock.lock(); defer { lock.unlock() }; return timers.count }
}
