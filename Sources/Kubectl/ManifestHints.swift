import KubeAPI
import YAML

/// A learner-friendly hint after kubectl's exact error, for the classic manifest mistakes.
enum ManifestHints {
    static func hint(for error: ManifestError) -> String? {
        switch error {
        case .noMatch(let kind, let apiVersion, _, _, _):
            if let match = ResourceKind.all.first(where: { $0.kind.lowercased() == kind.lowercased() }) {
                if match.kind != kind { return "hint: kind is case-sensitive: did you mean \"\(match.kind)\"?" }
                if match.apiVersion != apiVersion {
                    return "hint: \(match.kind) lives in apiVersion \"\(match.apiVersion)\", not \"\(apiVersion)\""
                }
            }
            return nil
        case .missingTypeInfo(let problems, _):
            return problems.contains { $0.hasPrefix("apiVersion") }
                ? "hint: every manifest starts with apiVersion (v1 for a Pod, apps/v1 for a Deployment)"
                : "hint: every manifest needs kind (e.g. Pod or Deployment)"
        case .undecodable(_, _, .unknownFields(let fields)):
            guard let field = fields.first?.path else { return nil }
            let last = String(field.split(separator: ".").last ?? "").replacingOccurrences(of: #"\[\d+\]"#, with: "", options: .regularExpression)
            if let guess = knownFieldNames.min(by: { EditDistance.between($0, last) < EditDistance.between($1, last) }),
               EditDistance.between(guess, last) <= 2, guess != last {
                return "hint: did you mean `\(guess)`?"
            }
            return nil
        default:
            return nil
        }
    }

    static func hint(for error: YAMLError, source: String) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if error.mark.line >= 1, error.mark.line <= lines.count, lines[error.mark.line - 1].contains("\t") {
            return "hint: YAML indentation must use spaces, not tabs"
        }
        if error.problem.contains("mapping values are not allowed") {
            return "hint: a key with nested fields needs its own line: write `metadata:` and indent `name:` below it"
        }
        return nil
    }

    /// Full-width characters a Japanese IME leaves in YAML: YAML reads `name：web` as one string
    /// and an ideographic space as part of a value, so the error kubectl prints points elsewhere.
    static func fullWidthHint(_ source: String) -> String? {
        let suspects: [(Character, String, String)] = [
            ("\u{3000}", "a full-width space (U+3000)", "全角スペース"), ("：", "a full-width colon (：)", "全角コロン"),
            ("－", "a full-width hyphen (－)", "全角ハイフン"), ("＃", "a full-width # (＃)", "全角 #"),
        ]
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (c, en, ja) in suspects where line.contains(c) {
                let column = line.distance(from: line.startIndex, to: line.firstIndex(of: c) ?? line.startIndex) + 1
                return "hint: line \(number + 1), column \(column) has \(en), as a Japanese IME types it: YAML needs half-width "
                    + "spaces, colons and hyphens (\(ja)を半角にしてください)"
            }
        }
        return nil
    }

    /// Field names learners type, for "did you mean".
    static let knownFieldNames = [
        "apiVersion", "kind", "metadata", "spec", "name", "labels", "annotations", "containers", "image",
        "command", "args", "ports", "containerPort", "env", "value", "replicas", "selector", "matchLabels",
        "template", "strategy", "type", "restartPolicy", "nodeName", "nodeSelector", "volumes", "volumeMounts",
        "mountPath", "workingDir", "imagePullPolicy", "namespace", "tolerations",
    ]
}
