/// `-o name` lines and the empty-list message.
public enum ResourceNames {
    /// `pod/sample-pod`, `deployment.apps/web`: the lower-case kind, `.group` for non-core groups.
    public static func qualified(kind: String, apiVersion: String, name: String) -> String {
        let parts = apiVersion.split(separator: "/")
        let group = parts.count == 2 ? String(parts[0]) : ""
        let resource = group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)"
        return "\(resource)/\(name)"
    }

    /// `kubectl get -o name` output for a list: one line each.
    public static func lines(kind: String, apiVersion: String, names: [String]) -> String {
        names.map { qualified(kind: kind, apiVersion: apiVersion, name: $0) + "\n" }.joined()
    }
}

/// What kubectl writes to stderr when a list is empty.
public enum EmptyResult {
    /// `No resources found in default namespace.` for a namespaced list; `No resources found`
    /// (no period) for cluster-scoped kinds and `--all-namespaces`.
    public static func message(namespace: String?) -> String {
        guard let namespace else { return "No resources found" }
        return "No resources found in \(namespace) namespace."
    }
}
