import Foundation
import KubeAPI

/// Label and selector text as apimachinery renders it.
public enum LabelFormatting {
    /// `labels.FormatLabels`: `app=web,tier=x` sorted by key, `<none>` when empty.
    public static func labels(_ labels: [String: String]) -> String {
        if labels.isEmpty { return "<none>" }
        return labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ",")
    }

    /// `LabelSelectorAsSelector(sel).String()`: requirements sorted by key, `""` when empty.
    /// matchLabels print `k=v`; expressions `k in (a,b)`, `k notin (a,b)`, `k`, `!k`.
    public static func selector(_ selector: LabelSelector?) -> String {
        guard let selector else { return "" }
        var requirements: [(key: String, text: String)] = []
        for (key, value) in selector.matchLabels {
            requirements.append((key, "\(key)=\(value)"))
        }
        for expression in selector.matchExpressions {
            let values = Array(Set(expression.values)).sorted().joined(separator: ",")
            let text: String
            switch expression.operator {
            case "In": text = "\(expression.key) in (\(values))"
            case "NotIn": text = "\(expression.key) notin (\(values))"
            case "Exists": text = expression.key
            case "DoesNotExist": text = "!\(expression.key)"
            default: text = "\(expression.key) \(expression.operator) (\(values))"
            }
            requirements.append((expression.key, text))
        }
        // Go sorts requirements by key only; a stable sort keeps matchLabels before expressions.
        let sorted = requirements.enumerated().sorted {
            $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset
        }
        return sorted.map(\.element.text).joined(separator: ",")
    }

    /// `metav1.FormatLabelSelector`: like `selector` but `<none>` when empty.
    public static func formatSelector(_ selector: LabelSelector?) -> String {
        let text = self.selector(selector)
        return text.isEmpty ? "<none>" : text
    }

    /// cli-runtime `EscapeTerminal`: keeps object text from driving the learner's terminal.
    public static func escapeTerminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{1b}" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "\u{1b}", with: "^[").replacingOccurrences(of: "\r", with: "\\r")
    }
}
