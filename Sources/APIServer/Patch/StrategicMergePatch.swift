import YAML

/// Kubernetes' strategic merge patch (`application/strategic-merge-patch+json`), what `kubectl apply`,
/// `label`, `annotate`, `set image` and `scale` send for built-in kinds: like a JSON merge patch, but
/// lists with a merge key (containers by `name`, ports by `containerPort` …, from the types'
/// `patchMergeKey` tags) merge element by element, and the `$patch`, `$setElementOrder`, `$retainKeys`
/// and `$deleteFromPrimitiveList` directives are honoured.
enum StrategicMergePatch {
    struct Failure: Error { var message: String }

    /// Field name → merge key, for the lists of the kinds kubetutor serves.
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "env": "name", "volumes": "name",
        "volumeMounts": "mountPath", "volumeDevices": "devicePath", "ports": "containerPort", "imagePullSecrets": "name",
        "hostAliases": "ip", "topologySpreadConstraints": "topologyKey", "ownerReferences": "uid", "conditions": "type",
        "taints": "key", "addresses": "type", "resourceClaims": "name", "readinessGates": "conditionType",
    ]
    /// Primitive lists that merge (patchStrategy "merge") rather than replace.
    static let mergedPrimitiveLists: Set<String> = ["finalizers"]

    static func apply(_ patch: JSONValue, to target: JSONValue) throws -> JSONValue {
        try mergeObject(patch, into: target)
    }

    private static func mergeObject(_ patch: JSONValue, into target: JSONValue) throws -> JSONValue {
        guard case .object(let patchFields) = patch else { return patch }
        var fields: [(String, JSONValue)] = []
        if case .object(let t) = target { fields = t }
        if case .string(let directive)? = patch["$patch"] {
            switch directive {
            case "replace":
                return .object(patchFields.filter { $0.0 != "$patch" })
            case "delete":
                return .null
            case "merge":
                break
            default:
                throw Failure(message: "Unknown patch type: \(directive)")
            }
        }
        var retain: [String]? = nil
        if case .array(let keys)? = patch["$retainKeys"] {
            retain = keys.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        for (key, value) in patchFields {
            if key == "$patch" || key == "$retainKeys" || key.hasPrefix("$setElementOrder/") { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                guard let i = fields.firstIndex(where: { $0.0 == field }), case .array(let items) = fields[i].1,
                      case .array(let drop) = value else { continue }
                fields[i].1 = .array(items.filter { !drop.contains($0) })
                continue
            }
            if case .null = value {
                fields.removeAll { $0.0 == key }
                continue
            }
            let current = fields.first { $0.0 == key }?.1
            let merged: JSONValue
            switch value {
            case .object:
                merged = try mergeObject(value, into: current ?? .null)
                if case .null = merged {
                    fields.removeAll { $0.0 == key }
                    continue
                }
            case .array(let items):
                merged = try mergeList(items, into: current, field: key, order: patch["$setElementOrder/\(key)"])
            default:
                merged = value
            }
            if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = merged } else { fields.append((key, merged)) }
        }
        if let retain { fields.removeAll { !retain.contains($0.0) } }
        return .object(fields)
    }

    private static func mergeList(_ patchItems: [JSONValue], into current: JSONValue?, field: String, order: JSONValue?) throws -> JSONValue {
        var live: [JSONValue] = []
        if case .array(let a)? = current { live = a }
        if mergedPrimitiveLists.contains(field) {
            var result = live
            for item in patchItems where !result.contains(item) { result.append(item) }
            return .array(result)
        }
        guard let key = mergeKeys[field] else {
            // No merge key: the list is replaced (a `$patch: replace` element is just dropped).
            return .array(patchItems.filter { $0["$patch"] == nil })
        }
        if patchItems.contains(where: { $0["$patch"] == .string("replace") }) {
            return .array(patchItems.filter { $0["$patch"] == nil })
        }
        var result = live
        for item in patchItems {
            guard case .object = item else { throw Failure(message: "unable to find api field in struct for the list item in \(field)") }
            let id = item[key]
            let index = id.flatMap { id in result.firstIndex { $0[key] == id } }
            if item["$patch"] == .string("delete") {
                if let index { result.remove(at: index) }
                continue
            }
            if let index {
                result[index] = try mergeObject(item, into: result[index])
            } else {
                result.append(try mergeObject(item, into: .null))
            }
        }
        // `$setElementOrder/<field>`: the order the client wants for the elements it names.
        if case .array(let wanted)? = order {
            let ids = wanted.compactMap { $0[key] }
            var ordered: [JSONValue] = []
            for id in ids { if let item = result.first(where: { $0[key] == id }) { ordered.append(item) } }
            let rest = result.filter { item in !ids.contains { item[key] == $0 } }
            result = ordered + rest
        }
        return .array(result)
    }
}
