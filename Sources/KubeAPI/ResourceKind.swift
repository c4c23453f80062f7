/// One kind of API resource as the RESTMapper knows it: the names kubectl accepts and prints.
public struct ResourceKind: Hashable, Sendable {
    public let kind: String
    /// "" for the core group, "apps" for workloads.
    public let group: String
    public let version: String
    public let plural: String
    public let singular: String
    public let shortNames: [String]
    public let namespaced: Bool

    public init(kind: String, group: String, version: String, plural: String, singular: String, shortNames: [String], namespaced: Bool) {
        self.kind = kind
        self.group = group
        self.version = version
        self.plural = plural
        self.singular = singular
        self.shortNames = shortNames
        self.namespaced = namespaced
    }

    /// "v1" or "apps/v1".
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// How kubectl names one object: `pod/x`, `deployment.apps/x`.
    public var qualifiedSingular: String { group.isEmpty ? singular : "\(singular).\(group)" }
    /// How the API server names the resource in errors: `pods "x" not found`, `deployments.apps "x" not found`.
    public var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }

    public static let pod = ResourceKind(kind: "Pod", group: "", version: "v1", plural: "pods", singular: "pod", shortNames: ["po"], namespaced: true)
    public static let deployment = ResourceKind(kind: "Deployment", group: "apps", version: "v1", plural: "deployments", singular: "deployment", shortNames: ["deploy"], namespaced: true)
    public static let replicaSet = ResourceKind(kind: "ReplicaSet", group: "apps", version: "v1", plural: "replicasets", singular: "replicaset", shortNames: ["rs"], namespaced: true)
    public static let daemonSet = ResourceKind(kind: "DaemonSet", group: "apps", version: "v1", plural: "daemonsets", singular: "daemonset", shortNames: ["ds"], namespaced: true)
    public static let statefulSet = ResourceKind(kind: "StatefulSet", group: "apps", version: "v1", plural: "statefulsets", singular: "statefulset", shortNames: ["sts"], namespaced: true)
    public static let event = ResourceKind(kind: "Event", group: "", version: "v1", plural: "events", singular: "event", shortNames: ["ev"], namespaced: true)
    public static let namespace = ResourceKind(kind: "Namespace", group: "", version: "v1", plural: "namespaces", singular: "namespace", shortNames: ["ns"], namespaced: false)
    public static let node = ResourceKind(kind: "Node", group: "", version: "v1", plural: "nodes", singular: "node", shortNames: ["no"], namespaced: false)

    /// Every kind kubetutor serves, in the order `kubectl api-resources` lists them (core group first).
    public static let all: [ResourceKind] = [.event, .namespace, .node, .pod, .daemonSet, .deployment, .replicaSet, .statefulSet]

    /// Resolves what a user typed after a verb (`po`, `pods`, `Pod`, `deployment.apps`, `deploy`),
    /// case-insensitively as kubectl does. Nil when nothing matches.
    public static func lookup(_ typed: String) -> ResourceKind? {
        var name = typed.lowercased()
        var group: String? = nil
        if let dot = name.firstIndex(of: ".") {
            group = String(name[name.index(after: dot)...])
            name = String(name[..<dot])
        }
        return all.first { r in
            (group == nil || group == r.group)
                && (name == r.plural || name == r.singular || name == r.kind.lowercased() || r.shortNames.contains(name))
        }
    }

    /// The kind for a manifest's `apiVersion` + `kind` (exact, case-sensitive, as the API server matches).
    public static func forKind(_ kind: String, apiVersion: String) -> ResourceKind? {
        all.first { $0.kind == kind && $0.apiVersion == apiVersion }
    }

    /// Every name a user may type for this kind: for tab completion.
    public var allNames: [String] { [plural, singular] + shortNames }
}
