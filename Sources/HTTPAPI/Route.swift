import APIServer
import KubeAPI

/// What a request path names.
enum Route: Equatable {
    case version
    case health(String)
    /// `/api`
    case coreVersions
    /// `/apis`
    case groups
    /// `/apis/<group>`
    case group(String)
    /// `/api/v1`, `/apis/apps/v1`
    case resources(group: String, version: String)
    case openAPIv2
    case openAPIv3Root
    case openAPIv3(group: String, version: String)
    /// A resource: namespace nil for cluster-scoped kinds and lists across namespaces.
    case object(resource: ResourceKind, namespace: String?, name: String?, subresource: String?)
    /// A review (`kubectl auth can-i`, `auth whoami`): posted, answered, never stored.
    case review(ReviewResource)
    case unknown

    /// Parses a path (without query) against the registry.
    static func parse(_ path: String, registry: ResourceRegistry) -> Route {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.first {
        case nil: return .unknown
        case "version": return parts.count == 1 ? .version : .unknown
        case "healthz", "livez", "readyz": return .health(parts[0])
        case "openapi":
            if parts.count == 2 && parts[1] == "v2" { return .openAPIv2 }
            if parts.count == 2 && parts[1] == "v3" { return .openAPIv3Root }
            if parts.count == 4 && parts[1] == "v3" && parts[2] == "api" { return .openAPIv3(group: "", version: parts[3]) }
            if parts.count == 5 && parts[1] == "v3" && parts[2] == "apis" { return .openAPIv3(group: parts[3], version: parts[4]) }
            return .unknown
        case "api":
            if parts.count == 1 { return .coreVersions }
            return resourcePath(group: "", version: parts[1], Array(parts.dropFirst(2)), registry)
        case "apis":
            if parts.count == 1 { return .groups }
            if parts.count == 2 {
                let known = registry.groupVersions.contains { $0.group == parts[1] } || ReviewResource.groups.contains(parts[1])
                return known ? .group(parts[1]) : .unknown
            }
            if ReviewResource.groups.contains(parts[1]) {
                if parts.count == 3 { return parts[2] == "v1" ? .resources(group: parts[1], version: parts[2]) : .unknown }
                return parts.count == 4 ? ReviewResource.lookup(group: parts[1], version: parts[2], plural: parts[3]).map(Route.review) ?? .unknown : .unknown
            }
            return resourcePath(group: parts[1], version: parts[2], Array(parts.dropFirst(3)), registry)
        default:
            return .unknown
        }
    }

    private static func resourcePath(group: String, version: String, _ rest: [String], _ registry: ResourceRegistry) -> Route {
        guard registry.groupVersions.contains(where: { $0 == (group, version) }) else { return .unknown }
        if rest.isEmpty { return .resources(group: group, version: version) }
        func lookup(_ plural: String) -> ResourceKind? { registry.definition(group: group, version: version, plural: plural)?.resource }
        // /namespaces/<ns>/<plural>[/<name>[/<sub>]] for namespaced kinds.
        if rest[0] == "namespaces", rest.count >= 3, let r = lookup(rest[2]), r.namespaced {
            return rest.count > 5 ? .unknown
                : .object(resource: r, namespace: rest[1], name: rest.count > 3 ? rest[3] : nil, subresource: rest.count > 4 ? rest[4] : nil)
        }
        guard let r = lookup(rest[0]), rest.count <= 3 else { return .unknown }
        return .object(resource: r, namespace: nil, name: rest.count > 1 ? rest[1] : nil, subresource: rest.count > 2 ? rest[2] : nil)
    }
}
