import Foundation
import KubeAPI
import Cluster

/// Everything kind-specific the API layer needs, declared once per kind (kube-apiserver's
/// `pkg/registry/<group>/<resource>`): names and scope (`resource`), discovery facts, where the
/// objects are stored, the strategy, printer columns and selectable fields. The generic verbs live in
/// `APIServer`; nothing else switches over kinds.
public struct ResourceDefinition: @unchecked Sendable {
    public let resource: ResourceKind
    /// Discovery categories (`all` makes `kubectl get all` include the kind).
    public let categories: [String]
    /// The verbs discovery lists for the kind.
    public let verbs: [String]
    /// Subresources served beside the main resource (`status`, `scale`, `log` …).
    public let subresources: [String]
    public let strategy: Strategy

    // The store, type-erased. Call on the cluster queue.
    let list: (Cluster, String?) -> [APIObject]
    let get: (Cluster, ObjectKey) -> APIObject?
    let insert: (Cluster, APIObject) throws -> APIObject
    /// Writes `new` over the stored object as it is (the strategy has already prepared it).
    let replace: (Cluster, APIObject) throws -> APIObject
    /// Starts deletion; returns the object when it stays for a while (graceful), nil when it is gone.
    let remove: (Cluster, ObjectKey, Int64?) throws -> APIObject?
    let watch: (Cluster, @escaping (WatchEventType, APIObject) -> Void) -> () -> Void
    /// The rows `kubectl get` prints (the server's Table), for objects of this kind.
    public let table: ([APIObject], Date) -> ResourceTable
    /// The Table's column definitions (kube-apiserver's TableColumnDefinition).
    public var tableColumns: [TableColumn] {
        table([], Date()).columns.map { column in
            TableColumn(name: column.name, type: "string", format: column.name == "Name" ? "name" : "",
                        description: Self.columnDescriptions[column.name] ?? column.name, wideOnly: column.wideOnly)
        }
    }

    static let columnDescriptions: [String: String] = [
        "Name": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
        "Age": "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    ]

    /// Field selector keys beyond `metadata.name` and `metadata.namespace`.
    let fields: [String: (APIObject) -> String]

    /// The field value a field selector compares, nil when the kind does not support the key.
    func field(_ key: String, of object: APIObject) -> String? {
        switch key {
        case "metadata.name": return object.name
        case "metadata.namespace": return object.metadata.namespace ?? ""
        default: return fields[key]?(object)
        }
    }

    /// Field selector keys the kind supports, for the "not a known field selector" error.
    var fieldKeys: [String] { ["metadata.name", "metadata.namespace"] + fields.keys.sorted() }
}

/// One column of a server-side Table.
public struct TableColumn: Equatable, Sendable {
    public var name: String
    public var type: String
    public var format: String
    public var description: String
    /// Priority 1: shown only with `-o wide`.
    public var wideOnly: Bool
}

public enum WatchEventType: String, Sendable {
    case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
}

/// The kind-specific rules of create and update (kube-apiserver's `RESTCreateStrategy`/`RESTUpdateStrategy`).
public struct Strategy: @unchecked Sendable {
    /// Clears what a client may not set on create (status) and fills in defaults.
    var prepareForCreate: (inout APIObject) -> Void
    /// Keeps what an update of the main resource may not change (status) from `old`.
    var prepareForUpdate: (inout APIObject, APIObject) -> Void
    /// For the `status` subresource: takes only the status of `new`, the rest from `old`.
    var prepareForStatusUpdate: ((inout APIObject, APIObject) -> Void)?
    var validate: (APIObject) -> [FieldError]
    var validateUpdate: (APIObject, APIObject) -> [FieldError]
    /// Clients may create objects of this kind (nodes and events are the cluster's own here).
    var clientsMayCreate: Bool
}

extension ResourceDefinition {
    /// A definition over one typed store whose objects carry a status at `status` that only the
    /// cluster (or the `status` subresource) writes.
    static func typed<T: StoredObject, S>(
        _ resource: ResourceKind, categories: [String] = [], subresources: [String] = ["status"],
        store: @escaping (Cluster) -> ObjectStore<T>,
        wrap: @escaping (T) -> APIObject, unwrap: @escaping (APIObject) -> T?,
        status: WritableKeyPath<T, S>?, blankStatus: S,
        table: @escaping ([T], Date) -> ResourceTable,
        fields: [String: (T) -> String] = [:],
        clientsMayCreate: Bool = true,
        create: ((Cluster, T) throws -> T)? = nil,
        delete: ((Cluster, ObjectKey, Int64?) throws -> T?)? = nil
    ) -> ResourceDefinition {
        func retyped(_ f: @escaping (inout T, T) -> Void) -> (inout APIObject, APIObject) -> Void {
            { new, old in
                guard var n = unwrap(new), let o = unwrap(old) else { return }
                f(&n, o)
                new = wrap(n)
            }
        }
        let strategy = Strategy(
            prepareForCreate: { object in
                if let status, var typed = unwrap(object) {
                    typed[keyPath: status] = blankStatus
                    object = wrap(typed)
                }
                setDefaults(&object)
            },
            prepareForUpdate: { new, old in
                if let status { retyped { $0[keyPath: status] = $1[keyPath: status] }(&new, old) }
                setDefaults(&new)
            },
            prepareForStatusUpdate: status.map { status in
                retyped { new, old in
                    var result = old
                    result[keyPath: status] = new[keyPath: status]
                    new = result
                }
            },
            validate: { KubeAPI.validate($0) },
            validateUpdate: { new, old in KubeAPI.validateUpdate(old: old, new: new) },
            clientsMayCreate: clientsMayCreate)
        return ResourceDefinition(
            resource: resource, categories: categories,
            verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            subresources: status == nil ? subresources.filter { $0 != "status" } : subresources, strategy: strategy,
            list: { cluster, ns in store(cluster).list(namespace: resource.namespaced ? ns : nil).map(wrap) },
            get: { cluster, key in store(cluster).get(key).map(wrap) },
            insert: { cluster, object in
                guard let typed = unwrap(object) else { throw APIError.badRequest("the object is not a \(resource.kind)") }
                if let create { return wrap(try create(cluster, typed)) }
                return wrap(try store(cluster).create(typed))
            },
            replace: { cluster, object in
                guard let typed = unwrap(object) else { throw APIError.badRequest("the object is not a \(resource.kind)") }
                return wrap(try store(cluster).update(typed.key) { $0 = typed })
            },
            remove: { cluster, key, grace in
                if let delete { return try delete(cluster, key, grace).map(wrap) }
                store(cluster).remove(key)
                return nil
            },
            watch: { cluster, handler in
                let s = store(cluster)
                let token = s.watch { event in
                    switch event {
                    case .added(let o): handler(.added, wrap(o))
                    case .modified(let o): handler(.modified, wrap(o))
                    case .deleted(let o): handler(.deleted, wrap(o))
                    }
                }
                return { s.unwatch(token) }
            },
            table: { objects, now in table(objects.compactMap(unwrap), now) },
            fields: fields.mapValues { f in { o in unwrap(o).map(f) ?? "" } })
    }
}
