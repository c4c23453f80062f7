import KubeAPI
import YAML

/// Turns YAML, decoding and validation errors into learner feedback: where, kubectl's words, and
/// what the classic mistake behind them is.
struct MistakeExplainer {
    let language: Language
    let source: String

    func syntax(_ error: YAMLError) -> QuizFeedback {
        var text = error.problem
        if let context = error.context { text = "\(context): \(text)" }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let line = error.mark.line >= 1 && error.mark.line <= lines.count ? String(lines[error.mark.line - 1]) : ""
        var why: Localized?
        if error.kind == .duplicateKey {
            why = L("a key may appear only once in a mapping. Two containers are two list items (`- name: …`) under a single `containers:`.",
                    "キーは 1 つのマッピングに一度しか書けません。2 つのコンテナは、1 つの `containers:` の下の 2 つのリスト要素（`- name: …`）です。")
        } else if line.contains("\t") || source.contains("\t") && error.problem.contains("tab") {
            why = L("YAML does not allow tabs for indentation: indent with spaces (2 per level).",
                    "YAML では字下げにタブは使えません。スペース（1 段 2 個）で字下げしてください。")
        } else if error.problem.contains("mapping values are not allowed") {
            why = L("a key with nested fields needs its own line: write `metadata:` and put `name: …` on the next line, indented.",
                    "入れ子のフィールドを持つキーは一行に書けません。`metadata:` と書き、次の行に字下げして `name: …` と書きます。")
        } else if error.problem.contains("did not find expected '-' indicator") || error.problem.contains("did not find expected key") {
            why = L("the indentation does not line up: fields of the same object start in the same column, and list items start with `- `.",
                    "字下げが揃っていません。同じオブジェクトのフィールドは同じ桁から始め、リストの要素は `- ` で始めます。")
        } else if error.problem.contains("block sequence entries are not allowed") {
            why = L("a list item (`- `) must be on the line below its key, not after it.",
                    "リストの要素（`- `）はキーの後ろではなく、次の行に書きます。")
        }
        let message = L("YAML syntax error: \(text).", "YAML の構文エラー: \(text)。").text(language)
            + (why.map { " " + $0.text(language) } ?? "")
        return QuizFeedback(.error, mark: error.mark, message: message, snippet: error.caretSnippet(source: source))
    }

    func manifest(_ error: ManifestError) -> QuizFeedback {
        let kubectl = error.kubectlMessage(verb: "creating", source: "answer.yaml")
        var why: Localized?
        switch error {
        case .noMatch(let kind, let apiVersion, _, _, _):
            if let match = ResourceKind.all.first(where: { $0.kind.lowercased() == kind.lowercased() }) {
                if match.kind != kind {
                    why = L("`kind` is case-sensitive and written in CamelCase: `kind: \(match.kind)`, not `\(kind)`.",
                            "`kind` は大文字と小文字を区別し、CamelCase で書きます: `\(kind)` ではなく `kind: \(match.kind)`。")
                } else if match.apiVersion != apiVersion {
                    why = L("a \(match.kind) is in the `\(match.group.isEmpty ? "core" : match.group)` API group: `apiVersion: \(match.apiVersion)`, not `\(apiVersion)`.",
                            "\(match.kind) は `\(match.group.isEmpty ? "core" : match.group)` API グループにあります: `\(apiVersion)` ではなく `apiVersion: \(match.apiVersion)`。")
                }
            }
        case .missingTypeInfo(let problems, _):
            why = problems.contains { $0.hasPrefix("apiVersion") }
                ? L("every manifest starts with `apiVersion` (`v1` for a Pod, `apps/v1` for a Deployment). The key is spelled `apiVersion`, with a capital V.",
                    "マニフェストは `apiVersion` で始まります（Pod は `v1`、Deployment は `apps/v1`）。キーは大文字の V で `apiVersion` と綴ります。")
                : L("every manifest needs `kind` (Pod, Deployment …).", "マニフェストには `kind`（Pod、Deployment など）が必要です。")
        case .undecodable(_, _, .typeMismatch(let t)), .undecodableMetadata(.typeMismatch(let t)):
            if t.goType.hasPrefix("[]") && t.found == "object" {
                why = L("this field is a list: each item starts with `- `.", "このフィールドはリストです。各要素は `- ` で始めます。")
            } else if t.goType == "string" && (t.found.hasPrefix("number") || t.found == "bool") {
                why = L("YAML read this value as a \(t.found.hasPrefix("number") ? "number" : "boolean"): put it in quotes to make it a string.",
                        "YAML はこの値を\(t.found.hasPrefix("number") ? "数値" : "真偽値")として読みました。文字列にするには引用符で囲みます。")
            } else if t.goType.hasPrefix("int") && t.found == "string" {
                why = L("this field is a number: write it without quotes.", "このフィールドは数値です。引用符を付けずに書きます。")
            }
        default:
            break
        }
        let text = why.map { $0.text(language) + "\n      kubectl: " + kubectl } ?? kubectl
        let mark = error.mark
        return QuizFeedback(.error, path: error.fieldPath, mark: mark, message: text)
    }

    func validation(_ error: FieldError, mark: Mark?) -> QuizFeedback {
        var why: Localized?
        if error.detail.contains("selector") && error.detail.contains("does not match") {
            why = L("the selector must match the template's labels: every `matchLabels` entry must appear in `spec.template.metadata.labels` with the same value.",
                    "selector はテンプレートのラベルと一致しなければなりません。`matchLabels` の各項目が同じ値で `spec.template.metadata.labels` にある必要があります。")
        } else if case .required = error.kind {
            why = L("this field is required.", "このフィールドは必須です。")
        }
        let text = (why.map { $0.text(language) + " " } ?? "") + "(\(error.description))"
        return QuizFeedback(.error, path: error.field, mark: mark, message: text)
    }
}
