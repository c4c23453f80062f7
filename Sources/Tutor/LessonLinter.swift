import Foundation

/// `kubetutor lessons lint [DIR]`: every problem of every lesson file of a folder.
public enum LessonLinter {
    public struct Result: Sendable {
        public var files: [String]
        public var lessons: Int
        public var issues: [LessonIssue]
    }

    public static func lint(directory: String) -> Result {
        var issues: [LessonIssue] = []
        let files = LessonCatalog.lessonFiles(in: directory, issues: &issues)
        var ids: [String: String] = [:]
        var lessons = 0
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                issues.append(LessonIssue(file: path, mark: .init(line: 0, column: 0), message: "cannot read the file (not UTF-8?)"))
                continue
            }
            let (lesson, problems) = LessonParser.parse(text, file: path)
            issues += problems
            guard let lesson else { continue }
            lessons += 1
            if let other = ids[lesson.id] {
                issues.append(LessonIssue(file: path, mark: .init(line: 0, column: 0), message: "lesson id \"\(lesson.id)\" is also used by \(other)"))
            }
            ids[lesson.id] = path
        }
        if files.isEmpty && issues.isEmpty {
            issues.append(LessonIssue(file: directory, mark: .init(line: 0, column: 0), message: "no lesson files (*.yaml) here"))
        }
        return Result(files: files, lessons: lessons, issues: issues)
    }
}
