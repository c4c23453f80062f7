/// Any object kubetutor stores: what decoding yields and what the store, kubectl and printers pass around.
public enum APIObject: Equatable, Sendable {
    case pod(Pod)
    case deployment(Deployment)
    case replicaSet(ReplicaSet)
    case daemonSet(DaemonSet)
    case statefulSet(StatefulSet)
    case event(Event)
    case node(Node)
    case namespace(Namespace)

    public var resource: ResourceKind {
        switch self {
        case .pod: return .pod
        case .deployment: return .deployment
        case .replicaSet: return .replicaSet
        case .daemonSet: return .daemonSet
        case .statefulSet: return .statefulSet
        case .event: return .event
        case .node: return .node
        case .namespace: return .namespace
        }
    }

    public var kind: String { resource.kind }
    public var apiVersion: String { resource.apiVersion }

    public var metadata: ObjectMeta {
        get {
            switch self {
            case .pod(let o): return o.metadata
            case .deployment(let o): return o.metadata
            case .replicaSet(let o): return o.metadata
            case .daemonSet(let o): return o.metadata
            case .statefulSet(let o): return o.metadata
            case .event(let o): return o.metadata
            case .node(let o): return o.metadata
            case .namespace(let o): return o.metadata
            }
        }
        set {
            switch self {
            case .pod(var o): o.metadata = newValue; self = .pod(o)
            case .deployment(var o): o.metadata = newValue; self = .deployment(o)
            case .replicaSet(var o): o.metadata = newValue; self = .replicaSet(o)
            case .daemonSet(var o): o.metadata = newValue; self = .daemonSet(o)
            case .statefulSet(var o): o.metadata = newValue; self = .statefulSet(o)
            case .event(var o): o.metadata = newValue; self = .event(o)
            case .node(var o): o.metadata = newValue; self = .node(o)
            case .namespace(var o): o.metadata = newValue; self = .namespace(o)
            }
        }
    }

    public var name: String { metadata.name }
    /// The namespace, nil for cluster-scoped kinds or when the manifest leaves it to the context.
    public var namespace: String? { metadata.namespace }

    /// kubectl's `pod/x`, `deployment.apps/x`.
    public var qualifiedName: String { "\(resource.qualifiedSingular)/\(metadata.name)" }
}
