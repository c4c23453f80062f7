import APIServer
import KubeAPI
import YAML

/// Legacy discovery documents (`/api`, `/apis`, `/api/v1` …), from the registry.
enum Discovery {
    static let serverVersion: JSONValue = .object([
        ("major", .string("1")), ("minor", .string("32")), ("gitVersion", .string("v1.32.0")),
        ("gitCommit", .string("kubetutor")), ("gitTreeState", .string("clean")), ("buildDate", .string("2024-12-11T00:00:00Z")),
        ("goVersion", .string("go1.23.3")), ("compiler", .string("gc")), ("platform", .string("linux/amd64")),
    ])

    static func coreVersions(address: String) -> JSONValue {
        .object([
            ("kind", .string("APIVersions")), ("versions", .array([.string("v1")])),
            ("serverAddressByClientCIDRs", .array([.object([("clientCIDR", .string("0.0.0.0/0")), ("serverAddress", .string(address))])])),
        ])
    }

    static func groupEntry(_ group: String, versions: [String]) -> JSONValue {
        let entries: [JSONValue] = versions.map { .object([("groupVersion", .string("\(group)/\($0)")), ("version", .string($0))]) }
        return .object([
            ("name", .string(group)), ("versions", .array(entries)),
            ("preferredVersion", entries.first ?? .null),
        ])
    }

    static func groups(_ registry: ResourceRegistry) -> JSONValue {
        var names: [String] = []
        for gv in registry.groupVersions where !gv.group.isEmpty && !names.contains(gv.group) { names.append(gv.group) }
        var groups = names.map { g in groupEntry(g, versions: registry.groupVersions.filter { $0.group == g }.map(\.version)) }
        groups += ReviewResource.groups.map { groupEntry($0, versions: ["v1"]) }
        return .object([("kind", .string("APIGroupList")), ("apiVersion", .string("v1")), ("groups", .array(groups))])
    }

    static func group(_ registry: ResourceRegistry, _ name: String) -> JSONValue {
        let versions = ReviewResource.groups.contains(name) ? ["v1"] : registry.groupVersions.filter { $0.group == name }.map(\.version)
        var entry = groupEntry(name, versions: versions)
        if case .object(let fields) = entry { entry = .object([("kind", .string("APIGroup")), ("apiVersion", .string("v1"))] + fields) }
        return entry
    }

    static func resources(_ registry: ResourceRegistry, group: String, version: String) -> JSONValue {
        var list: [JSONValue] = []
        for d in registry.definitions where d.resource.group == group && d.resource.version == version {
            let r = d.resource
            var fields: [(String, JSONValue)] = [
                ("name", .string(r.plural)), ("singularName", .string(r.singular)), ("namespaced", .bool(r.namespaced)),
                ("kind", .string(r.kind)), ("verbs", .array(d.verbs.map(JSONValue.string))),
            ]
            if !r.shortNames.isEmpty { fields.append(("shortNames", .array(r.shortNames.map(JSONValue.string)))) }
            if !d.categories.isEmpty { fields.append(("categories", .array(d.categories.map(JSONValue.string)))) }
            list.append(.object(fields))
            for sub in d.subresources {
                let (kind, verbs) = subresourceShape(sub, r)
                list.append(.object([
                    ("name", .string("\(r.plural)/\(sub)")), ("singularName", .string("")), ("namespaced", .bool(r.namespaced)),
                    ("group", .string(kind.group)), ("version", .string(kind.version)), ("kind", .string(kind.kind)),
                    ("verbs", .array(verbs.map(JSONValue.string))),
                ]))
            }
        }
        list += ReviewResource.all.filter { $0.group == group && $0.version == version }.map(\.discoveryEntry)
        let gv = group.isEmpty ? version : "\(group)/\(version)"
        return .object([("kind", .string("APIResourceList")), ("apiVersion", .string("v1")), ("groupVersion", .string(gv)), ("resources", .array(list))])
    }

    /// Aggregated discovery (apidiscovery.k8s.io/v2): every resource of `/api` (core) or of
    /// `/apis` in one document, so that a client discovers the server in two requests.
    static func aggregated(_ registry: ResourceRegistry, core: Bool) -> JSONValue {
        func kindRef(_ group: String, _ version: String, _ kind: String) -> JSONValue {
            .object([("group", .string(group)), ("version", .string(version)), ("kind", .string(kind))])
        }
        func versionEntry(_ group: String, _ version: String) -> JSONValue {
            var resources: [JSONValue] = []
            for d in registry.definitions where d.resource.group == group && d.resource.version == version {
                let r = d.resource
                var fields: [(String, JSONValue)] = [
                    ("resource", .string(r.plural)), ("responseKind", kindRef(r.group, r.version, r.kind)),
                    ("scope", .string(r.namespaced ? "Namespaced" : "Cluster")), ("singularResource", .string(r.singular)),
                    ("verbs", .array(d.verbs.map(JSONValue.string))),
                ]
                if !r.shortNames.isEmpty { fields.append(("shortNames", .array(r.shortNames.map(JSONValue.string)))) }
                if !d.categories.isEmpty { fields.append(("categories", .array(d.categories.map(JSONValue.string)))) }
                if !d.subresources.isEmpty {
                    fields.append(("subresources", .array(d.subresources.map { sub in
                        let (kind, verbs) = subresourceShape(sub, r)
                        return .object([("subresource", .string(sub)), ("responseKind", kindRef(kind.group, kind.version, kind.kind)),
                                        ("verbs", .array(verbs.map(JSONValue.string)))])
                    })))
                }
                resources.append(.object(fields))
            }
            for review in ReviewResource.all where review.group == group && review.version == version {
                resources.append(.object([
                    ("resource", .string(review.plural)), ("responseKind", kindRef(group, version, review.kind)),
                    ("scope", .string("Cluster")), ("singularResource", .string(review.singular)), ("verbs", .array([.string("create")])),
                ]))
            }
            return .object([("version", .string(version)), ("resources", .array(resources)), ("freshness", .string("Current"))])
        }
        var items: [JSONValue] = []
        if core {
            let versions = registry.groupVersions.filter { $0.group.isEmpty }.map { versionEntry("", $0.version) }
            items.append(.object([("metadata", .object([("creationTimestamp", .null)])), ("versions", .array(versions))]))
        } else {
            var names: [String] = []
            for gv in registry.groupVersions where !gv.group.isEmpty && !names.contains(gv.group) { names.append(gv.group) }
            names += ReviewResource.groups
            for name in names {
                let versions = ReviewResource.groups.contains(name) ? ["v1"] : registry.groupVersions.filter { $0.group == name }.map(\.version)
                items.append(.object([
                    ("metadata", .object([("name", .string(name)), ("creationTimestamp", .null)])),
                    ("versions", .array(versions.map { versionEntry(name, $0) })),
                ]))
            }
        }
        return .object([
            ("kind", .string("APIGroupDiscoveryList")), ("apiVersion", .string("apidiscovery.k8s.io/v2")),
            ("metadata", .object([])), ("items", .array(items)),
        ])
    }

    /// The kind and verbs of a subresource, as kube-apiserver lists them.
    static func subresourceShape(_ sub: String, _ r: ResourceKind) -> (kind: (group: String, version: String, kind: String), verbs: [String]) {
        switch sub {
        case "status": return ((r.group, r.version, r.kind), ["get", "patch", "update"])
        case "scale": return (("autoscaling", "v1", "Scale"), ["get", "patch", "update"])
        case "log": return (("", "v1", "Pod"), ["get"])
        case "exec", "attach", "portforward": return (("", "v1", "PodExecOptions"), ["create", "get"])
        case "eviction": return (("policy", "v1", "Eviction"), ["create"])
        case "binding": return (("", "v1", "Binding"), ["create"])
        case "finalize": return (("", "v1", "Namespace"), ["update"])
        case "proxy": return (("", "v1", "NodeProxyOptions"), ["create", "delete", "get", "head", "patch", "update"])
        default: return ((r.group, r.version, r.kind), ["get"])
        }
    }
}
