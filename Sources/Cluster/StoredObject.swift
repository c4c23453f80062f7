import KubeAPI

/// An API object the store can hold: it has metadata and a kind.
public protocol StoredObject: Equatable {
    static var kind: String { get }
    static var apiVersion: String { get }
    var metadata: ObjectMeta { get set }
}

extension Pod: StoredObject {}
extension Deployment: StoredObject {}
extension ReplicaSet: StoredObject {}
extension Event: StoredObject {}
extension Node: StoredObject {}

/// Namespace + name, the identity of an object of one kind.
public struct ObjectKey: Hashable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

extension StoredObject {
    public var key: ObjectKey { ObjectKey(namespace: metadata.namespace ?? "", name: metadata.name) }
}
