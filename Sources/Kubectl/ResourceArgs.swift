import KubeAPI

/// What `get`/`describe`/`delete` were asked for: `pods`, `pod x y`, `pod/x deploy/y`, `pods,deploy`.
struct ResourceRequest {
    var kind: ResourceKind
    var names: [String]
}

enum ResourceArgs {
    /// Kinds `kubectl get all` covers (that kubetutor serves).
    static let allKinds: [ResourceKind] = [.pod, .daemonSet, .deployment, .replicaSet, .statefulSet]

    static func parse(_ positional: [String]) throws -> [ResourceRequest] {
        guard let first = positional.first else { return [] }
        if first.contains("/") {
            return try positional.map { word in
                let parts = word.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw KubectlError("error: arguments in resource/name form must have a single resource and name")
                }
                guard let kind = ResourceKind.lookup(parts[0]) else { throw KubectlError.unknownResource(parts[0]) }
                return ResourceRequest(kind: kind, names: [parts[1]])
            }
        }
        let names = Array(positional.dropFirst())
        if names.contains(where: { $0.contains("/") }) {
            throw KubectlError("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
        }
        var requests: [ResourceRequest] = []
        for typed in first.split(separator: ",").map(String.init) {
            if typed == "all" {
                requests += allKinds.map { ResourceRequest(kind: $0, names: names) }
                continue
            }
            guard let kind = ResourceKind.lookup(typed) else { throw KubectlError.unknownResource(typed) }
            requests.append(ResourceRequest(kind: kind, names: names))
        }
        return requests
    }
}
