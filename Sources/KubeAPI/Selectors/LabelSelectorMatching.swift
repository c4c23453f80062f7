extension LabelSelectorRequirement {
    /// In/NotIn/Exists/DoesNotExist against a label set; an unknown operator matches nothing.
    public func matches(_ labels: [String: String]) -> Bool {
        let value = labels[key]
        switch self.operator {
        case "In": return value.map { values.contains($0) } ?? false
        case "NotIn": return value.map { !values.contains($0) } ?? true
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        default: return false
        }
    }
}

extension LabelSelector {
    /// True when every matchLabels pair and every expression holds. An empty selector matches
    /// everything (a nil one, held by callers as `LabelSelector?`, matches nothing).
    public func matches(_ labels: [String: String]) -> Bool {
        matchLabels.allSatisfy { labels[$0.key] == $0.value } && matchExpressions.allSatisfy { $0.matches(labels) }
    }

    /// kubectl's rendering (FormatLabelSelector): `app=web,tier in (a,b)`, sorted by key; `<none>` when empty.
    public var formatted: String {
        var parts: [(String, String)] = matchLabels.map { ($0.key, "\($0.key)=\($0.value)") }
        for r in matchExpressions {
            let values = r.values.sorted().joined(separator: ",")
            switch r.operator {
            case "In": parts.append((r.key, "\(r.key) in (\(values))"))
            case "NotIn": parts.append((r.key, "\(r.key) notin (\(values))"))
            case "Exists": parts.append((r.key, r.key))
            case "DoesNotExist": parts.append((r.key, "!\(r.key)"))
            default: return "<error>"
            }
        }
        if parts.isEmpty { return "<none>" }
        return parts.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ",")
    }
}
