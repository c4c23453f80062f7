import Foundation

/// client-go's work queue, reduced: keys added while pending collapse into one, and a key is never
/// processed twice at once. Drains on the cluster queue after the current operation finishes,
/// so watchers never re-enter the store.
final class WorkQueue {
    private let queue: DispatchQueue
    private let handler: (ObjectKey) -> Void
    private var pending: [ObjectKey] = []
    private var pendingSet: Set<ObjectKey> = []
    private var drainScheduled = false

    init(queue: DispatchQueue, handler: @escaping (ObjectKey) -> Void) {
        self.queue = queue
        self.handler = handler
    }

    func add(_ key: ObjectKey) {
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
