import KubeAPI

/// Every kind the API serves, in discovery order (core group first, then apps).
public struct ResourceRegistry: Sendable {
    public let definitions: [ResourceDefinition]

    public static let standard = ResourceRegistry(definitions: [
        .events, .namespaces, .nodes, .pods, .daemonSets, .deployments, .replicaSets, .statefulSets,
    ])

    public func definition(for resource: ResourceKind) -> ResourceDefinition? {
        definitions.first { $0.resource == resource }
    }

    /// By URL path parts: group ("" for core), version, plural.
    public func definition(group: String, version: String, plural: String) -> ResourceDefinition? {
        definitions.first { $0.resource.group == group && $0.resource.version == version && $0.resource.plural == plural }
    }

    /// The group versions served, `v1` first: for `/api` and `/apis`.
    public var groupVersions: [(group: String, version: String)] {
        var seen: [(String, String)] = []
        for d in definitions where !seen.contains(where: { $0 == (d.resource.group, d.resource.version) }) {
            seen.append((d.resource.group, d.resource.version))
        }
        return seen
    }

    /// The kinds of a category (`all`), in discovery order.
    public func category(_ name: String) -> [ResourceKind] {
        definitions.filter { $0.categories.contains(name) }.map(\.resource)
    }
}
