/// A namespace (core/v1): a name scope for namespaced objects. `Terminating` while its contents go.
public struct Namespace: Equatable, Sendable {
    public static let apiVersion = "v1"
    public static let kind = "Namespace"
    public var metadata = ObjectMeta()
    public var spec = NamespaceSpec()
    public var status = NamespaceStatus()
    public init(name: String = "") { metadata.name = name }
    /// What a new cluster has: `default` and the system namespaces, in creation order.
    public static let initial = ["default", "kube-node-lease", "kube-public", "kube-system"]
}

public struct NamespaceSpec: Equatable, Sendable {
    /// The API server puts `kubernetes` here; the namespace is removed once it is gone.
    public var finalizers: [String] = []
    public init() {}
}

public struct NamespaceStatus: Equatable, Sendable {
    /// Active or Terminating.
    public var phase: String? = nil
    public init(phase: String? = nil) { self.phase = phase }
}
