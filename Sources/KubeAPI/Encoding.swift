import YAML

/// The object as the API server returns it: Kubernetes' JSON field names, Go omitempty rules,
/// timestamps RFC 3339 UTC seconds, keys sorted at every level as `kubectl get -o yaml|json` prints
/// (kubectl re-marshals objects from Go maps). `decode(encode(x)) == x` for whole-second timestamps.
public func encode(_ object: APIObject) -> JSONValue {
    switch object {
    case .pod(let o): return podSchema.write(o)
    case .deployment(let o): return deploymentSchema.write(o)
    case .replicaSet(let o): return replicaSetSchema.write(o)
    case .daemonSet(let o): return daemonSetSchema.write(o)
    case .statefulSet(let o): return statefulSetSchema.write(o)
    case .event(let o): return eventSchema.write(o)
    case .node(let o): return nodeSchema.write(o)
    case .namespace(let o): return namespaceSchema.write(o)
    }
}

/// An object's `metadata` alone, as JSON (a Table's PartialObjectMetadata rows), without
/// encoding the rest of the object.
public func encodeMetadata(_ object: APIObject) -> JSONValue {
    objectMetaSchema.write(object.metadata)
}

/// The pod template as JSON, e.g. for hashing or for `kubectl get rs -o yaml`.
public func encode(_ template: PodTemplateSpec) -> JSONValue {
    podTemplateSpecSchema.write(template)
}
