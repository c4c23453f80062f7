import APIServer
import Kubectl
import YAML

/// Walks an answer's keys against kubetutor's field reference (`FieldDocs`) and explains the classic
/// shape mistakes before the strict decoder would name them: misspelled or wrongly-cased keys
/// ("did you mean `containers`?"), a field at the wrong indentation (`image` beside `containers`),
/// a mapping where a list is needed (a missing `-`), and nested fields written on one line.
struct KeyChecker {
    let language: Language
    private(set) var feedback: [QuizFeedback] = []
    /// Paths already explained, so decode errors about them are not repeated.
    private(set) var explainedPaths: Set<String> = []

    init(language: Language) { self.language = language }

    mutating func check(_ node: Node, as type: TypeDoc, path: String = "") {
        guard case .mapping(let pairs, _) = node else { return }
        for pair in pairs {
            guard let key = pair.key.scalarText else { continue }
            let child = path.isEmpty ? key : "\(path).\(key)"
            guard let field = type.field(key) else {
                unknown(key, in: type, at: pair.key.mark, path: child, siblings: pairs.compactMap { $0.key.scalarText })
                continue
            }
            shape(pair.value, field: field, path: child)
        }
    }

    private mutating func shape(_ value: Node, field: FieldDoc, path: String) {
        let nested = field.typeName.flatMap { FieldDocs.types[$0] }
        switch value {
        case .mapping:
            if field.isList {
                report(.error, path, value.mark, L(
                    "`\(field.name)` is a list: each item starts with `- ` (a missing `-`). Write `\(field.name):` and then `- name: …` on the next line.",
                    "`\(field.name)` はリストです。各要素は `- ` で始めます（`-` が抜けています）。`\(field.name):` の次の行に `- name: …` と書きます。"))
                // Still check the keys inside, as if the dash were there.
                if let nested { check(value, as: nested, path: path + "[0]") }
            } else if let nested {
                check(value, as: nested, path: path)
            } else if !field.type.hasPrefix("map[") {
                report(.error, path, value.mark, L(
                    "`\(field.name)` takes a single value (<\(field.type)>), not nested fields: check the indentation of the lines below it.",
                    "`\(field.name)` は一つの値（<\(field.type)>）を取り、入れ子のフィールドは持ちません。下の行の字下げを確認してください。"))
            }
        case .sequence(let items, _):
            if !field.isList && field.typeName != nil {
                report(.error, path, value.mark, L(
                    "`\(field.name)` is a single object, not a list: remove the `- `.",
                    "`\(field.name)` はリストではなく一つのオブジェクトです。`- ` を外してください。"))
            } else if let nested {
                for (i, item) in items.enumerated() { check(item, as: nested, path: "\(path)[\(i)]") }
            }
        case .scalar:
            if nested != nil, !value.isNull {
                report(.error, path, value.mark, L(
                    "`\(field.name)` holds nested fields: put them on their own lines, indented below `\(field.name):`.",
                    "`\(field.name)` の中身は入れ子のフィールドです。`\(field.name):` の下の行に字下げして書きます。"))
            }
        }
    }

    private mutating func unknown(_ key: String, in type: TypeDoc, at mark: Mark, path: String, siblings: [String]) {
        let names = type.fields.map(\.name)
        if key == "container", names.contains("containers") {
            report(.error, path, mark, L(
                "did you mean `containers`? A pod has a list of containers: `containers:` then `- name: …`.",
                "`containers` のことですか？ Pod のコンテナはリストです: `containers:` の次に `- name: …`。"))
            return
        }
        if let same = names.first(where: { $0.lowercased() == key.lowercased() }) {
            report(.error, path, mark, L(
                "did you mean `\(same)`? Field names are case-sensitive (camelCase).",
                "`\(same)` のことですか？ フィールド名は大文字と小文字を区別します（camelCase）。"))
            return
        }
        if let guess = names.map({ ($0, editDistance($0, key)) }).filter({ $0.1 <= 2 }).min(by: { $0.1 < $1.1 })?.0,
           !siblings.contains(guess) {
            report(.error, path, mark, L("did you mean `\(guess)`?", "`\(guess)` のことですか？"))
            return
        }
        if let home = placement(of: key, from: type) {
            report(.error, path, mark, L(
                "`\(key)` is at the wrong indentation: it belongs in \(home), not in \(type.name). Check that it lines up with the fields of \(home).",
                "`\(key)` の字下げ（インデント）の位置が違います。\(type.name) ではなく \(home) のフィールドです。\(home) の他のフィールドと揃えてください。"))
            return
        }
        report(.error, path, mark, L(
            "`\(key)` is not a field of \(type.name) (see `kubectl explain`).",
            "`\(key)` は \(type.name) のフィールドではありません（`kubectl explain` で確認できます）。"))
    }

    /// The nearest type (breadth-first from `type`, then any type) that has a field named `key`.
    private func placement(of key: String, from type: TypeDoc) -> String? {
        var queue = [type.name], seen: Set<String> = []
        while !queue.isEmpty {
            let name = queue.removeFirst()
            guard !seen.contains(name), let t = FieldDocs.types[name] else { continue }
            seen.insert(name)
            if name != type.name, t.field(key) != nil { return name }
            queue += t.fields.compactMap(\.typeName)
        }
        let likely = ["Container", "PodSpec", "ObjectMeta", "DeploymentSpec", "PodTemplateSpec"]
        return likely.first { FieldDocs.types[$0]?.field(key) != nil && $0 != type.name }
    }

    private mutating func report(_ severity: QuizFeedback.Severity, _ path: String, _ mark: Mark, _ text: Localized) {
        explainedPaths.insert(path)
        feedback.append(QuizFeedback(severity, path: path, mark: mark, message: text.text(language)))
    }
}

/// Levenshtein distance, for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
