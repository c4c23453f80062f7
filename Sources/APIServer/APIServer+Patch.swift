import Foundation
import KubeAPI
import Cluster
import YAML

extension APIServer {
    /// The patch formats `PATCH` accepts, by Content-Type.
    public enum PatchType: String, Sendable, CaseIterable {
        case json = "application/json-patch+json"
        case merge = "application/merge-patch+json"
        case strategic = "application/strategic-merge-patch+json"
        case apply = "application/apply-patch+yaml"
    }

    /// Patches an object: the current object as JSON, the patch applied, then an update with the
    /// same rules as `PUT` (a `resourceVersion` the patch sets must be the current one).
    public func patch(_ resource: ResourceKind, namespace: String, name: String, type: PatchType, patch: JSONValue,
                      status: Bool = false, options: WriteOptions = WriteOptions()) throws -> APIObject {
        if type == .apply {
            throw APIError(code: 415, reason: "UnsupportedMediaType",
                           message: "kubetutor does not simulate server-side apply yet; use client-side `kubectl apply`")
        }
        let d = try definition(resource)
        return try cluster.sync {
            guard let current = d.get(cluster, key(d, namespace, name)) else { throw APIError.notFound(resource, name) }
            let before = KubeAPI.encode(current)
            let after: JSONValue
            do {
                switch type {
                case .json: after = try JSONPatch.apply(patch, to: before)
                case .merge:
                    guard case .object = patch else { throw APIError.badRequest("json: cannot unmarshal array into Go value of type map[string]interface {}") }
                    after = MergePatch.apply(patch, to: before)
                case .strategic:
                    guard case .object = patch else { throw APIError.badRequest("json: cannot unmarshal array into Go value of type map[string]interface {}") }
                    after = try StrategicMergePatch.apply(patch, to: before)
                case .apply: after = before
                }
            } catch let e as JSONPatch.Failure {
                throw APIError(code: 422, reason: "Invalid", message: e.message)
            } catch let e as StrategicMergePatch.Failure {
                throw APIError.badRequest(e.message)
            }
            var object = try decodeBody(after, as: resource)
            if object.name != name {
                throw APIError.invalid(resource, name, [.invalid("metadata.name", object.name, "field is immutable")])
            }
            if object.metadata.resourceVersion == current.metadata.resourceVersion { object.metadata.resourceVersion = "" }
            return try update(object, namespace: namespace, status: status, options: options)
        }
    }
}
