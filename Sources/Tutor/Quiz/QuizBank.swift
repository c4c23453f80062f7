import Foundation
import YAML

/// The quiz items of a folder (`lessons/quiz/*.yaml`, each file a list under `items:`), in level order.
public struct QuizBank: Sendable {
    public var items: [QuizItem]
    public var issues: [LessonIssue]

    public init(items: [QuizItem], issues: [LessonIssue] = []) {
        self.items = items
        self.issues = issues
    }

    public func item(_ id: String) -> QuizItem? { items.first { $0.id == id } }

    /// `lessons/quiz` of the built-in lessons folder (see `LessonCatalog.builtInDirectory`).
    public static func builtInDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        LessonCatalog.builtInDirectory(environment: environment).map { ($0 as NSString).appendingPathComponent("quiz") }
    }

    /// Loads every `*.yaml` file of `directory`; problems are collected, not thrown.
    public static func load(directory: String) -> QuizBank {
        var issues: [LessonIssue] = []
        let files = LessonCatalog.lessonFiles(in: directory, issues: &issues)
        var items: [QuizItem] = []
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                issues.append(LessonIssue(file: path, mark: Mark(line: 0, column: 0), message: "cannot read the file (not UTF-8?)"))
                continue
            }
            let (parsed, problems) = QuizItemParser.parse(text, file: path)
            items += parsed
            issues += problems
        }
        var seen: [String: String] = [:]
        for item in items {
            if let other = seen[item.id] {
                issues.append(LessonIssue(file: item.file, mark: item.mark, message: "quiz item id \"\(item.id)\" is also used in \(other)"))
            }
            seen[item.id] = item.file
        }
        let ordered = items.enumerated().sorted { ($0.element.level, $0.offset) < ($1.element.level, $1.offset) }.map(\.element)
        return QuizBank(items: ordered, issues: issues)
    }
}
