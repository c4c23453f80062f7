import Foundation
import YAML

/// Checks a folder of quiz items, for `kubetutor lessons lint` and `kubetutor quiz --lint`: the file
/// format, both languages, and that every item grades as its author meant: the model answer and each
/// `accept` sample pass, each `reject` sample fails with feedback naming its `expect` word, in English
/// and in Japanese.
public enum QuizLinter {
    public struct Result: Sendable {
        public var items: Int
        public var issues: [LessonIssue]
    }

    public static func lint(directory: String) -> Result {
        let bank = QuizBank.load(directory: directory)
        var issues = bank.issues
        for item in bank.items { issues += lint(item) }
        if bank.items.isEmpty && issues.isEmpty {
            issues.append(LessonIssue(file: directory, mark: Mark(line: 0, column: 0), message: "no quiz items here"))
        }
        return Result(items: bank.items.count, issues: issues)
    }

    public static func lint(_ item: QuizItem) -> [LessonIssue] {
        var issues: [LessonIssue] = []
        func problem(_ message: String, _ mark: Mark? = nil) {
            issues.append(LessonIssue(file: item.file, mark: mark ?? item.mark, message: "item \(item.id): \(message)"))
        }
        for language in Language.allCases {
            if item.kind == .manifest {
                let own = ManifestGrader.grade(item.model, item: item, language: language)
                if !own.passed { problem("the model answer does not pass (\(language.rawValue)): \(own.renderedFeedback)") }
            }
            for (i, sample) in item.accept.enumerated() {
                let g = QuizGrader.grade(sample, item: item, language: language)
                if !g.passed { problem("accept[\(i)] does not pass (\(language.rawValue)):\n\(g.renderedFeedback)") }
            }
            for (i, sample) in item.reject.enumerated() {
                let g = QuizGrader.grade(sample.answer, item: item, language: language)
                if g.passed { problem("reject[\(i)] passes (\(language.rawValue))", sample.mark) }
                else if !g.renderedFeedback.contains(sample.expect.text(language)) {
                    problem("reject[\(i)]: the feedback (\(language.rawValue)) does not mention \"\(sample.expect.text(language))\":\n\(g.renderedFeedback)", sample.mark)
                }
            }
        }
        if item.accept.isEmpty && item.kind == .manifest { problem("give at least one `accept` sample besides the model answer") }
        if item.reject.isEmpty { problem("give at least one `reject` sample") }
        return issues
    }
}
