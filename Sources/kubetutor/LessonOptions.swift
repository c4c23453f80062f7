import ArgumentParser
import Foundation
import Tutor

/// The lesson options of `kubetutor` and `kubetutor lessons play`.
struct LessonOptions: ParsableArguments {
    @Option(help: "Lesson language: en or ja (default: from LC_ALL/LC_MESSAGES/LANG, ja when it starts with \"ja\").")
    var lang: String?

    @Option(name: .customLong("lessons"), help: ArgumentHelp("A folder of lesson files to offer alongside the built-in ones (repeatable).", valueName: "dir"))
    var lessonDirectories: [String] = []

    @Flag(help: "Offer only the lessons of the --lessons folders, not the built-in ones.")
    var noBuiltinLessons = false

    func validate() throws {
        if let lang, Language(argument: lang) == nil, lang != "all" {
            throw ValidationError("--lang must be en or ja, got \"\(lang)\"")
        }
        if noBuiltinLessons && lessonDirectories.isEmpty {
            throw ValidationError("--no-builtin-lessons needs at least one --lessons DIR")
        }
    }

    /// The language asked for, else the locale's.
    var language: Language { lang.flatMap(Language.init(argument:)) ?? Language.fromEnvironment() }

    /// Built-in folder first (unless excluded), then the instructor's, so theirs can override by id.
    var directories: [String] {
        var dirs: [String] = []
        if !noBuiltinLessons, let builtIn = LessonCatalog.builtInDirectory() { dirs.append(builtIn) }
        return dirs + lessonDirectories
    }
}
