import KubeAPI

/// An API object the store can hold: it has metadata and a kind.
public protocol StoredObject: Equatable {
    static var kind: String { get }
    static var apiVersion: String { get }
    var metadata: ObjectMeta { get set }
    /// Whether `metadata.generation` counts spec changes, as the API server does for workload kinds.
    static var tracksGeneration: Bool { get }
    /// True when `new` differs from `old` in its spec (only asked when `tracksGeneration`).
    static func specChanged(from old: Self, to new: Self) -> Bool
}

extension StoredObject {
    public static var tracksGeneration: Bool { false }
    public static func specChanged(from old: Self, to new: Self) -> Bool { false }
}

extension Pod: StoredObject {}
extension Event: StoredObject {}
extension Node: StoredObject {}
extension Namespace: StoredObject {}

extension Deployment: StoredObject {
    public static var tracksGeneration: Bool { true }
    public static func specChanged(from old: Deployment, to new: Deployment) -> Bool { old.spec != new.spec }
}

extension ReplicaSet: StoredObject {
    public static var tracksGeneration: Bool { true }
    public static func specChanged(from old: ReplicaSet, to new: ReplicaSet) -> Bool { old.spec != new.spec }
}

extension DaemonSet: StoredObject {
    public static var tracksGeneration: Bool { true }
    public static func specChanged(from old: DaemonSet, to new: DaemonSet) -> Bool { old.spec != new.spec }
}

extension StatefulSet: StoredObject {
    public static var tracksGeneration: Bool { true }
    public static func specChanged(from old: StatefulSet, to new: StatefulSet) -> Bool { old.spec != new.spec }
}

/// Namespace + name, the identity of an object of one kind.
public struct ObjectKey: Hashable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
    /// etcd's order, in which kube-apiserver lists: the bytes of `namespace/name`.
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        if a.namespace == b.namespace { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        return (a.namespace + "/" + a.name).utf8.lexicographicallyPrecedes((b.namespace + "/" + b.name).utf8)
    }
    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

extension StoredObject {
    public var key: ObjectKey { ObjectKey(namespace: metadata.namespace ?? "", name: metadata.name) }
}
