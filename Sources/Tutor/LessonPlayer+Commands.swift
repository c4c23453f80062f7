import Foundation
import Kubectl

/// What a player command printed and whether it succeeded.
public struct PlayerReply: Equatable, Sendable {
    public var out: String
    public var err: String
    public var status: Int32
    public init(out: String = "", err: String = "", status: Int32 = 0) {
        self.out = out
        self.err = err
        self.status = status
    }
}

extension LessonPlayer {
    /// The shell commands the player answers, with usage and a one-line summary (for `help`).
    public static let commands: [(name: String, usage: String, summary: Localized)] = [
        ("lessons", "lessons", ShellText.p("list the lessons with your progress", "レッスンの一覧と進み具合を表示します")),
        ("lesson", "lesson [N]", ShellText.p("start or resume lesson N (no N: continue where you left off)",
                                             "レッスン N を開始・再開します（N なし: 前回の続きから）")),
        ("hint", "hint", ShellText.p("show the next hint for the current step", "今のステップの次のヒントを表示します")),
        ("check", "check", ShellText.p("check the current step and say what is missing", "今のステップを確認し、足りないものを伝えます")),
        ("next", "next", ShellText.p("go to the next step (or skip this one)", "次のステップへ進みます（このステップを飛ばします）")),
        ("back", "back", ShellText.p("go back to the previous step", "前のステップに戻ります")),
        ("solution", "solution", ShellText.p("show a solution for the current step", "今のステップの解答例を表示します")),
        ("reset", "reset", ShellText.p("restore the cluster to the current step's starting state", "クラスタを今のステップの開始時の状態に戻します")),
        ("progress", "progress [export]", ShellText.p("show what you completed; `progress export [DIR]` writes JSON and text for your instructor",
                                                     "修了した内容を表示します。`progress export [DIR]` で講師向けの JSON とテキストを書き出します")),
        ("set", "set lang|timing …", ShellText.p("`set lang en|ja` switches the lesson language; `set timing fast|real` the node-failure clock",
                                                 "`set lang en|ja` でレッスンの言語を、`set timing fast|real` でノード障害の時計を切り替えます")),
    ]

    /// Runs one player command (`name` is one of `commands`).
    public func run(_ name: String, _ args: [String]) -> PlayerReply {
        switch name {
        case "lessons": return PlayerReply(out: listing())
        case "lesson": return start(args.first)
        case "hint": return inLesson { hint() }
        case "check": return inLesson { check() }
        case "next": return inLesson { move(by: 1) }
        case "back": return inLesson { move(by: -1) }
        case "solution": return inLesson { solution() }
        case "reset": return inLesson { PlayerReply(out: reset()) }
        case "progress":
            if args.first == "export" { return export(to: args.count > 1 ? args[1] : FileManager.default.currentDirectoryPath) }
            return PlayerReply(out: progressReport())
        case "set":
            guard args.count == 2, args[0] == "lang", let lang = Language(argument: args[1]) else {
                return PlayerReply(err: "usage: set lang en|ja\n", status: 1)
            }
            language = lang
            let text = say(language, "Language: English\n", "言語: 日本語\n")
            let step = position.map { present(lesson: $0.lesson, step: $0.step) } ?? ""
            return PlayerReply(out: text + step + save())
        default:
            return PlayerReply(err: "kubetutor: \(name) is not a lesson command\n", status: 1)
        }
    }

    private func inLesson(_ body: () -> PlayerReply) -> PlayerReply {
        guard position != nil else {
            return PlayerReply(err: say(language, "No lesson in progress: type `lessons` to see them, `lesson 1` to start.\n",
                                        "進行中のレッスンはありません。`lessons` で一覧、`lesson 1` で開始します。\n"), status: 1)
        }
        return body()
    }

    private func start(_ reference: String?) -> PlayerReply {
        let target: (index: Int, lesson: Lesson)?
        if let reference {
            target = catalog.find(reference)
        } else if let id = progress.currentLesson, let found = catalog.find(id), progress.record(id).completedAt == nil {
            target = found
        } else {
            target = catalog.lessons.enumerated().first { progress.record($0.element.id).completedAt == nil }
                .map { ($0.offset, $0.element) } ?? catalog.lessons.first.map { (0, $0) }
        }
        guard let (index, lesson) = target else {
            return PlayerReply(err: say(language, "No lesson \"\(reference ?? "")\": type `lessons` for the list.\n",
                                        "レッスン「\(reference ?? "")」はありません。`lessons` で一覧を表示します。\n"), status: 1)
        }
        guard !lesson.steps.isEmpty else { return PlayerReply(err: "lesson \(lesson.id) has no steps\n", status: 1) }
        let missing = lesson.requires.filter { !capabilities.contains($0) }
        var note = ""
        if !missing.isEmpty {
            note = say(language, "Note: this lesson needs \(missing.joined(separator: ", ")), which this build of kubetutor does not have yet.\n",
                       "注意: このレッスンには \(missing.joined(separator: ", ")) が必要ですが、この kubetutor にはまだありません。\n")
        }
        let record = progress.record(lesson.id)
        let step = record.completedAt == nil ? min(record.currentStep, lesson.steps.count - 1) : 0
        // Entering a lesson from outside it (another lesson, none, or a new session): what earlier
        // lessons or sessions left must neither pass nor fail its steps, so the step's start state
        // is built. Typing `lesson` again inside the same lesson keeps the cluster as it is.
        let prepared = position?.lesson == index ? "" : prepare(lesson: lesson, step: step)
        let text = enter(lesson: index, step: step)
        return PlayerReply(out: note + prepared + text + save())
    }

    private func hint() -> PlayerReply {
        guard let (lesson, _, step) = currentStep else { return PlayerReply() }
        guard !step.hints.isEmpty else { return PlayerReply(out: say(language, "No hints for this step.\n", "このステップにヒントはありません。\n")) }
        hintLevel = min(hintLevel + 1, step.hints.count)
        var record = progress.record(lesson.id)
        record.hintsShown += 1
        progress.lessons[lesson.id] = record
        var text = ""
        for (i, hint) in step.hints.prefix(hintLevel).enumerated() {
            text += TextReflow.reflow(say(language, "Hint \(i + 1)/\(step.hints.count): ", "ヒント \(i + 1)/\(step.hints.count): ")
                                      + render(hint.text(language)).trimmingCharacters(in: .newlines), width: width()) + "\n"
        }
        if hintLevel == step.hints.count {
            text += say(language, "(That was the last hint; `solution` shows a way to do it.)\n", "（これが最後のヒントです。`solution` で解答例を表示します。）\n")
        }
        return PlayerReply(out: text + save())
    }

    private func check() -> PlayerReply {
        guard let tracker else { return PlayerReply() }
        let outcomes = tracker.evaluate(language: language)
        if tracker.commandChecksMet && outcomes.allSatisfy(\.passed) { return PlayerReply(out: completeStep()) }
        var text = ""
        for o in outcomes {
            text += (o.passed ? "  ✓ " : "  ✗ ") + o.check.label(language) + (o.passed || o.detail.isEmpty ? "" : " — " + o.detail) + "\n"
        }
        text += say(language, "Not done yet. Stuck? `hint` gives a clue, `solution` shows a way.\n",
                    "まだ完了していません。困ったら `hint` でヒント、`solution` で解答例を表示します。\n")
        // Something this step starts from is missing (deleted by the learner, or never made).
        if let (_, index, _) = currentStep, index > 0,
           outcomes.contains(where: { !$0.passed && !$0.check.isCommandCheck && Self.saysMissing($0.detail) }) {
            text += say(language, "Something an earlier step made is gone: `reset` rebuilds the start of this step.\n",
                        "前のステップで作ったものがなくなっています。`reset` でこのステップの開始時の状態に戻せます。\n")
        }
        return PlayerReply(out: text, status: 1)
    }

    /// Whether a check's detail says an object is not there (the checks' own wording, both languages).
    static func saysMissing(_ detail: String) -> Bool {
        ["no pod", "no deployment", "does not exist", "had no pods", "はまだありません", "がありません", "ありませんでした"].contains { detail.contains($0) }
    }

    private func move(by delta: Int) -> PlayerReply {
        guard let (lesson, index, _) = currentStep, let position else { return PlayerReply() }
        let target = index + delta
        guard target >= 0 else { return PlayerReply(err: say(language, "This is the first step.\n", "これが最初のステップです。\n"), status: 1) }
        guard target < lesson.steps.count else {
            return PlayerReply(err: say(language, "This is the last step: `check` to finish the lesson.\n", "これが最後のステップです。`check` でレッスンを終えましょう。\n"), status: 1)
        }
        return PlayerReply(out: enter(lesson: position.lesson, step: target) + save())
    }

    private func solution() -> PlayerReply {
        guard let (lesson, _, step) = currentStep else { return PlayerReply() }
        var record = progress.record(lesson.id)
        record.solutionsShown += 1
        progress.lessons[lesson.id] = record
        var text = say(language, "One way to do it:\n", "解答例:\n")
        for entry in step.solution {
            switch entry {
            case .command(let line): text += "  kubetutor> \(line)\n"
            case .manifest(let yaml): text += yaml.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n") + "\n"
            }
        }
        return PlayerReply(out: text + save())
    }

    /// A step as the learner sees it: a heading underlined to its display width, the text, what to try.
    func present(lesson: Int, step: Int) -> String {
        let l = catalog.lessons[lesson]
        let s = l.steps[step]
        let heading = say(language, "Lesson \(lesson + 1) · Step \(step + 1)/\(l.steps.count): ", "レッスン \(lesson + 1) · ステップ \(step + 1)/\(l.steps.count): ")
            + s.title.text(language)
        var text = "\n" + heading + "\n" + String(repeating: "─", count: DisplayWidth.of(heading)) + "\n"
        let columns = width()
        text += TextReflow.reflow(render(s.text.text(language)).trimmingCharacters(in: .newlines), width: columns) + "\n\n"
        text += TextReflow.reflow(say(language, "▶ Try: ", "▶ やってみよう: ") + render(s.task.text(language)).trimmingCharacters(in: .newlines),
                                  width: columns) + "\n"
        return text
    }
}
