import YAML

/// RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge, `null` removes a
/// field, anything else (lists included) replaces.
enum MergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchFields) = patch else { return patch }
        var fields: [(String, JSONValue)] = []
        if case .object(let t) = target { fields = t }
        for (key, value) in patchFields {
            if case .null = value {
                fields.removeAll { $0.0 == key }
            } else if let i = fields.firstIndex(where: { $0.0 == key }) {
                fields[i].1 = apply(value, to: fields[i].1)
            } else {
                fields.append((key, apply(value, to: .null)))
            }
        }
        return .object(fields)
    }
}
