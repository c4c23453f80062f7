import Foundation
import KubeAPI
import Cluster
import YAML

/// The `scale` subresource (autoscaling/v1 Scale), and `eviction` and `binding` of pods.
extension APIServer {
    /// Decodes a request body as an object of `resource` (for `PUT`).
    public func decodeRequestBody(_ body: JSONValue, as resource: ResourceKind) throws -> APIObject {
        try decodeBody(body, as: resource)
    }

    private func replicas(_ o: APIObject) -> (spec: Int, status: Int, selector: String)? {
        switch o {
        case .deployment(let d): return (d.spec.replicas, d.status.replicas, LabelFormatting.selector(d.spec.selector))
        case .replicaSet(let r): return (r.spec.replicas, r.status.replicas, LabelFormatting.selector(r.spec.selector))
        case .statefulSet(let s): return (s.spec.replicas, s.status.replicas, LabelFormatting.selector(s.spec.selector))
        default: return nil
        }
    }

    public func scale(_ resource: ResourceKind, namespace: String, name: String) throws -> JSONValue {
        let o = try get(resource, namespace: namespace, name: name)
        guard let r = replicas(o) else { throw APIError.pageNotFound() }
        var meta: [(String, JSONValue)] = [("name", .string(o.name)), ("namespace", .string(namespace)),
                                           ("uid", .string(o.metadata.uid)), ("resourceVersion", .string(o.metadata.resourceVersion))]
        if let t = o.metadata.creationTimestamp { meta.append(("creationTimestamp", .string(formatRFC3339(t)))) }
        return .object([
            ("kind", .string("Scale")), ("apiVersion", .string("autoscaling/v1")), ("metadata", .object(meta)),
            ("spec", .object([("replicas", .int(r.spec))])),
            ("status", .object([("replicas", .int(r.status)), ("selector", .string(r.selector))])),
        ])
    }

    /// `PUT` (patch nil) or `PATCH` of a Scale: only `spec.replicas` moves.
    public func updateScale(_ resource: ResourceKind, namespace: String, name: String, patch type: PatchType?, body: JSONValue,
                            options: WriteOptions = WriteOptions()) throws -> JSONValue {
        let current = try scale(resource, namespace: namespace, name: name)
        var wanted = body
        if let type {
            switch type {
            case .json: wanted = try JSONPatch.apply(body, to: current)
            case .merge, .strategic: wanted = MergePatch.apply(body, to: current)
            case .apply: throw APIError(code: 415, reason: "UnsupportedMediaType", message: "kubetutor does not simulate server-side apply yet")
            }
        }
        guard case .int(let n)? = wanted["spec"]?["replicas"] else {
            throw APIError.invalid(.init(kind: "Scale", group: "autoscaling", version: "v1", plural: "scale", singular: "scale", shortNames: [], namespaced: true),
                                   name, [.invalid("spec.replicas", 0, "must be an integer")])
        }
        if case .string(let rv)? = wanted["metadata"]?["resourceVersion"], !rv.isEmpty, type == nil,
           case .string(let now)? = current["metadata"]?["resourceVersion"], rv != now {
            throw APIError.stale(resource, name)
        }
        guard n >= 0 else {
            throw APIError.invalid(.init(kind: "Scale", group: "autoscaling", version: "v1", plural: "scale", singular: "scale", shortNames: [], namespaced: true),
                                   name, [.invalid("spec.replicas", n, "must be greater than or equal to 0")])
        }
        _ = try patch(resource, namespace: namespace, name: name, type: .merge,
                      patch: .object([("spec", .object([("replicas", .int(n))]))]), options: options)
        var result = try scale(resource, namespace: namespace, name: name)
        if options.dryRun, case .object(var f) = result, let i = f.firstIndex(where: { $0.0 == "spec" }) {
            f[i].1 = .object([("replicas", .int(n))])
            result = .object(f)
        }
        return result
    }

    /// The `eviction` subresource: a graceful delete (kubetutor has no PodDisruptionBudgets to consult).
    public func evict(namespace: String, pod: String, options: WriteOptions = WriteOptions()) throws -> DeleteResult {
        try delete(.pod, namespace: namespace, name: pod, options: DeleteOptions(dryRun: options.dryRun))
    }

    /// The `binding` subresource, as a scheduler of its own posts it: assigns an unscheduled pod to
    /// a node (`target`), or 409 when it already has one.
    public func bind(namespace: String, pod: String, body: JSONValue, options: WriteOptions = WriteOptions()) throws {
        guard case .object = body else { throw APIError.badRequest("the body of the request was in an unknown format") }
        var node = ""
        if case .string(let n)? = body["target"]?["name"] { node = n }
        var kind = ""
        if case .string(let k)? = body["target"]?["kind"] { kind = k }
        if case .string(let bound)? = body["metadata"]?["name"], !bound.isEmpty, bound != pod {
            throw APIError.badRequest("the name of the object (\(bound)) does not match the name on the URL (\(pod))")
        }
        guard kind.isEmpty || kind == "Node" else {
            throw APIError(code: 422, reason: "Invalid", message: "Binding \(goQuoted(pod)) is invalid: target.kind: Unsupported value: \(goQuoted(kind)): supported values: \"Node\"")
        }
        guard !node.isEmpty else {
            throw APIError(code: 422, reason: "Invalid", message: "Binding \(goQuoted(pod)) is invalid: target.name: Required value")
        }
        try cluster.sync {
            let key = ObjectKey(namespace: namespace, name: pod)
            guard let current = cluster.pods.get(key) else { throw APIError.notFound(.pod, pod) }
            if current.metadata.deletionTimestamp != nil {
                throw Self.bindingConflict(pod, "pod \(pod) is being deleted, cannot be assigned to a host")
            }
            if let assigned = current.spec.nodeName, !assigned.isEmpty {
                throw Self.bindingConflict(pod, "pod \(pod) is already assigned to node \(goQuoted(assigned))")
            }
            if options.dryRun { return }
            let now = cluster.clock.now.truncatedToSeconds
            _ = try cluster.pods.update(key) {
                $0.spec.nodeName = node
                $0.status.conditions.removeAll { $0.type == "PodScheduled" }
                $0.status.conditions.insert(PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: now), at: 0)
            }
        }
    }

    static func bindingConflict(_ pod: String, _ why: String) -> APIError {
        var e = APIError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on pods/binding \(goQuoted(pod)): \(why)")
        e.name = pod
        e.kind = "pods/binding"
        return e
    }
}
