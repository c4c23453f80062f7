import ArgumentParser
import Foundation
import Shell
import Tutor

/// `kubetutor quiz`: practise writing manifests from memory. With `--item ID --answer FILE` it grades
/// a file and exits 0 on a pass, 1 otherwise; `--list` lists the items; `--lint` checks the bank;
/// without those it starts the cluster and the shell with the quiz running.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz", abstract: "Write Kubernetes YAML from memory, graded by meaning.")

    @Option(help: "Grade one item non-interactively (with --answer).")
    var item: String?

    @Option(help: ArgumentHelp("The answer file to grade (- for stdin).", valueName: "file"))
    var answer: String?

    @Flag(help: "List the quiz items.")
    var list = false

    @Flag(help: "Check the quiz items (format, translations, and that their samples grade as written).")
    var lint = false

    @Option(help: "Number of questions in an interactive session.")
    var count: Int = 10

    @Option(help: "en or ja (default: from the locale).")
    var lang: String?

    @Option(help: ArgumentHelp("A folder of quiz items instead of the built-in ones.", valueName: "dir"))
    var items: String?

    @Option(help: "Number of worker nodes (interactive session, 1–\(Start.maxWorkers)).")
    var workers: Int = 2

    func validate() throws {
        guard (1...Start.maxWorkers).contains(workers) else {
            throw ValidationError("--workers must be between 1 and \(Start.maxWorkers) (see `kubetutor start --help`)")
        }
    }

    func run() throws {
        let language = lang.flatMap(Language.init(argument:)) ?? Language.fromEnvironment()
        guard let dir = items ?? QuizBank.builtInDirectory() else {
            QuizOutput.err("kubetutor: cannot find the quiz items (lessons/quiz); name a folder with --items\n")
            throw ExitCode(2)
        }
        if lint {
            let result = QuizLinter.lint(directory: dir)
            for issue in result.issues { print(issue) }
            print("\(dir): \(result.items) item(s), \(result.issues.count) problem(s)")
            throw ExitCode(result.issues.isEmpty ? 0 : 1)
        }
        let bank = QuizBank.load(directory: dir)
        for issue in bank.issues { QuizOutput.err("warning: \(issue)\n") }
        if list {
            print(QuizListing.table(bank.items, language: language), terminator: "")
            return
        }
        if let id = item {
            throw ExitCode(try gradeFile(id: id, bank: bank, language: language))
        }
        if answer != nil { throw ValidationError("--answer needs --item ID") }
        try QuizShell.run(bank: bank, language: language, count: count, workers: workers)
    }

    private func gradeFile(id: String, bank: QuizBank, language: Language) throws -> Int32 {
        guard let quizItem = bank.item(id) else {
            QuizOutput.err("kubetutor: no quiz item \"\(id)\" (see `kubetutor quiz --list`)\n")
            return 2
        }
        guard let answer else { throw ValidationError("--item needs --answer FILE") }
        let text: String
        if answer == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else if let t = try? String(contentsOfFile: answer, encoding: .utf8) {
            text = t
        } else {
            QuizOutput.err("kubetutor: cannot read \(answer)\n")
            return 2
        }
        let grade = QuizGrader.grade(text, item: quizItem, language: language)
        print(QuizListing.report(grade, item: quizItem, answer: text, language: language), terminator: "")
        return grade.passed ? 0 : 1
    }
}

enum QuizOutput {
    static func err(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// Texts of the non-interactive modes.
enum QuizListing {
    static func table(_ items: [QuizItem], language: Language) -> String {
        var s = "ID                          LEVEL  KIND      GOAL\n"
        for item in items {
            let goal = item.goal.text(language)
            let short = goal.count > 60 ? String(goal.prefix(59)) + "…" : goal
            s += item.id.padding(toLength: 28, withPad: " ", startingAt: 0) + String(item.level).padding(toLength: 7, withPad: " ", startingAt: 0)
                + item.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + short + "\n"
        }
        return s
    }

    static func report(_ grade: QuizGrade, item: QuizItem, answer: String, language: Language) -> String {
        var s = item.goal.text(language) + "\n"
        if grade.passed {
            s += (language == .ja ? "✓ 合格" : "✓ pass") + " (\(grade.satisfied)/\(grade.total))\n"
            if !grade.feedback.isEmpty { s += grade.renderedFeedback + "\n" }
        } else {
            s += (language == .ja ? "✗ 不合格" : "✗ fail") + " (\(grade.satisfied)/\(grade.total))\n"
            s += grade.renderedFeedback + "\n"
            if item.kind == .manifest {
                s += "\n" + ModelAnswerView.sideBySide(answer: answer, model: item.model, grade: grade, language: language)
            }
        }
        return s
    }
}
