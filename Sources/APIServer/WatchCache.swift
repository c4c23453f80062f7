import Foundation
import KubeAPI
import Cluster

/// The API server's watch cache: the recent changes of every kind, so that a watch can start from a
/// resourceVersion a list returned, and the live changes fanned out to watchers with their filters.
/// Lives on the cluster queue.
final class WatchCache {
    struct Change {
        var revision: Int
        var type: WatchEventType
        var object: APIObject
    }

    /// Changes kept per kind (at least this many); a watch from an older version gets 410 Expired.
    static let capacity = 1_000
    /// The history is trimmed back to `capacity` when it grows past this.
    static let trimmedAt = capacity + capacity / 4
    private var changes: [ResourceKind: [Change]] = [:]
    /// The oldest revision each kind's history still covers.
    private var coveredFrom: [ResourceKind: Int] = [:]
    private var watchers: [Int: (ResourceKind, (Change) -> Void)] = [:]
    private var nextID = 0
    /// Called after every change on the queue (foreground deletion, namespace lifecycle).
    var afterChange: [(ResourceKind, WatchEventType, APIObject) -> Void] = []

    init(cluster: Cluster, registry: ResourceRegistry) {
        cluster.sync {
            for d in registry.definitions {
                let resource = d.resource
                coveredFrom[resource] = cluster.currentRevision
                _ = d.watch(cluster) { [weak self] type, object in self?.record(resource, type, object) }
            }
        }
    }

    private func record(_ resource: ResourceKind, _ type: WatchEventType, _ object: APIObject) {
        let change = Change(revision: Int(object.metadata.resourceVersion) ?? 0, type: type, object: object)
        // Appended in place (no copy of the history per change); trimmed back to `capacity` a
        // quarter at a time, so that dropping old changes costs O(1) per change.
        changes[resource, default: []].append(change)
        if let count = changes[resource]?.count, count > Self.trimmedAt {
            let dropped = count - Self.capacity
            coveredFrom[resource] = changes[resource]?[dropped - 1].revision
            changes[resource]?.removeFirst(dropped)
        }
        for id in watchers.keys.sorted() {
            if let (r, deliver) = watchers[id], r == resource { deliver(change) }
        }
        for hook in afterChange { hook(resource, type, object) }
    }

    /// Replays the changes after `revision`, then delivers live ones until `cancel`. Throws 410 when
    /// the history no longer reaches back that far.
    func watch(_ resource: ResourceKind, after revision: Int, deliver: @escaping (Change) -> Void) throws -> Int {
        let oldest = coveredFrom[resource] ?? 0
        if revision < oldest {
            throw APIError.gone("too old resource version: \(revision) (\(oldest))")
        }
        for change in changes[resource, default: []] where change.revision > revision { deliver(change) }
        nextID += 1
        watchers[nextID] = (resource, deliver)
        return nextID
    }

    func cancel(_ id: Int) { watchers[id] = nil }
}
