import Foundation
import YAML

/// Reads a lesson file (format: lessons/README.md). Returns the lesson when it is usable and every
/// problem found; a lesson with problems is still returned when its structure could be read, so that
/// lint can report all of them, but the catalog only offers lessons without problems.
public enum LessonParser {
    static let lessonFields = ["id", "order", "title", "summary", "requires", "steps"]
    static let stepFields = ["id", "title", "text", "try", "checks", "hints", "solution", "setup", "underTheHood"]

    public static func parse(_ text: String, file: String) -> (lesson: Lesson?, issues: [LessonIssue]) {
        let documents: [Node]
        do {
            documents = try parseYAML(text)
        } catch let e as YAMLError {
            return (nil, [LessonIssue(file: file, mark: e.mark, message: "YAML syntax: \(e.problem)" + (e.context.map { " (\($0))" } ?? ""))])
        } catch {
            return (nil, [LessonIssue(file: file, mark: Mark(line: 0, column: 0), message: "cannot read: \(error)")])
        }
        guard documents.count == 1, let root = documents.first else {
            return (nil, [LessonIssue(file: file, mark: Mark(line: 1, column: 1), message: "a lesson file holds exactly one YAML document, found \(documents.count)")])
        }
        var r = NodeReader(file: file)
        let f = r.fields(root, "lesson", allowed: lessonFields)
        let top = root.mark
        let id = r.string(f["id"], "id", at: top) ?? ""
        let order = f["order"].flatMap { r.int($0, "order") } ?? 1000
        let title = r.localized(f["title"], "title", at: top)
        let summary = f["summary"].flatMap { r.localized($0, "summary", at: top) }
        var requires: [String] = []
        if let node = f["requires"] {
            for item in r.sequence(node, "requires") {
                guard let name = r.string(item, "requires", at: item.mark) else { continue }
                if !LessonRequirement.known.contains(name) {
                    r.problem("requires: unknown feature \"\(name)\" (known: \(LessonRequirement.known.sorted().joined(separator: ", ")))", at: item.mark)
                }
                requires.append(name)
            }
        }
        var steps: [LessonStep] = []
        if let node = f["steps"] {
            let items = r.sequence(node, "steps")
            if items.isEmpty { r.problem("steps: a lesson needs at least one step", at: node.mark) }
            for (i, item) in items.enumerated() {
                if let step = Self.step(item, index: i, reader: &r) { steps.append(step) }
            }
        } else {
            r.problem("steps is missing", at: top)
        }
        var seen: Set<String> = []
        for step in steps where !seen.insert(step.id).inserted {
            r.problem("steps: the id \"\(step.id)\" is used twice", at: step.mark)
        }
        guard let title, !id.isEmpty else { return (nil, r.issues) }
        return (Lesson(id: id, order: order, title: title, summary: summary, requires: requires, steps: steps, file: file), r.issues)
    }

    private static func step(_ node: Node, index: Int, reader r: inout NodeReader) -> LessonStep? {
        let w = "steps[\(index)]"
        let f = r.fields(node, w, allowed: stepFields)
        let m = node.mark
        let id = f["id"].flatMap { r.string($0, "\(w).id", at: m) } ?? "step-\(index + 1)"
        let title = r.localized(f["title"], "\(w).title", at: m)
        let text = r.localized(f["text"], "\(w).text", at: m)
        let task = r.localized(f["try"], "\(w).try", at: m)
        var checks: [Check] = []
        if let list = f["checks"] {
            for (i, item) in r.sequence(list, "\(w).checks").enumerated() {
                if let check = r.check(item, "\(w).checks[\(i)]") { checks.append(check) }
            }
        }
        if checks.isEmpty { r.problem("\(w) (\(id)) has no check: kubetutor could not tell when it is done", at: m) }
        var hints: [Localized] = []
        if let list = f["hints"] {
            for (i, item) in r.sequence(list, "\(w).hints").enumerated() {
                if let hint = r.localized(item, "\(w).hints[\(i)]", at: item.mark) { hints.append(hint) }
            }
        }
        if hints.isEmpty { r.problem("\(w) (\(id)) has no hints", at: m) }
        let solution = entries(f["solution"], "\(w).solution", reader: &r) ?? []
        if solution.isEmpty { r.problem("\(w) (\(id)) has no solution", at: m) }
        let setup = f["setup"].flatMap { entries($0, "\(w).setup", reader: &r) }
        var hood: UnderTheHood?
        if let node = f["underTheHood"] {
            let h = r.fields(node, "\(w).underTheHood", allowed: ["namespaces"])
            hood = r.string(h["namespaces"], "\(w).underTheHood.namespaces", at: node.mark).map { .namespaces(pod: $0) }
        }
        guard let title, let text, let task else { return nil }
        return LessonStep(id: id, title: title, text: text, task: task, checks: checks, hints: hints,
                          solution: solution, setup: setup, underTheHood: hood, mark: m)
    }

    /// A list of things to type: command lines, or block scalars holding a manifest.
    private static func entries(_ node: Node?, _ what: String, reader r: inout NodeReader) -> [LearnerEntry]? {
        guard let node else { return nil }
        return r.sequence(node, what).compactMap { item in
            guard let entry = r.string(item, what, at: item.mark).map(LearnerEntry.init(text:)) else { return nil }
            if case .manifest(let text) = entry {
                do {
                    _ = try parseYAML(text)
                } catch let e as YAMLError {
                    // A block scalar's text starts on the line after its `|`.
                    r.problem("\(what): manifest: \(e.problem)", at: Mark(line: item.mark.line + e.mark.line, column: e.mark.column))
                } catch {
                    r.problem("\(what): manifest: \(error)", at: item.mark)
                }
            }
            return entry
        }
    }
}
