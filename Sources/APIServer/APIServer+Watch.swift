import Foundation
import KubeAPI
import Cluster

/// A running watch; `stop()` ends it (idempotent, from any thread).
public final class WatchHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var stopAction: (() -> Void)?
    init(stop: @escaping () -> Void) { stopAction = stop }
    public func stop() {
        lock.lock()
        let action = stopAction
        stopAction = nil
        lock.unlock()
        action?()
    }
}

extension APIServer {
    /// Checks what a watch asks for (kind, selectors, version) before a stream opens, so that its
    /// errors are plain replies.
    public func checkWatch(_ resource: ResourceKind, options: ListOptions) throws {
        _ = try watchFilters(resource, options: options)
    }

    func watchFilters(_ resource: ResourceKind, options: ListOptions) throws -> (ResourceDefinition, Selector, FieldSelector) {
        let d = try definition(resource)
        let labels = try parseLabelSelector(options.labelSelector)
        let fields = try FieldSelector.parse(options.fieldSelector)
        try fields.check(d, selectorText: options.fieldSelector)
        if !options.resourceVersion.isEmpty, Int(options.resourceVersion) == nil {
            throw APIError.badRequest("invalid resource version: \(options.resourceVersion)")
        }
        return (d, labels, fields)
    }

    /// Watches a kind: with `resourceVersion` "" or "0", ADDED for every current object first; with a
    /// version, the changes after it. Events arrive on the cluster queue, filtered by namespace and
    /// selectors. An object that stops matching a selector arrives as DELETED, one that starts as ADDED.
    public func watch(_ resource: ResourceKind, namespace: String?, options: ListOptions = ListOptions(),
                      _ handler: @escaping (WatchEventType, APIObject) -> Void) throws -> WatchHandle {
        let (d, labels, fields) = try watchFilters(resource, options: options)
        let ns = resource.namespaced ? namespace : nil
        let matches: (APIObject) -> Bool = { o in
            (ns == nil || o.metadata.namespace == ns) && labels.matches(o.metadata.labels) && fields.matches(o, d)
        }
        return try cluster.sync {
            var from: Int
            if options.resourceVersion.isEmpty || options.resourceVersion == "0" {
                from = cluster.currentRevision
                for o in d.list(cluster, ns) where matches(o) { handler(.added, o) }
            } else if let rv = Int(options.resourceVersion) {
                from = rv
            } else {
                throw APIError.badRequest("invalid resource version: \(options.resourceVersion)")
            }
            // Names matching now, so that live changes which leave the selection arrive as DELETED.
            var seen: Set<String> = []
            for o in d.list(cluster, ns) where matches(o) { seen.insert(Self.listKey(o)) }
            var live = false
            let id = try watchCache.watch(resource, after: from) { change in
                guard live else {
                    // Replayed history: each change as it happened.
                    if matches(change.object) { handler(change.type, change.object) }
                    return
                }
                let key = Self.listKey(change.object)
                let before = seen.contains(key)
                if change.type != .deleted && matches(change.object) {
                    seen.insert(key)
                    handler(before ? .modified : .added, change.object)
                } else if before {
                    seen.remove(key)
                    handler(.deleted, change.object)
                }
            }
            live = true
            let cache = watchCache
            let cluster = self.cluster
            return WatchHandle { cluster.queue.async { cache.cancel(id) } }
        }
    }
}
