import Foundation
import Shell
import Tutor

/// Puts the quiz in front of another shell backend: `quiz` starts a session; while one runs, answers,
/// `hint`, `skip`, `apply` and `quiz end` go to it, and Tab completion is off during a YAML attempt.
/// Everything else (and everything outside a session) goes to the wrapped backend, so kubectl keeps
/// working between questions (`kubectl explain pod.spec`).
final class QuizShellBackend: ShellBackend {
    let inner: ShellBackend
    private let bank: () -> QuizBank?
    private(set) var session: QuizSession?
    /// The session that just ended, so `apply` can still create its last correct answer.
    private var lastFinished: QuizSession?
    private let store: QuizScheduleStore
    /// The learner's language now (the shell's `set lang` changes it between quizzes).
    private let currentLanguage: () -> Language
    private var language: Language { currentLanguage() }

    init(inner: ShellBackend, language: @escaping () -> Language = { .fromEnvironment() },
         store: QuizScheduleStore = QuizScheduleStore(path: QuizScheduleStore.defaultPath()),
         bank: @escaping () -> QuizBank? = { QuizBank.builtInDirectory().map(QuizBank.load(directory:)) }) {
        self.inner = inner
        currentLanguage = language
        self.store = store
        self.bank = bank
    }

    var prompt: String { session.map(\.prompt) ?? inner.prompt }

    func splitNotice(command: String) -> String { inner.splitNotice(command: command) }

    /// True while the learner is typing a YAML answer (completion and inline hints off).
    var isAttempting: Bool { session?.expectsManifest == true }

    /// While an answer is expected, any typed line starts it (the Shell asks).
    var readsManifest: Bool { isAttempting }

    func run(_ input: ShellInput, output: OutputSink) -> CommandOutcome {
        if case .command(let line) = input, let words = Optional(line.split(separator: " ").map(String.init)), words.first == "quiz" {
            return quizCommand(Array(words.dropFirst()), output: output)
        }
        guard let session else {
            // `apply` right after the last question still applies its correct answer.
            if case .command("apply") = input, let finished = lastFinished { return reply(finished.handle(.apply), output: output) }
            return inner.run(input, output: output)
        }
        switch input {
        case .yaml(let text):
            guard session.expectsManifest else { return inner.run(input, output: output) }
            return reply(session.handle(.answer(text)), output: output)
        case .command(let line):
            switch line {
            case "hint": return reply(session.handle(.hint), output: output)
            case "skip": return reply(session.handle(.skip), output: output)
            case "apply": return reply(session.handle(.apply), output: output)
            default: break
            }
            if !session.expectsManifest && !line.hasPrefix("kubectl ") && !line.hasPrefix("k ") {
                return reply(session.handle(.answer(line)), output: output)
            }
            if session.expectsManifest && line.contains(":") && !line.hasPrefix("kubectl ") && !line.hasPrefix("k ") {
                output.err(language == .ja
                    ? "解答は `apiVersion:` か `kind:` の行から始めてください（シェルはその行から YAML として読みます）。\n"
                    : "Start your answer with an `apiVersion:` or `kind:` line (the shell reads YAML from there).\n")
                return .failed
            }
            return inner.run(input, output: output)
        }
    }

    /// Ctrl-C during a session skips the current item. Needs the Shell to report interrupts (see the report).
    func interrupted(output: OutputSink) {
        if let session, !session.isFinished { _ = reply(session.handle(.skip), output: output) }
    }

    func completions(lineBeforeCursor: String) -> [String] {
        isAttempting ? [] : inner.completions(lineBeforeCursor: lineBeforeCursor)
    }

    /// Starts a session at once (`kubetutor quiz`).
    func start(count: Int, ids: [String] = [], output: OutputSink) -> CommandOutcome {
        quizCommand(["--count", String(count)] + ids, output: output)
    }

    private func quizCommand(_ args: [String], output: OutputSink) -> CommandOutcome {
        if args.first == "end" || args.first == "stop" {
            guard let session else { output.err("no quiz is running\n"); return .failed }
            return reply(session.handle(.end), output: output)
        }
        guard let bank = bank(), !bank.items.isEmpty else {
            output.err("kubetutor: cannot find the quiz items (lessons/quiz)\n")
            return .failed
        }
        var count = 10, ids: [String] = [], i = 0
        while i < args.count {
            if args[i] == "--count", i + 1 < args.count, let n = Int(args[i + 1]) { count = n; i += 2; continue }
            ids.append(args[i]); i += 1
        }
        let (schedule, warning) = store.load()
        if let warning { output.err("warning: \(warning)\n") }
        let picked = ids.isEmpty ? schedule.pick(from: bank.items, count: count, now: Date()) : ids.compactMap(bank.item)
        if picked.isEmpty {
            output.err("kubetutor: no such quiz item: \(ids.joined(separator: " ")) (see `kubetutor quiz --list`)\n")
            return .failed
        }
        let session = QuizSession(items: picked, language: language, schedule: schedule, store: store)
        self.session = session
        output.out(session.start())
        return .ok
    }

    private func reply(_ reply: QuizSession.Reply, output: OutputSink) -> CommandOutcome {
        output.out(reply.text)
        var outcome = CommandOutcome.ok
        if let manifest = reply.manifest {
            outcome = inner.run(.yaml(manifest), output: output)
            if outcome == .ok {
                output.out(language == .ja ? "`kubectl get pods` で動いている様子を確認できます。\n" : "See it run: `kubectl get pods`.\n")
            }
        }
        if reply.finished {
            lastFinished = session
            session = nil
        }
        return outcome
    }
}
