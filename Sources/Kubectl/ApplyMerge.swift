import KubeAPI
import YAML

/// `kubectl apply`'s three-way merge, reduced to what Pods and workloads need: fields in the new
/// manifest replace the live ones, fields dropped since the last apply are removed, everything else
/// (server defaults such as imagePullPolicy, nodeName, status) stays. Lists of named things
/// (containers, env, volumes, ports) merge element by element, like a strategic merge patch.
enum ApplyMerge {
    /// Merge keys of the lists kubetutor's types have (from the API's patchMergeKey tags).
    static let mergeKeys: [String: String] = [
        "containers": "name", "env": "name", "volumes": "name", "volumeMounts": "mountPath", "ports": "containerPort",
    ]

    static func merge(live: JSONValue, manifest: JSONValue, lastApplied: JSONValue?) -> JSONValue {
        merge(live, manifest, lastApplied, field: "")
    }

    private static func merge(_ live: JSONValue?, _ new: JSONValue, _ last: JSONValue?, field: String) -> JSONValue {
        switch (live, new) {
        case (.object(let liveFields)?, .object(let newFields)):
            var result = liveFields
            for (key, value) in newFields {
                let merged = merge(liveFields.first { $0.0 == key }?.1, value, last?[key], field: key)
                if let i = result.firstIndex(where: { $0.0 == key }) { result[i].1 = merged } else { result.append((key, merged)) }
            }
            if case .object(let lastFields)? = last {
                for (key, _) in lastFields where !newFields.contains(where: { $0.0 == key }) {
                    result.removeAll { $0.0 == key }
                }
            }
            return .object(result)
        case (.array(let liveItems)?, .array(let newItems)):
            guard let key = mergeKeys[field] else { return new }
            let lastItems: [JSONValue] = { if case .array(let a)? = last { return a } else { return [] } }()
            return .array(newItems.map { item in
                let id = item[key]
                let liveItem = liveItems.first { $0[key] == id && id != nil }
                let lastItem = lastItems.first { $0[key] == id && id != nil }
                return liveItem.map { merge($0, item, lastItem, field: "") } ?? item
            })
        default:
            return new
        }
    }
}
