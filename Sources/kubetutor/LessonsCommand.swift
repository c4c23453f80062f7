import ArgumentParser
import Foundation
import Tutor

/// `kubetutor lessons lint|play`: tools for lesson authors and workshop instructors.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "Check lesson files, or replay their solutions against a fresh cluster.",
        subcommands: [LessonsLint.self, LessonsPlay.self])
}

struct LessonsLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lesson files: YAML syntax (with line numbers), unknown fields and check kinds, missing translations, steps without a check.")

    @Argument(help: "Folders of lesson files (default: the built-in lessons).")
    var directories: [String] = []

    func run() throws {
        var dirs = directories
        if dirs.isEmpty {
            guard let builtIn = LessonCatalog.builtInDirectory() else {
                FileHandle.standardError.write(Data("kubetutor: cannot find the built-in lessons folder; name one (or set KUBETUTOR_LESSONS)\n".utf8))
                throw ExitCode(2)
            }
            dirs = [builtIn]
        }
        var problems = 0
        for dir in dirs {
            let result = LessonLinter.lint(directory: dir)
            for issue in result.issues { print(issue) }
            problems += result.issues.count
            print("\(dir): \(result.files.count) file(s), \(result.lessons) lesson(s), \(result.issues.count) problem(s)")
            // Quiz items live in the lessons folder's quiz/ and are checked the same way.
            let quizDir = (dir as NSString).appendingPathComponent("quiz")
            if FileManager.default.fileExists(atPath: quizDir) {
                let quiz = QuizLinter.lint(directory: quizDir)
                for issue in quiz.issues { print(issue) }
                problems += quiz.issues.count
                print("\(quizDir): \(quiz.items) quiz item(s), \(quiz.issues.count) problem(s)")
            }
        }
        if problems > 0 { throw ExitCode(1) }
    }
}

struct LessonsPlay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Replay every step's solution against a fresh cluster and verify that each step's checks pass.")

    @Argument(help: "A lesson's number or id (default: every lesson).")
    var lesson: String?

    @Option(help: "en, ja or all (default: all).")
    var lang: String = "all"

    @Option(name: .customLong("lessons"), help: ArgumentHelp("A folder of lesson files to play alongside the built-in ones (repeatable).", valueName: "dir"))
    var lessonDirectories: [String] = []

    @Flag(help: "Play only the lessons of the --lessons folders.")
    var noBuiltinLessons = false

    @Option(help: "Seconds each step may take to pass its checks.")
    var timeout: Double = 30

    func run() throws {
        var options = LessonOptions()
        options.lessonDirectories = lessonDirectories
        options.noBuiltinLessons = noBuiltinLessons
        let catalog = LessonCatalog.load(directories: options.directories)
        for issue in catalog.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
        let languages: [Language]
        if lang == "all" {
            languages = Language.allCases
        } else if let one = Language(argument: lang) {
            languages = [one]
        } else {
            throw ValidationError("--lang must be en, ja or all")
        }
        var lessons = catalog.lessons
        if let lesson {
            guard let found = catalog.find(lesson) else {
                FileHandle.standardError.write(Data("kubetutor: no lesson \"\(lesson)\"\n".utf8))
                throw ExitCode(2)
            }
            lessons = [found.lesson]
        }
        var failed: [String] = []
        var skipped = 0
        for lesson in lessons {
            for language in languages {
                let boot = try ClusterBoot.start(workers: 2)
                let backend = TutorBackend(cluster: boot.cluster)
                let report = LessonReplay.play(lesson, language: language, cluster: boot.cluster, runner: LessonSession.runner(backend),
                                               capabilities: LessonSession.capabilities, timeout: timeout,
                                               log: { FileHandle.standardOutput.write(Data($0.utf8)) })
                boot.cluster.shutdown()
                if report.skipped != nil { skipped += 1 } else if !report.passed { failed.append("\(lesson.id) [\(language.rawValue)]") }
            }
        }
        let played = lessons.count * languages.count - skipped
        print("played \(played), skipped \(skipped), failed \(failed.count)" + (failed.isEmpty ? "" : ": " + failed.joined(separator: ", ")))
        if !catalog.issues.isEmpty || !failed.isEmpty { throw ExitCode(1) }
    }
}
