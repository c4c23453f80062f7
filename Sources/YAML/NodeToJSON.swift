extension Node {
    /// The node as kubectl's YAML→JSON step (sigs.k8s.io/yaml over go-yaml v2) would type it, for generic
    /// use such as `kubectl apply`'s comparisons and last-applied annotation:
    /// quoted and block scalars are strings; plain ones are typed YAML 1.1 style (`true`, `yes`, `on` →
    /// true; `3`, `0x1F`, `0755` (octal) → integers; `1.5`, `1e3` → floats; `~`, `null`, empty → null;
    /// dates stay strings). Mapping keys become strings (`1` → "1", `yes` → "true"); if two keys become
    /// the same string the later value wins in the earlier key's place.
    /// - Throws: `YAMLError` (kind `.composer`) for a key that is a mapping or sequence.
    public func toJSONValue() throws -> JSONValue {
        switch self {
        case .scalar(let text, let style, _):
            guard style == .plain else { return .string(text) }
            switch ResolvedScalar.resolve(text) {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .double(let number): return .double(number)
            case .timestamp, .string: return .string(text)
            }
        case .sequence(let items, _):
            return .array(try items.map { try $0.toJSONValue() })
        case .mapping(let entries, _):
            var fields: [(String, JSONValue)] = []
            var positions: [String: Int] = [:]
            for entry in entries {
                let key = try entry.key.jsonKey()
                let value = try entry.value.toJSONValue()
                if let index = positions[key] {
                    fields[index].1 = value
                } else {
                    positions[key] = fields.count
                    fields.append((key, value))
                }
            }
            return .object(fields)
        }
    }

    /// A mapping key as the string JSON needs, typed first as go-yaml types a plain scalar.
    private func jsonKey() throws -> String {
        guard case .scalar(let text, let style, _) = self else {
            throw YAMLError(kind: .composer, problem: "unsupported map key: a key must be a scalar", mark: mark, goYAMLLine: 0)
        }
        guard style == .plain else { return text }
        switch ResolvedScalar.resolve(text) {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return GoFloatFormat.yaml(number)
        case .timestamp, .string: return text
        }
    }
}
