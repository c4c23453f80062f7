import Foundation
import APIServer
import Cluster
import KubeAPI
import YAML

/// Turns requests into replies: authentication, routing, then the API layer. Runs off the event
/// loop (the API layer waits for the cluster queue).
final class Responder: @unchecked Sendable {
    let api: APIServer
    let token: String
    let address: String
    let openAPI: OpenAPIDocuments

    init(api: APIServer, token: String, address: String) {
        self.api = api
        self.token = token
        self.address = address
        openAPI = OpenAPIDocuments(registry: api.registry)
    }

    func respond(_ request: Request) -> Reply {
        guard authenticated(request) else { return error(.unauthorized()) }
        do {
            return try route(request)
        } catch let e as APIError {
            return error(e)
        } catch {
            return self.error(.internalError("\(error)"))
        }
    }

    func isAuthenticated(_ request: Request) -> Bool { authenticated(request) }

    private func authenticated(_ request: Request) -> Bool {
        guard let header = request.headers["authorization"], header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst(7).utf8)
        let expected = Array(token.utf8)
        // Constant-time comparison.
        guard given.count == expected.count else { return false }
        var diff: UInt8 = 0
        for (a, b) in zip(given, expected) { diff |= a ^ b }
        return diff == 0
    }

    func error(_ e: APIError) -> Reply { .json(e.code, e.status.compactJSONString()) }

    private func ok(_ value: JSONValue, code: Int = 200) -> Reply { .json(code, value.compactJSONString()) }

    private func aggregated(_ value: JSONValue) -> Reply {
        .typed(200, contentType: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", value.compactJSONString())
    }

    private func route(_ request: Request) throws -> Reply {
        let route = Route.parse(request.path, registry: api.registry)
        switch route {
        case .version: return try onlyGet(request) { ok(Discovery.serverVersion) }
        case .health: return try onlyGet(request) { .text(200, "ok") }
        case .coreVersions:
            return try onlyGet(request) {
                request.wantsAggregatedDiscovery ? aggregated(Discovery.aggregated(api.registry, core: true)) : ok(Discovery.coreVersions(address: address))
            }
        case .groups:
            return try onlyGet(request) {
                request.wantsAggregatedDiscovery ? aggregated(Discovery.aggregated(api.registry, core: false)) : ok(Discovery.groups(api.registry))
            }
        case .group(let g): return try onlyGet(request) { ok(Discovery.group(api.registry, g)) }
        case .resources(let g, let v): return try onlyGet(request) { ok(Discovery.resources(api.registry, group: g, version: v)) }
        case .openAPIv2: return try onlyGet(request) { .json(200, openAPI.v2) }
        case .openAPIv3Root: return try onlyGet(request) { .json(200, openAPI.v3Root) }
        case .openAPIv3(let g, let v):
            return try onlyGet(request) {
                guard let doc = openAPI.v3(group: g, version: v) else { return error(.pageNotFound()) }
                return .json(200, doc)
            }
        case .object(let resource, let namespace, let name, let sub):
            return try resourceRequest(request, resource, namespace, name, sub)
        case .review(let review):
            guard request.method == "POST" else {
                return error(APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource"))
            }
            return ok(try review.answer(try bodyJSON(request)), code: 201)
        case .unknown:
            return error(.pageNotFound())
        }
    }

    private func onlyGet(_ request: Request, _ body: () throws -> Reply) throws -> Reply {
        guard request.method == "GET" || request.method == "HEAD" else {
            return error(APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource"))
        }
        return try body()
    }

    // MARK: Resources

    private func resourceRequest(_ request: Request, _ resource: ResourceKind, _ routeNamespace: String?, _ name: String?, _ sub: String?) throws -> Reply {
        guard let d = api.registry.definition(for: resource) else { return error(.pageNotFound()) }
        if resource.namespaced && routeNamespace == nil && name != nil { return error(.pageNotFound()) }
        let namespace = routeNamespace ?? ""
        let dryRun = request.query["dryRun"]?.contains("All") ?? false
        if let dry = request.query["dryRun"], dry.contains(where: { $0 != "All" }) {
            throw APIError.badRequest("dryRun: Unsupported value: \(goQuoted(dry.first { $0 != "All" } ?? "")): supported values: \"All\"")
        }
        let write = APIServer.WriteOptions(dryRun: dryRun)
        if let sub {
            guard let name, d.subresources.contains(sub) else { return error(.pageNotFound()) }
            return try subresource(request, d, namespace, name, sub, write)
        }
        switch (request.method, name) {
        case ("GET", nil):
            if request.flag("watch") { return try watch(request, d, routeNamespace) }
            let list = try api.list(resource, namespace: routeNamespace, options: listOptions(request))
            if request.wantsTable {
                return ok(Rendering.table(d, list.items, now: api.cluster.clock.now, resourceVersion: list.resourceVersion,
                                          continueToken: list.continueToken, include: include(request)))
            }
            return ok(Rendering.list(list))
        case ("GET", let name?):
            let o = try api.get(resource, namespace: namespace, name: name)
            if request.wantsTable {
                return ok(Rendering.table(d, [o], now: api.cluster.clock.now, resourceVersion: o.metadata.resourceVersion, include: include(request)))
            }
            return ok(KubeAPI.encode(o))
        case ("POST", nil):
            let body = try bodyJSON(request)
            let created = try api.create(resource, namespace: namespace, body: body, options: write)
            return ok(KubeAPI.encode(created), code: 201)
        case ("PUT", let name?):
            let object = try api.decodeRequestBody(try bodyJSON(request), as: resource)
            guard object.name == name else {
                throw APIError.badRequest("the name of the object (\(object.name)) does not match the name on the URL (\(name))")
            }
            return ok(KubeAPI.encode(try api.update(object, namespace: namespace, options: write)))
        case ("PATCH", let name?):
            return ok(KubeAPI.encode(try patch(request, resource, namespace, name, status: false, write)))
        case ("DELETE", let name?):
            let options = try deleteOptions(request, dryRun: dryRun)
            switch try api.delete(resource, namespace: namespace, name: name, options: options) {
            case .terminating(let o): return ok(KubeAPI.encode(o))
            case .deleted(let o): return resource == .pod ? ok(KubeAPI.encode(o)) : ok(Rendering.success(resource, o))
            }
        case ("DELETE", nil):
            let options = try deleteOptions(request, dryRun: dryRun)
            let list = try listOptions(request)
            let done = try api.deleteCollection(resource, namespace: routeNamespace, selection: list, options: options)
            return ok(Rendering.list(ObjectList(resource: resource, items: done, resourceVersion: String(api.cluster.currentRevision), continueToken: "", remainingItemCount: nil)))
        default:
            return error(.methodNotSupported(resource, verbName(request.method, named: name != nil)))
        }
    }

    private func verbName(_ method: String, named: Bool) -> String {
        switch method {
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return named ? "delete" : "deletecollection"
        default: return method.lowercased()
        }
    }

    private func include(_ request: Request) -> Rendering.IncludeObject {
        request.param("includeObject").flatMap(Rendering.IncludeObject.init(rawValue:)) ?? .metadata
    }

    func listOptions(_ request: Request) throws -> ListOptions {
        var limit = 0
        if let text = request.param("limit"), !text.isEmpty {
            guard let l = Int(text), l >= 0 else { throw APIError.badRequest("limit: Invalid value: \(goQuoted(text)): must be a non-negative integer") }
            limit = l
        }
        return ListOptions(labelSelector: request.param("labelSelector") ?? "", fieldSelector: request.param("fieldSelector") ?? "",
                           limit: limit, continueToken: request.param("continue") ?? "", resourceVersion: request.param("resourceVersion") ?? "")
    }

    private func deleteOptions(_ request: Request, dryRun: Bool) throws -> APIServer.DeleteOptions {
        var options = APIServer.DeleteOptions(dryRun: dryRun)
        var body: JSONValue = .object([])
        if !request.body.isEmpty { body = try bodyJSON(request) }
        if let g = request.param("gracePeriodSeconds") {
            guard let v = Int64(g) else { throw APIError.badRequest("gracePeriodSeconds: Invalid value: \(goQuoted(g))") }
            options.gracePeriodSeconds = v
        } else if case .int(let g)? = body["gracePeriodSeconds"] {
            options.gracePeriodSeconds = Int64(g)
        }
        var policy: String? = request.param("propagationPolicy")
        if policy == nil, case .string(let p)? = body["propagationPolicy"] { policy = p }
        if policy == nil, case .bool(let orphan)? = body["orphanDependents"] { policy = orphan ? "Orphan" : "Background" }
        if let policy {
            guard let p = APIServer.PropagationPolicy(rawValue: policy) else {
                throw APIError.badRequest("propagationPolicy: Unsupported value: \(goQuoted(policy)): supported values: \"Foreground\", \"Background\", \"Orphan\"")
            }
            options.propagationPolicy = p
        }
        if case .object? = body["preconditions"] {
            if case .string(let uid)? = body["preconditions"]?["uid"] { options.preconditionUID = uid }
            if case .string(let rv)? = body["preconditions"]?["resourceVersion"] { options.preconditionResourceVersion = rv }
        }
        if case .array(let dry)? = body["dryRun"], dry.contains(.string("All")) { options.dryRun = true }
        return options
    }

    /// The body as JSON (JSON or YAML), with kube-apiserver's answers for other media types.
    func bodyJSON(_ request: Request) throws -> JSONValue {
        let type = request.contentType
        if type == "application/vnd.kubernetes.protobuf" {
            do {
                return try ProtoDecoder.decodeBody(request.body)
            } catch let e as ProtoDecoder.Failure {
                throw APIError.badRequest(e.description)
            }
        }
        let known = ["application/json", "application/yaml", "application/merge-patch+json", "application/json-patch+json",
                     "application/strategic-merge-patch+json", "application/apply-patch+yaml", "*/*", ""]
        guard known.contains(type) else { throw APIError.unsupportedMediaType(type) }
        guard let text = String(bytes: request.body, encoding: .utf8) else {
            throw APIError.badRequest("the body of the request is not valid UTF-8")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw APIError.badRequest("the server rejected our request for an unknown reason (request body is empty)")
        }
        do {
            let docs = try parseYAML(text)
            guard docs.count == 1, let doc = docs.first else { throw APIError.badRequest("couldn't get version/kind; json parse error: expected one object") }
            return try doc.toJSONValue()
        } catch let e as APIError {
            throw e
        } catch {
            throw APIError.badRequest("couldn't get version/kind; json parse error: \(error)")
        }
    }

    private func patch(_ request: Request, _ resource: ResourceKind, _ namespace: String, _ name: String, status: Bool,
                       _ write: APIServer.WriteOptions) throws -> APIObject {
        guard let type = APIServer.PatchType(rawValue: request.contentType) else {
            throw APIError(code: 415, reason: "UnsupportedMediaType",
                           message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json")
        }
        return try api.patch(resource, namespace: namespace, name: name, type: type, patch: try bodyJSON(request), status: status, options: write)
    }

    // MARK: Subresources

    private func subresource(_ request: Request, _ d: ResourceDefinition, _ namespace: String, _ name: String, _ sub: String,
                             _ write: APIServer.WriteOptions) throws -> Reply {
        let resource = d.resource
        switch (sub, request.method) {
        case ("status", "GET"):
            return ok(KubeAPI.encode(try api.get(resource, namespace: namespace, name: name)))
        case ("status", "PUT"):
            let object = try api.decodeRequestBody(try bodyJSON(request), as: resource)
            return ok(KubeAPI.encode(try api.update(object, namespace: namespace, status: true, options: write)))
        case ("status", "PATCH"):
            return ok(KubeAPI.encode(try patch(request, resource, namespace, name, status: true, write)))
        case ("scale", "GET"):
            return ok(try api.scale(resource, namespace: namespace, name: name))
        case ("scale", "PUT"), ("scale", "PATCH"):
            let body = try bodyJSON(request)
            let type = request.method == "PUT" ? nil : APIServer.PatchType(rawValue: request.contentType)
            return ok(try api.updateScale(resource, namespace: namespace, name: name, patch: type, body: body, options: write))
        case ("log", "GET"):
            return try log(request, namespace, name)
        case ("eviction", "POST"):
            _ = try api.evict(namespace: namespace, pod: name, options: write)
            return ok(.object([("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])), ("status", .string("Success"))]), code: 201)
        case ("binding", "POST"):
            try api.bind(namespace: namespace, pod: name, body: try bodyJSON(request), options: write)
            return ok(.object([("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])), ("status", .string("Success"))]), code: 201)
        case ("exec", _):
            // Only here when the WebSocket upgrade was declined: say why, as kube-apiserver would.
            try api.checkExec(namespace: namespace, pod: name, container: request.param("container"), command: request.query["command"] ?? [])
            throw APIError.badRequest("Upgrade request required")
        case ("attach", _):
            // Only here when the WebSocket upgrade was declined: the API layer's reason, or the upgrade's.
            _ = try api.attach(namespace: namespace, pod: name, container: request.param("container"), stdin: request.flag("stdin"))
            throw APIError.badRequest("Upgrade request required")
        case ("portforward", _):
            // Only here when the WebSocket upgrade was declined: the API layer's reason, or the protocol's.
            _ = try api.checkPortForward(namespace: namespace, pod: name, ports: (request.query["ports"] ?? []) + (request.query["port"] ?? []),
                                     requirePorts: false)
            throw APIError.badRequest("kubetutor does not simulate port-forward over SPDY yet (kubectl's protocol); "
                                      + "WebSocket clients (v4.channel.k8s.io) and the kubetutor shell's `kubectl port-forward` work")
        default:
            return error(.methodNotSupported(resource, verbName(request.method, named: true)))
        }
    }

    private func log(_ request: Request, _ namespace: String, _ name: String) throws -> Reply {
        // The kubelet's log files keep a time per line; kubetutor's keep bytes only. Said, not ignored.
        for option in ["timestamps", "sinceSeconds", "sinceTime"] where request.param(option) != nil && (option != "timestamps" || request.flag(option)) {
            throw APIError.badRequest("kubetutor does not simulate the log option \(option) yet (its logs keep no per-line times)")
        }
        let (log, container) = try api.log(namespace: namespace, pod: name, container: request.param("container"), previous: request.flag("previous"))
        var tail: Int? = nil
        if let t = request.param("tailLines") {
            guard let v = Int(t), v >= 0 else { throw APIError.badRequest("tailLines: Invalid value: \(goQuoted(t))") }
            tail = v
        }
        let (data, end) = LogText.read(log)
        var text = String(decoding: data, as: UTF8.self)
        if let tail { text = LogText.tail(text, lines: tail) }
        if let limit = request.param("limitBytes") {
            guard let bytes = Int(limit), bytes > 0 else { throw APIError.badRequest("limitBytes: Invalid value: \(goQuoted(limit)): must be greater than 0") }
            // The limit ends the answer, followed or not.
            return .text(200, String(decoding: Array(text.utf8.prefix(bytes)), as: UTF8.self))
        }
        guard request.flag("follow") else { return .text(200, text) }
        let api = self.api
        return .stream(contentType: "text/plain") { sink in
            sink.send(text)
            let stop = StopFlag()
            Thread.detachNewThread {
                var offset = end
                while !stop.isSet && !sink.closed {
                    let (data, next) = log.read(from: offset)
                    if !data.isEmpty {
                        offset = next
                        sink.send(String(decoding: data, as: UTF8.self))
                        continue
                    }
                    if !api.isLogLive(log, namespace: namespace, pod: name, container: container) { break }
                    usleep(20_000)
                }
                sink.finish()
            }
            return { stop.set() }
        }
    }

    // MARK: Watch

    private func watch(_ request: Request, _ d: ResourceDefinition, _ namespace: String?) throws -> Reply {
        let options = try listOptions(request)
        let asTable = request.wantsTable
        let include = include(request)
        let api = self.api
        let timeout = request.param("timeoutSeconds").flatMap(Int.init)
        // Selectors and versions are checked before the stream starts, so errors are plain replies.
        try api.checkWatch(d.resource, options: options)
        return .stream(contentType: "application/json") { sink in
            let now = { api.cluster.clock.now }
            let watchHandle = HandleBox()
            do {
                watchHandle.handle = try api.watch(d.resource, namespace: namespace, options: options) { type, object in
                    let encoded = asTable
                        ? Rendering.table(d, [object], now: now(), resourceVersion: object.metadata.resourceVersion, include: include)
                        : KubeAPI.encode(object)
                    let event: JSONValue = .object([("type", .string(type.rawValue)), ("object", encoded)])
                    sink.send(event.compactJSONString() + "\n")
                }
            } catch let e as APIError {
                let event: JSONValue = .object([("type", .string("ERROR")), ("object", e.status)])
                sink.send(event.compactJSONString() + "\n")
                sink.finish()
            } catch {
                sink.finish()
            }
            if let timeout, timeout > 0 {
                apiWork.asyncAfter(deadline: .now() + .seconds(timeout)) {
                    watchHandle.handle?.stop()
                    sink.finish()
                }
            }
            return { watchHandle.handle?.stop() }
        }
    }
}

/// A watch handle set after the closures that stop it are made.
final class HandleBox: @unchecked Sendable {
    var handle: WatchHandle?
}

/// A flag one thread sets and another polls.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
