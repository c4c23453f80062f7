import Foundation
import KubeAPI

/// A watch event, as the Kubernetes API sends them.
public enum WatchEvent<T: StoredObject> {
    case added(T)
    case modified(T)
    case deleted(T)

    public var object: T {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o
        }
    }
}

/// Hands out cluster-wide increasing resourceVersions (etcd's revision).
public final class RevisionCounter {
    private var value: Int = 0
    public init() {}
    /// The latest revision handed out (moves on every write to any store).
    var current: Int { value }
    func next() -> String {
        value += 1
        return String(value)
    }
}

public enum StoreError: Error, Equatable {
    case alreadyExists(kind: String, key: ObjectKey)
    case notFound(kind: String, key: ObjectKey)
    case conflict(kind: String, key: ObjectKey)
}

/// Objects of one kind, keyed by namespace/name, with resourceVersion and watchers.
/// Not thread-safe: it lives on the cluster's queue, and watchers run there, synchronously.
public final class ObjectStore<T: StoredObject> {
    public typealias Watcher = (WatchEvent<T>) -> Void
    private var objects: [ObjectKey: T] = [:]
    /// The keys in list order, rebuilt after a create or delete (not on updates, the common write).
    private var orderedKeys: [ObjectKey]?
    private var watchers: [Int: Watcher] = [:]
    private var nextWatcher = 0
    private let revisions: RevisionCounter
    private let clock: Clock

    init(revisions: RevisionCounter, clock: Clock) {
        self.revisions = revisions
        self.clock = clock
    }

    public func get(_ key: ObjectKey) -> T? { objects[key] }

    /// All objects, sorted by namespace and name (as the API server lists them).
    public func list(namespace: String? = nil, where include: (T) -> Bool = { _ in true }) -> [T] {
        // Filtering and sorting the keys rather than the objects: each object is copied once.
        let keys = orderedKeys ?? objects.keys.sorted()
        orderedKeys = keys
        var out: [T] = []
        for key in keys where namespace == nil || key.namespace == namespace {
            if let o = objects[key], include(o) { out.append(o) }
        }
        return out
    }

    public var count: Int { objects.count }

    /// Stores a new object: sets uid, resourceVersion, creationTimestamp, generation (1 for kinds that
    /// track it, whatever the client sent).
    @discardableResult
    public func create(_ object: T) throws -> T {
        var o = object
        guard objects[o.key] == nil else { throw StoreError.alreadyExists(kind: T.kind, key: o.key) }
        if T.tracksGeneration { o.metadata.generation = 1 }
        if o.metadata.uid.isEmpty { o.metadata.uid = UUID().uuidString.lowercased() }
        if o.metadata.creationTimestamp == nil { o.metadata.creationTimestamp = clock.now.truncatedToSeconds }
        o.metadata.resourceVersion = revisions.next()
        objects[o.key] = o
        orderedKeys = nil
        notify(.added(o))
        return o
    }

    /// Replaces an object. `mutate` gets the current one; returning without changes writes nothing.
    /// A spec change bumps `metadata.generation` unless `mutate` already moved it (as apply does).
    @discardableResult
    public func update(_ key: ObjectKey, _ mutate: (inout T) throws -> Void) throws -> T {
        guard let old = objects[key] else { throw StoreError.notFound(kind: T.kind, key: key) }
        var o = old
        try mutate(&o)
        if o == old { return old }
        if T.tracksGeneration, o.metadata.generation == old.metadata.generation, T.specChanged(from: old, to: o) {
            o.metadata.generation = (old.metadata.generation ?? 0) + 1
        }
        o.metadata.resourceVersion = revisions.next()
        objects[key] = o
        notify(.modified(o))
        return o
    }

    /// Removes an object for good (after finalization/grace).
    @discardableResult
    public func remove(_ key: ObjectKey) -> T? {
        guard var o = objects.removeValue(forKey: key) else { return nil }
        orderedKeys = nil
        o.metadata.resourceVersion = revisions.next()
        notify(.deleted(o))
        return o
    }

    /// Registers a watcher; returns a token for `unwatch`.
    @discardableResult
    public func watch(_ watcher: @escaping Watcher) -> Int {
        nextWatcher += 1
        watchers[nextWatcher] = watcher
        return nextWatcher
    }

    public func unwatch(_ token: Int) { watchers[token] = nil }

    private func notify(_ event: WatchEvent<T>) {
        for id in watchers.keys.sorted() { watchers[id]?(event) }
    }
}

extension Date {
    /// Kubernetes timestamps have whole seconds (metav1.Time serialises RFC3339 without fractions).
    public var truncatedToSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
