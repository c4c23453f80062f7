import Foundation

/// client-go's work queue, reduced: keys added while pending collapse into one, and a key is never
/// processed twice at once. Drains on the cluster queue after the current operation finishes,
/// so watchers never re-enter the store: a watcher only adds keys, the handler does the work.
final class WorkQueue<Key: Hashable> {
    private let queue: DispatchQueue
    private let handler: (Key) -> Void
    private var pending: [Key] = []
    private var pendingSet: Set<Key> = []
    private var drainScheduled = false

    init(queue: DispatchQueue, handler: @escaping (Key) -> Void) {
        self.queue = queue
        self.handler = handler
    }

    func add(_ key: Key) {
        guard pendingSet.insert(key).inserted else { return }
        pending.append(key)
        if !drainScheduled {
            drainScheduled = true
            queue.async { [weak self] in self?.drain() }
        }
    }

    private func drain() {
        drainScheduled = false
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            pendingSet.removeAll()
            for key in batch { handler(key) }
        }
    }
}
