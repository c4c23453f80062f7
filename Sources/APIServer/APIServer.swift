import Foundation
import KubeAPI
import Cluster
import YAML

/// The one API layer: Kubernetes' REST semantics over the cluster's stores, for every kind in the
/// registry. The shell's kubectl calls it in-process, the HTTPS front serves it, and lesson checks read
/// through it. Every method may be called from any thread; it runs on the cluster queue.
public final class APIServer: @unchecked Sendable {
    /// Unowned: the cluster keeps its API layer alive (`attachedAPI`), not the other way round.
    public unowned let cluster: Cluster
    public let registry: ResourceRegistry
    let watchCache: WatchCache
    private var namespaceLifecycle: NamespaceLifecycle?
    /// Owners in foreground deletion, waiting for their dependents (cluster queue).
    var waitingOwners: [(ResourceDefinition, ObjectKey)] = []

    /// The API layer of `cluster`, made on first use: one per cluster, so that every client shares
    /// its watch cache and controllers.
    public static func of(_ cluster: Cluster) -> APIServer {
        cluster.sync {
            if let api = cluster.attachedAPI as? APIServer { return api }
            let api = APIServer(cluster: cluster)
            cluster.attachedAPI = api
            return api
        }
    }

    private init(cluster: Cluster, registry: ResourceRegistry = .standard) {
        self.cluster = cluster
        self.registry = registry
        watchCache = WatchCache(cluster: cluster, registry: registry)
        cluster.sync {
            let lifecycle = NamespaceLifecycle(api: self)
            namespaceLifecycle = lifecycle
            lifecycle.start()
        }
    }

    /// Options of a write (create, update, patch, delete).
    public struct WriteOptions: Sendable {
        /// `dryRun=All`: validate and answer, store nothing.
        public var dryRun = false
        public init(dryRun: Bool = false) { self.dryRun = dryRun }
    }

    func definition(_ resource: ResourceKind) throws -> ResourceDefinition {
        guard let d = registry.definition(for: resource) else {
            throw APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        return d
    }

    func key(_ d: ResourceDefinition, _ namespace: String, _ name: String) -> ObjectKey {
        ObjectKey(namespace: d.resource.namespaced ? namespace : "", name: name)
    }

    // MARK: Reads

    public func get(_ resource: ResourceKind, namespace: String, name: String) throws -> APIObject {
        let d = try definition(resource)
        return try cluster.sync {
            guard let o = d.get(cluster, key(d, namespace, name)) else { throw APIError.notFound(resource, name) }
            return o
        }
    }

    /// Lists objects (all namespaces when `namespace` is nil), sorted by namespace and name.
    public func list(_ resource: ResourceKind, namespace: String?, options: ListOptions = ListOptions()) throws -> ObjectList {
        let d = try definition(resource)
        let labels = try parseLabelSelector(options.labelSelector)
        let fields = try FieldSelector.parse(options.fieldSelector)
        try fields.check(d, selectorText: options.fieldSelector)
        let token = options.continueToken.isEmpty ? nil : try ContinueToken.decode(options.continueToken)
        return cluster.sync {
            var items = d.list(cluster, namespace).filter { labels.matches($0.metadata.labels) && fields.matches($0, d) }
            if let token { items = items.filter { Self.listKey($0) > token.after } }
            let revision = token?.revision ?? cluster.currentRevision
            var next = ""
            var remaining: Int? = nil
            if options.limit > 0, items.count > options.limit {
                remaining = items.count - options.limit
                items = Array(items.prefix(options.limit))
                if let last = items.last { next = ContinueToken(after: Self.listKey(last), revision: revision).encoded }
            }
            return ObjectList(resource: resource, items: items, resourceVersion: String(cluster.currentRevision),
                              continueToken: next, remainingItemCount: remaining)
        }
    }

    static func listKey(_ o: APIObject) -> String { "\(o.metadata.namespace ?? "")/\(o.name)" }

    func parseLabelSelector(_ text: String) throws -> Selector {
        do {
            return try Selector.parse(text)
        } catch let e as SelectorParseError {
            throw APIError.badRequest(e.description)
        }
    }

    // MARK: Create

    /// Creates an object from a request body (JSON or YAML as JSON), as `POST` does.
    public func create(_ resource: ResourceKind, namespace: String, body: JSONValue, options: WriteOptions = WriteOptions()) throws -> APIObject {
        let object = try decodeBody(body, as: resource)
        return try create(object, namespace: namespace, options: options)
    }

    /// Creates a decoded object: namespace rules, generateName, the strategy, validation, then the store.
    public func create(_ object: APIObject, namespace: String, options: WriteOptions = WriteOptions()) throws -> APIObject {
        let d = try definition(object.resource)
        guard d.strategy.clientsMayCreate else {
            throw APIError.methodNotSupported(d.resource, "create")
        }
        var o = object
        if d.resource.namespaced {
            if let ns = o.metadata.namespace, !ns.isEmpty, ns != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            o.metadata.namespace = namespace
        } else {
            o.metadata.namespace = nil
        }
        return try cluster.sync {
            if d.resource.namespaced { try admitNamespace(namespace, creating: d.resource, name: o.name.isEmpty ? o.metadata.generateName ?? "" : o.name) }
            if o.name.isEmpty, let base = o.metadata.generateName, !base.isEmpty {
                o.metadata.name = cluster.generatedName(base: base)
            }
            // Identity and bookkeeping are the server's.
            o.metadata.uid = ""
            o.metadata.resourceVersion = ""
            o.metadata.creationTimestamp = nil
            o.metadata.deletionTimestamp = nil
            o.metadata.deletionGracePeriodSeconds = nil
            o.metadata.generation = nil
            d.strategy.prepareForCreate(&o)
            let errors = d.strategy.validate(o)
            if !errors.isEmpty { throw APIError.invalid(d.resource, o.name, errors) }
            if d.get(cluster, key(d, namespace, o.name)) != nil { throw APIError.alreadyExists(d.resource, o.name) }
            if options.dryRun {
                o.metadata.uid = UUID().uuidString.lowercased()
                o.metadata.creationTimestamp = cluster.clock.now.truncatedToSeconds
                return o
            }
            do {
                return try d.insert(cluster, o)
            } catch let e as StoreError {
                throw apiError(e, d.resource)
            }
        }
    }

    /// The NamespaceLifecycle admission plugin: the namespace exists and is not terminating.
    func admitNamespace(_ namespace: String, creating resource: ResourceKind, name: String) throws {
        guard let ns = cluster.namespaces.get(ObjectKey(namespace: "", name: namespace)) else {
            throw APIError.notFound(.namespace, namespace)
        }
        if ns.metadata.deletionTimestamp != nil {
            var e = APIError.forbidden(resource, name, "unable to create new content in namespace \(namespace) because it is being terminated")
            e.causes = [APIError.Cause(reason: "NamespaceTerminating", message: "namespace \(namespace) is being terminated", field: "metadata.namespace")]
            throw e
        }
    }

    // MARK: Update

    /// Replaces an object (`PUT`). A `resourceVersion` in the body must be the stored one (else 409).
    /// With `status`, only the status changes (the `status` subresource).
    public func update(_ object: APIObject, namespace: String, status: Bool = false, options: WriteOptions = WriteOptions()) throws -> APIObject {
        let d = try definition(object.resource)
        return try cluster.sync {
            let k = key(d, namespace, object.name)
            guard let old = d.get(cluster, k) else { throw APIError.notFound(d.resource, object.name) }
            var new = object
            if d.resource.namespaced {
                if let ns = new.metadata.namespace, !ns.isEmpty, ns != namespace {
                    throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
                }
                new.metadata.namespace = namespace
            }
            if !new.metadata.resourceVersion.isEmpty, new.metadata.resourceVersion != old.metadata.resourceVersion {
                throw APIError.stale(d.resource, object.name)
            }
            if !new.metadata.uid.isEmpty, new.metadata.uid != old.metadata.uid {
                throw APIError.conflict(d.resource, object.name, "Precondition failed: UID in precondition: \(new.metadata.uid), UID in object meta: \(old.metadata.uid)")
            }
            // What a client cannot change through an update.
            new.metadata.uid = old.metadata.uid
            new.metadata.creationTimestamp = old.metadata.creationTimestamp
            new.metadata.deletionTimestamp = old.metadata.deletionTimestamp
            new.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds
            new.metadata.generation = old.metadata.generation
            new.metadata.resourceVersion = old.metadata.resourceVersion
            if status, let takeStatus = d.strategy.prepareForStatusUpdate {
                takeStatus(&new, old)
            } else if status {
                throw APIError.pageNotFound()
            } else {
                d.strategy.prepareForUpdate(&new, old)
            }
            let errors = d.strategy.validateUpdate(new, old)
            if !errors.isEmpty { throw APIError.invalid(d.resource, object.name, errors) }
            if new == old || options.dryRun { return new }
            do {
                return try d.replace(cluster, new)
            } catch let e as StoreError {
                throw apiError(e, d.resource)
            }
        }
    }

    // MARK: Delete

    public enum PropagationPolicy: String, Sendable {
        case background = "Background", foreground = "Foreground", orphan = "Orphan"
    }

    public struct DeleteOptions: Sendable {
        public var gracePeriodSeconds: Int64? = nil
        public var propagationPolicy: PropagationPolicy? = nil
        public var preconditionUID: String? = nil
        public var preconditionResourceVersion: String? = nil
        public var dryRun = false
        public init(gracePeriodSeconds: Int64? = nil, propagationPolicy: PropagationPolicy? = nil, dryRun: Bool = false) {
            self.gracePeriodSeconds = gracePeriodSeconds
            self.propagationPolicy = propagationPolicy
            self.dryRun = dryRun
        }
    }

    /// What a delete answers: the object while it terminates, or the object as it was when it is gone.
    public enum DeleteResult: Sendable {
        case terminating(APIObject)
        case deleted(APIObject)
        public var object: APIObject {
            switch self {
            case .terminating(let o), .deleted(let o): return o
            }
        }
    }

    public func delete(_ resource: ResourceKind, namespace: String, name: String, options: DeleteOptions = DeleteOptions()) throws -> DeleteResult {
        let d = try definition(resource)
        return try cluster.sync {
            let k = key(d, namespace, name)
            guard let o = d.get(cluster, k) else { throw APIError.notFound(resource, name) }
            // The NamespaceLifecycle admission plugin's immortal namespaces.
            if resource == .namespace, NamespaceLifecycle.immortal.contains(name) {
                throw APIError.forbidden(resource, name, "this namespace may not be deleted")
            }
            if let uid = options.preconditionUID, uid != o.metadata.uid {
                throw APIError.conflict(resource, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(o.metadata.uid)")
            }
            if let rv = options.preconditionResourceVersion, rv != o.metadata.resourceVersion {
                throw APIError.conflict(resource, name, "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(o.metadata.resourceVersion)")
            }
            if options.dryRun { return .deleted(o) }
            let policy = options.propagationPolicy ?? .background
            if policy == .orphan { orphanDependents(of: o) }
            if policy == .foreground, resource != .pod, resource != .namespace, !dependents(of: o).isEmpty {
                return .terminating(try startForegroundDeletion(o, d))
            }
            do {
                if let remaining = try d.remove(cluster, k, options.gracePeriodSeconds) { return .terminating(remaining) }
            } catch let e as StoreError {
                throw apiError(e, resource)
            }
            return .deleted(o)
        }
    }

    /// `DELETE` on a collection: every object the selectors match.
    public func deleteCollection(_ resource: ResourceKind, namespace: String?, selection: ListOptions, options: DeleteOptions = DeleteOptions()) throws -> [APIObject] {
        let items = try list(resource, namespace: namespace, options: ListOptions(labelSelector: selection.labelSelector, fieldSelector: selection.fieldSelector)).items
        var done: [APIObject] = []
        for o in items {
            if let r = try? delete(resource, namespace: o.metadata.namespace ?? "", name: o.name, options: options) { done.append(r.object) }
        }
        return done
    }

    func apiError(_ e: StoreError, _ resource: ResourceKind) -> APIError {
        switch e {
        case .alreadyExists(_, let key): return .alreadyExists(resource, key.name)
        case .notFound(_, let key): return .notFound(resource, key.name)
        case .conflict(_, let key): return .stale(resource, key.name)
        }
    }

    // MARK: Decoding request bodies

    /// Decodes a body for `resource` strictly, with kube-apiserver's BadRequest wording.
    func decodeBody(_ body: JSONValue, as resource: ResourceKind) throws -> APIObject {
        guard case .object(var fields) = body else {
            throw APIError.badRequest("the object provided is unrecognized (must be of type \(resource.kind)): couldn't get version/kind; json parse error")
        }
        // At a typed endpoint the server defaults a missing apiVersion/kind to the endpoint's (client
        // libraries such as Python's leave them out).
        if body["kind"] == nil || body["kind"] == .string("") {
            fields.removeAll { $0.0 == "kind" }
            fields.insert(("kind", .string(resource.kind)), at: 0)
        }
        if body["apiVersion"] == nil || body["apiVersion"] == .string("") {
            fields.removeAll { $0.0 == "apiVersion" }
            fields.insert(("apiVersion", .string(resource.apiVersion)), at: 0)
        }
        let body = JSONValue.object(fields)
        do {
            let o = try KubeAPI.decode(body)
            guard o.resource == resource else {
                throw APIError.badRequest("the API version in the data (\(o.apiVersion)) does not match the expected API version (\(resource.apiVersion))")
            }
            return o
        } catch let e as ManifestError {
            switch e {
            case .undecodable(let kind, let apiVersion, let problem):
                throw APIError.badRequest("\(kind) in version \(goQuoted(apiVersion.split(separator: "/").last.map(String.init) ?? apiVersion)) cannot be handled as a \(kind): \(problem.message)")
            case .noMatch(let kind, let apiVersion, _, _, _):
                if kind.isEmpty || apiVersion.isEmpty {
                    throw APIError.badRequest("Object 'Kind' is missing in '\(body.compactJSONString())'")
                }
                throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
            case .missingTypeInfo(let problems, _):
                throw APIError.badRequest("Object 'Kind' is missing in '\(body.compactJSONString())'" + (problems.isEmpty ? "" : ""))
            case .undecodableMetadata(let p):
                throw APIError.badRequest("\(resource.kind) in version \(goQuoted(resource.version)) cannot be handled as a \(resource.kind): \(p.message)")
            case .notAnObject:
                throw APIError.badRequest("the object provided is unrecognized (must be of type \(resource.kind))")
            case .invalid(let kind, let name, let errors, _):
                throw APIError.invalid(ResourceKind.lookup(kind) ?? resource, name, errors)
            }
        }
    }
}
