import YAML

/// The API server's create validation for any kind, in its order. Empty means valid.
/// Expects a defaulted object (see `setDefaults`).
public func validate(_ object: APIObject) -> [FieldError] {
    switch object {
    case .pod(let p):
        return validateObjectMeta(p.metadata, namespaced: true, nameRule: nameIsDNSSubdomain)
            + validatePodSpec(p.spec, path: "spec")
    case .deployment(let d): return validateDeployment(d)
    case .replicaSet(let r): return validateReplicaSet(r)
    case .daemonSet(let d): return validateDaemonSet(d)
    case .statefulSet(let s): return validateStatefulSet(s)
    case .event(let e):
        return validateObjectMeta(e.metadata, namespaced: true, nameRule: nameIsDNSSubdomain)
    case .node(let n):
        return validateObjectMeta(n.metadata, namespaced: false, nameRule: nameIsDNSSubdomain)
    case .namespace(let n):
        return validateObjectMeta(n.metadata, namespaced: false, nameRule: nameIsDNSLabel)
    }
}

/// What `kubectl create/apply` does with one document before storing it: decode strictly, fill in
/// defaults, validate. Throws `ManifestError`; validation errors carry the marks of their fields.
public func admitManifest(_ node: YNode) throws -> APIObject {
    let decoded = try decodeManifest(node)
    var object = decoded.object
    setDefaults(&object)
    let errors = validate(object)
    if !errors.isEmpty {
        throw ManifestError.invalid(
            kind: object.kind, name: object.name, errors: errors, marks: errors.map { decoded.mark(for: $0.field) })
    }
    return object
}

/// Validates a decoded object and wraps the errors as `ManifestError.invalid` (nil when valid).
public func invalidError(for object: APIObject) -> ManifestError? {
    let errors = validate(object)
    return errors.isEmpty ? nil : .invalid(kind: object.kind, name: object.name, errors: errors, marks: errors.map { _ in nil })
}
