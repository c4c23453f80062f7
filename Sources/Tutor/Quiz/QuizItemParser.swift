import YAML

/// Reads quiz item files (format: lessons/quiz/README.md), reporting every problem with its position.
enum QuizItemParser {
    static let itemFields = ["id", "kind", "level", "topic", "goal", "hints", "model", "choices", "answer",
                             "explanation", "tries", "points", "seconds", "accept", "reject"]

    static func parse(_ text: String, file: String) -> ([QuizItem], [LessonIssue]) {
        var reader = NodeReader(file: file)
        let documents: [Node]
        do {
            documents = try parseYAML(text)
        } catch let e as YAMLError {
            return ([], [LessonIssue(file: file, mark: e.mark, message: e.kubectlMessage)])
        } catch {
            return ([], [LessonIssue(file: file, mark: Mark(line: 0, column: 0), message: "\(error)")])
        }
        var items: [QuizItem] = []
        for document in documents {
            let top = reader.fields(document, "quiz file", allowed: ["items"])
            guard let list = top["items"] else {
                reader.problem("a quiz file holds a list under `items:`", at: document.mark)
                continue
            }
            for node in reader.sequence(list, "items") {
                if let item = parseItem(node, file: file, reader: &reader) { items.append(item) }
            }
        }
        return (items, reader.issues)
    }

    private static func parseItem(_ node: Node, file: String, reader: inout NodeReader) -> QuizItem? {
        let f = reader.fields(node, "item", allowed: itemFields)
        guard let id = reader.string(f["id"], "item id", at: node.mark) else { return nil }
        let what = "item \(id)"
        let kindText = f["kind"].flatMap { reader.string($0, "\(what).kind", at: node.mark) } ?? "manifest"
        guard let kind = QuizItem.Kind(rawValue: kindText) else {
            reader.problem("\(what).kind must be manifest or choice", at: f["kind"]?.mark ?? node.mark)
            return nil
        }
        let goal = reader.localized(f["goal"], "\(what).goal", at: node.mark) ?? Localized([:])
        let hints = f["hints"].map { reader.sequence($0, "\(what).hints") }?.compactMap {
            reader.localized($0, "\(what).hints[]", at: node.mark)
        } ?? []
        let explanation = f["explanation"].flatMap { reader.localized($0, "\(what).explanation", at: node.mark) }
        let choices = f["choices"].map { reader.sequence($0, "\(what).choices") }?.compactMap {
            reader.localized($0, "\(what).choices[]", at: node.mark)
        } ?? []
        var answer: [String] = []
        if let a = f["answer"] {
            if case .sequence(let letters, _) = a {
                answer = letters.compactMap { reader.string($0, "\(what).answer[]", at: a.mark) }
            } else if let letter = reader.string(a, "\(what).answer", at: a.mark) {
                answer = [letter]
            }
        }
        let model = f["model"].flatMap { reader.string($0, "\(what).model", at: node.mark) } ?? ""
        let accept = f["accept"].map { reader.sequence($0, "\(what).accept") }?.compactMap {
            reader.string($0, "\(what).accept[]", at: node.mark)
        } ?? []
        var reject: [QuizItem.RejectSample] = []
        for sample in f["reject"].map({ reader.sequence($0, "\(what).reject") }) ?? [] {
            let s = reader.fields(sample, "\(what).reject[]", allowed: ["answer", "expect"])
            let expect: Localized?
            if case .mapping? = s["expect"] {
                expect = reader.localized(s["expect"], "\(what).reject[].expect", at: sample.mark)
            } else {
                expect = reader.string(s["expect"], "\(what).reject[].expect", at: sample.mark).map { Localized(["en": $0, "ja": $0]) }
            }
            if let a = reader.string(s["answer"], "\(what).reject[].answer", at: sample.mark), let e = expect {
                reject.append(QuizItem.RejectSample(answer: a, expect: e, mark: sample.mark))
            }
        }
        func int(_ key: String, _ fallback: Int) -> Int { f[key].flatMap { reader.int($0, "\(what).\(key)") } ?? fallback }
        let item = QuizItem(
            id: id, kind: kind, level: int("level", 1),
            topic: f["topic"].flatMap { reader.string($0, "\(what).topic", at: node.mark) } ?? "",
            goal: goal, hints: hints, model: model, choices: choices, answer: answer, explanation: explanation,
            tries: int("tries", kind == .choice ? 1 : 3), points: int("points", 10), seconds: int("seconds", kind == .choice ? 60 : 240),
            accept: accept, reject: reject, file: file, mark: node.mark)
        check(item, f: f, node: node, reader: &reader)
        return item
    }

    /// Shape rules that do not need grading (the linter grades the samples).
    private static func check(_ item: QuizItem, f: [String: Node], node: Node, reader: inout NodeReader) {
        let what = "item \(item.id)"
        switch item.kind {
        case .manifest:
            if item.model.isEmpty { reader.problem("\(what): a manifest item needs a model answer", at: node.mark) }
            if !item.choices.isEmpty { reader.problem("\(what): choices belong to choice items", at: f["choices"]?.mark ?? node.mark) }
        case .choice:
            if item.choices.count < 2 { reader.problem("\(what): a choice item needs at least two choices", at: node.mark) }
            let letters = ChoiceGrader.letters(count: item.choices.count)
            if item.answer.isEmpty || !item.answer.allSatisfy(letters.contains) {
                reader.problem("\(what).answer must name choices by letter (\(letters.joined(separator: ", ")))", at: f["answer"]?.mark ?? node.mark)
            }
        }
        if item.tries < 1 { reader.problem("\(what).tries must be at least 1", at: f["tries"]?.mark ?? node.mark) }
        if item.hints.isEmpty && item.kind == .manifest { reader.problem("\(what): give at least one hint", at: node.mark) }
    }
}
