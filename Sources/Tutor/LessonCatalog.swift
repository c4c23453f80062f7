import Foundation

/// The lessons on offer: the built-in folder and/or an instructor's folders, in order.
public struct LessonCatalog: Sendable {
    public private(set) var lessons: [Lesson]
    /// Problems of files that were left out (shown once at start; `lessons lint` gives details).
    public private(set) var issues: [LessonIssue]

    public init(lessons: [Lesson], issues: [LessonIssue] = []) {
        self.lessons = lessons
        self.issues = issues
    }

    /// Loads every `*.yaml`/`*.yml` file of `directories` (in that order; within one folder by `order`,
    /// then file name). A file with problems is left out and its problems kept in `issues`; a lesson
    /// whose id is already taken replaces the earlier one, so an instructor can override a built-in.
    public static func load(directories: [String]) -> LessonCatalog {
        var lessons: [Lesson] = []
        var issues: [LessonIssue] = []
        for directory in directories {
            let (found, problems) = loadDirectory(directory)
            issues += problems
            for lesson in found {
                if let i = lessons.firstIndex(where: { $0.id == lesson.id }) {
                    lessons[i] = lesson
                } else {
                    lessons.append(lesson)
                }
            }
        }
        return LessonCatalog(lessons: lessons, issues: issues)
    }

    /// Every lesson of one folder that reads without problems, and every problem of the others.
    public static func loadDirectory(_ directory: String) -> (lessons: [Lesson], issues: [LessonIssue]) {
        var lessons: [Lesson] = []
        var issues: [LessonIssue] = []
        for path in lessonFiles(in: directory, issues: &issues) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                issues.append(LessonIssue(file: path, mark: .init(line: 0, column: 0), message: "cannot read the file (not UTF-8?)"))
                continue
            }
            let (lesson, problems) = LessonParser.parse(text, file: path)
            issues += problems
            if let lesson, problems.isEmpty { lessons.append(lesson) }
        }
        lessons.sort { ($0.order, $0.file) < ($1.order, $1.file) }
        return (lessons, issues)
    }

    /// The lesson files of a folder, sorted by name (README.md and other files are not lessons).
    public static func lessonFiles(in directory: String, issues: inout [LessonIssue]) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            issues.append(LessonIssue(file: directory, mark: .init(line: 0, column: 0), message: "no such lessons folder"))
            return []
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// `lesson 3` or `lesson sample-pod`: by 1-based number or by id.
    public func find(_ reference: String) -> (index: Int, lesson: Lesson)? {
        if let n = Int(reference), n >= 1, n <= lessons.count { return (n - 1, lessons[n - 1]) }
        guard let i = lessons.firstIndex(where: { $0.id == reference }) else { return nil }
        return (i, lessons[i])
    }

    /// Where the built-in lessons are: `$KUBETUTOR_LESSONS`, else a `lessons` folder (holding
    /// README.md) next to the executable or up to four folders above it (a `swift build` tree keeps the
    /// binary in `.build/<triple>/debug/`), or `share/kubetutor/lessons` beside an installed `bin/`.
    public static func builtInDirectory(environment: [String: String] = ProcessInfo.processInfo.environment,
                                        executable: String = CommandLine.arguments.first ?? "") -> String? {
        if let dir = environment["KUBETUTOR_LESSONS"], !dir.isEmpty { return dir }
        let fm = FileManager.default
        let real = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable
        var dir = (real as NSString).deletingLastPathComponent
        for _ in 0..<5 {
            for candidate in ["lessons", "share/kubetutor/lessons"] {
                let path = (dir as NSString).appendingPathComponent(candidate)
                if fm.fileExists(atPath: (path as NSString).appendingPathComponent("README.md")) { return path }
            }
            dir = (dir as NSString).deletingLastPathComponent
            if dir == "/" || dir.isEmpty { break }
        }
        return nil
    }
}
