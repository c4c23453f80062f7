import Cluster
import APIServer
import Kubectl
import KubeAPI
import YAML

/// Grades a YAML answer by meaning: parse it, check its keys, decode and validate it as the cluster
/// would, then compare every field the model answer writes. Key order, flow or block style, quoting
/// and extra valid fields do not matter.
public enum ManifestGrader {
    public static func grade(_ answer: String, item: QuizItem, language: Language) -> QuizGrade {
        let explainer = MistakeExplainer(language: language, source: answer)
        var grade = QuizGrade(passed: false, fraction: 0, satisfied: 0, total: 0, feedback: [], answerLines: [], modelLines: [])
        guard let model = (try? parseYAML(item.model))?.first else {
            grade.feedback = [QuizFeedback(.error, message: "the item's model answer does not parse (run `kubetutor quiz --lint`)")]
            return grade
        }
        let requirements = ManifestRequirements.of(model)
        grade.total = requirements.count
        grade.modelLines = Set(requirements.map(\.modelLine))

        let documents: [YAML.Node]
        do {
            documents = try parseYAML(answer)
        } catch let e as YAMLError {
            grade.feedback = [explainer.syntax(e)]
            grade.answerLines = [e.mark.line]
            return grade
        } catch {
            grade.feedback = [QuizFeedback(.error, message: "\(error)")]
            return grade
        }
        guard let document = documents.first else {
            grade.feedback = [QuizFeedback(.error, message: L("the answer is empty.", "解答が空です。").text(language))]
            return grade
        }
        if documents.count > 1 {
            grade.feedback.append(QuizFeedback(.note, message: L("only the first document (before `---`) is graded.",
                                                                "採点するのは最初のドキュメント（`---` の前）だけです。").text(language)))
        }

        // Shape and spelling of keys, against the kind the model answer has.
        var keys = KeyChecker(language: language)
        let modelKind = (try? decodeManifest(model))?.object.resource
        if let kind = modelKind, let root = FieldDocs.type(for: kind) { keys.check(document, as: root) }
        grade.feedback += keys.feedback

        // What the cluster would say.
        var valid = false
        var defaulted: JSONValue?
        do {
            var decoded = try decodeManifest(document)
            setDefaults(&decoded.object)
            defaulted = encode(decoded.object)
            let errors = validate(decoded.object)
            for error in errors where !keys.explainedPaths.contains(error.field) {
                grade.feedback.append(explainer.validation(error, mark: decoded.mark(for: error.field)))
            }
            valid = errors.isEmpty
        } catch let e as ManifestError {
            if !isExplained(e, by: keys) { grade.feedback.append(explainer.manifest(e)) }
        } catch {
            grade.feedback.append(QuizFeedback(.error, message: "\(error)"))
        }

        // Field by field, against the model answer.
        for requirement in requirements {
            if let problem = compare(requirement, in: document, defaulted: defaulted, language: language) {
                if !keys.explainedPaths.contains(requirement.path) || problem.severity == .wrong { grade.feedback.append(problem) }
            } else {
                grade.satisfied += 1
                grade.modelLines.remove(requirement.modelLine)
            }
        }
        grade.feedback += extraContainers(document, model: model, language: language)
        grade.answerLines = Set(grade.feedback.compactMap { $0.mark?.line })
        grade.fraction = grade.total == 0 ? 0 : Double(grade.satisfied) / Double(grade.total)
        grade.passed = valid && grade.satisfied == grade.total && !grade.feedback.contains { $0.severity != .note }
        return grade
    }

    private static func isExplained(_ error: ManifestError, by keys: KeyChecker) -> Bool {
        if case .undecodable(_, _, .unknownFields(let fields)) = error {
            return fields.allSatisfy { field in keys.explainedPaths.contains { field.path.hasPrefix($0) || $0.hasPrefix(field.path) } }
        }
        if case .missingTypeInfo = error, keys.explainedPaths.contains(where: { $0.lowercased() == "apiversion" || $0.lowercased() == "kind" }) {
            return true
        }
        if let path = error.fieldPath, keys.explainedPaths.contains(path) { return true }
        return false
    }

    /// Nil when the answer meets the requirement; otherwise what is missing or wrong. A field the
    /// answer leaves out meets it when the API server's default is the asked value (`replicas: 1`,
    /// `protocol: TCP`, the `default` namespace), and images compare as references (`nginx` is
    /// `nginx:latest` is `docker.io/library/nginx:latest`).
    static func compare(_ r: Requirement, in document: YAML.Node, defaulted: JSONValue? = nil, language: Language) -> QuizFeedback? {
        let expected = ManifestRequirements.show(r.value)
        guard let found = ManifestRequirements.lookup(document, r.steps[...]) else {
            if r.path == "metadata.namespace", r.value == .string("default") { return nil }
            if let defaulted, let value = ManifestRequirements.lookup(defaulted, r.steps[...]), sameValue(value, r.value, path: r.path) {
                return nil
            }
            return QuizFeedback(.missing, path: r.path, message: L(
                "missing (the goal asks for `\(expected)`).", "ありません（課題は `\(expected)` を求めています）。").text(language))
        }
        if r.steps.last == .commandLine {
            let written = ManifestRequirements.commandLine(of: found)
            if written.words.isEmpty {
                return QuizFeedback(.missing, path: r.path, mark: found.mark, message: L(
                    "missing command/args `\(expected)`.", "command/args `\(expected)` がありません。").text(language))
            }
            if written.words != r.value.stringArray || written.setsCommand != r.setsCommand {
                return QuizFeedback(.wrong, path: r.path, mark: found.mark, message: L(
                    "the container runs `\(written.words.joined(separator: " "))`; the goal asks for `\(expected)`\(r.setsCommand ? " (as command, replacing the image's entrypoint)" : " (as args to the image's own command)").",
                    "コンテナは `\(written.words.joined(separator: " "))` を実行します。課題は `\(expected)` です\(r.setsCommand ? "（command としてイメージのエントリポイントを置き換える）" : "（イメージ自身のコマンドへの args として）")。").text(language))
            }
            return nil
        }
        if case .object(let fields) = r.value, fields.isEmpty {
            if case .mapping = found { return nil }
            if found.isNull { return nil }
        }
        let value = ManifestRequirements.json(found)
        if sameValue(value, r.value, path: r.path) { return nil }
        if case .string(let s) = value, Int(s) != nil, case .int = r.value {
            return QuizFeedback(.wrong, path: r.path, mark: found.mark, message: L(
                "is a string \"\(s)\" where a number is needed: write `\(s)` without quotes.",
                "数値が必要なところに文字列 \"\(s)\" があります。引用符を付けずに `\(s)` と書きます。").text(language))
        }
        if case .int(let i) = value, case .string = r.value {
            return QuizFeedback(.wrong, path: r.path, mark: found.mark, message: L(
                "is the number \(i) where a string is needed: quote it, \"\(expected)\".",
                "文字列が必要なところに数値 \(i) があります。\"\(expected)\" のように引用符で囲みます。").text(language))
        }
        // Lists of words: order matters for command/args, not for anything else here.
        if case .array(let a) = value, case .array(let b) = r.value, a.count == b.count,
           Set(a.map(ManifestRequirements.show)) == Set(b.map(ManifestRequirements.show)), !r.path.hasSuffix("command"), !r.path.hasSuffix("args") {
            return nil
        }
        return QuizFeedback(.wrong, path: r.path, mark: found.mark, message: L(
            "is `\(ManifestRequirements.show(value))`; the goal asks for `\(expected)`.",
            "`\(ManifestRequirements.show(value))` になっています。課題は `\(expected)` です。").text(language))
    }

    /// Equal, or the same image reference.
    static func sameValue(_ a: JSONValue, _ b: JSONValue, path: String) -> Bool {
        if a == b { return true }
        if path.hasSuffix(".image"), case .string(let x) = a, case .string(let y) = b {
            return ImageName.qualified(x) == ImageName.qualified(y)
        }
        return false
    }

    /// A container the goal did not ask for (the item says what the pod runs).
    private static func extraContainers(_ document: YAML.Node, model: YAML.Node, language: Language) -> [QuizFeedback] {
        var out: [QuizFeedback] = []
        for path in [["spec", "containers"], ["spec", "template", "spec", "containers"]] {
            let steps = path.map(PathStep.key)[...]
            guard case .sequence(let want, _)? = ManifestRequirements.lookup(model, steps),
                  case .sequence(let have, let mark)? = ManifestRequirements.lookup(document, steps), have.count > want.count else { continue }
            out.append(QuizFeedback(.wrong, path: path.joined(separator: "."), mark: mark, message: L(
                "has \(have.count) containers; the goal asks for \(want.count).",
                "コンテナが \(have.count) 個あります。課題は \(want.count) 個です。").text(language)))
        }
        return out
    }
}

extension JSONValue {
    var stringArray: [String] {
        if case .array(let items) = self { return items.map(ManifestRequirements.show) }
        return []
    }
}
