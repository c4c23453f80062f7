import Foundation

/// One quiz session, independent of any terminal: the shell (or a test) feeds it the learner's
/// input and prints what it returns. Items come from `QuizSchedule.pick`; each has a number of
/// tries, hints that cost points, and a timer; the session ends with a summary and saves the schedule.
public final class QuizSession {
    public enum Input: Equatable, Sendable {
        /// An answer: YAML for a manifest item, letters for a choice item.
        case answer(String)
        case hint
        /// Skip the current item (also Ctrl-C).
        case skip
        /// Apply the last passed manifest to the live cluster.
        case apply
        /// Stop the quiz now.
        case end
    }

    public struct Reply: Equatable, Sendable {
        public var text: String
        /// For `.apply`: the manifest to create in the cluster.
        public var manifest: String?
        /// True when the session is over (summary printed).
        public var finished: Bool
    }

    public struct Result: Equatable, Sendable {
        public var id: String
        public var passed: Bool
        public var skipped: Bool
        public var score: Int
        public var points: Int
        public var seconds: Int
        public var hints: Int
        public var tries: Int
    }

    public static let hintCost = 2

    public let language: Language
    public private(set) var items: [QuizItem]
    public private(set) var index = 0
    public private(set) var results: [Result] = []
    public private(set) var schedule: QuizSchedule
    private let store: QuizScheduleStore?
    private let now: () -> Date
    private var started = Date()
    private var hintsUsed = 0
    private var triesUsed = 0
    private var bestFraction = 0.0
    private var lastPassedManifest: String?

    public init(items: [QuizItem], language: Language, schedule: QuizSchedule, store: QuizScheduleStore?,
                now: @escaping () -> Date = Date.init) {
        self.items = items
        self.language = language
        self.schedule = schedule
        self.store = store
        self.now = now
    }

    public var current: QuizItem? { index < items.count ? items[index] : nil }
    public var isFinished: Bool { current == nil }
    /// True while the current item wants YAML: the shell reads every line as part of the answer and
    /// turns Tab completion and inline hints off (answers come from memory).
    public var expectsManifest: Bool { current?.kind == .manifest }

    public var prompt: String {
        guard let item = current else { return "kubetutor> " }
        return item.kind == .manifest ? "quiz \(index + 1)/\(items.count)> " : "quiz \(index + 1)/\(items.count) [a-\(ChoiceGrader.letters(count: item.choices.count).last ?? "a")]> "
    }

    /// The introduction and the first question.
    public func start() -> String {
        guard !items.isEmpty else { return L("No quiz items.", "問題がありません。").text(language) + "\n" }
        return L("Quiz: \(items.count) question(s). Answers are graded by meaning; `hint` costs \(Self.hintCost) points, `skip` or Ctrl-C skips, `quiz end` stops.",
                 "クイズ: \(items.count) 問。解答は意味で採点します。`hint` は \(Self.hintCost) 点減点、`skip` か Ctrl-C でスキップ、`quiz end` で終了。").text(language)
            + "\n\n" + question()
    }

    public func handle(_ input: Input) -> Reply {
        switch input {
        case .end:
            let left = current
            if let left { finish(left, passed: false, skipped: true, fraction: 0) }
            index = items.count
            return Reply(text: summary(), manifest: nil, finished: true)
        case .apply:
            guard let manifest = lastPassedManifest else {
                return Reply(text: L("Nothing to apply yet: `apply` creates your last correct manifest in the cluster.",
                                     "まだ適用できるものがありません。`apply` は直前に正解したマニフェストをクラスタに作成します。").text(language) + "\n",
                             manifest: nil, finished: isFinished)
            }
            return Reply(text: "", manifest: manifest, finished: isFinished)
        case .hint:
            guard let item = current else { return Reply(text: "", manifest: nil, finished: true) }
            guard hintsUsed < item.hints.count else {
                return Reply(text: L("No more hints for this question.", "この問題のヒントはもうありません。").text(language) + "\n", manifest: nil, finished: false)
            }
            hintsUsed += 1
            let text = L("hint \(hintsUsed)/\(item.hints.count) (-\(Self.hintCost)): ", "ヒント \(hintsUsed)/\(item.hints.count)（-\(Self.hintCost) 点）: ").text(language)
                + item.hints[hintsUsed - 1].text(language)
            return Reply(text: text + "\n", manifest: nil, finished: false)
        case .skip:
            guard let item = current else { return Reply(text: "", manifest: nil, finished: true) }
            finish(item, passed: false, skipped: true, fraction: 0)
            var text = L("Skipped. It will come back soon.", "スキップしました。近いうちにまた出題します。").text(language) + "\n"
            if item.kind == .manifest { text += "\n" + L("Model answer:", "模範解答:").text(language) + "\n" + item.model }
            return advance(text)
        case .answer(let answer):
            guard let item = current else { return Reply(text: "", manifest: nil, finished: true) }
            return grade(answer, item: item)
        }
    }

    private func grade(_ answer: String, item: QuizItem) -> Reply {
        triesUsed += 1
        let g = QuizGrader.grade(answer, item: item, language: language)
        bestFraction = max(bestFraction, g.fraction)
        var text = ""
        if g.passed {
            let score = finish(item, passed: true, skipped: false, fraction: 1)
            text += "✓ " + L("Correct! +\(score) points", "正解！ +\(score) 点").text(language) + " (\(timing(item)))\n"
            if !g.feedback.isEmpty { text += g.renderedFeedback + "\n" }
            if let e = item.explanation { text += e.text(language) + "\n" }
            if item.kind == .manifest {
                lastPassedManifest = answer
                text += L("Type `apply` to create it in the cluster and see it run.", "`apply` と入力するとクラスタに作成して動く様子を確認できます。").text(language) + "\n"
            }
            return advance(text)
        }
        text += L("Not yet: \(g.satisfied)/\(g.total) required fields right.", "まだです: 必要なフィールド \(g.total) 個中 \(g.satisfied) 個が正解。").text(language) + "\n"
        text += g.renderedFeedback + "\n"
        if triesUsed < item.tries {
            text += L("Try again (\(item.tries - triesUsed) tries left), or `hint` / `skip`.",
                      "もう一度どうぞ（残り \(item.tries - triesUsed) 回）。`hint` / `skip` も使えます。").text(language) + "\n"
            return Reply(text: text, manifest: nil, finished: false)
        }
        let score = finish(item, passed: false, skipped: false, fraction: bestFraction)
        text += L("Out of tries: \(score) point(s) of partial credit.", "回答回数を使い切りました。部分点 \(score) 点。").text(language) + "\n"
        if item.kind == .manifest {
            text += "\n" + ModelAnswerView.sideBySide(answer: answer, model: item.model, grade: g, language: language)
        } else {
            text += L("Right answer: ", "正解: ").text(language) + item.answer.joined(separator: ", ") + "\n"
        }
        if let e = item.explanation { text += e.text(language) + "\n" }
        return advance(text)
    }

    /// A pass always scores above a fail: partial credit for a fail is at most half the points,
    /// and hints and extra tries never bring a pass to half or below.
    static func score(points: Int, passed: Bool, fraction: Double, hints: Int, tries: Int) -> Int {
        let half = points / 2
        if passed {
            let penalty = hints * hintCost + max(0, tries - 1)
            return max(half + 1, points - penalty)
        }
        return max(0, min(half, Int((Double(points) * fraction / 2).rounded(.down)) - hints * hintCost))
    }

    @discardableResult
    private func finish(_ item: QuizItem, passed: Bool, skipped: Bool, fraction: Double) -> Int {
        let score = skipped ? 0 : Self.score(points: item.points, passed: passed, fraction: fraction, hints: hintsUsed, tries: triesUsed)
        let seconds = Int(now().timeIntervalSince(started))
        results.append(Result(id: item.id, passed: passed, skipped: skipped, score: score, points: item.points,
                              seconds: seconds, hints: hintsUsed, tries: triesUsed))
        schedule.record(item.id, passed: passed, score: score, hintsUsed: hintsUsed, now: now())
        try? store?.save(schedule)
        return score
    }

    private func advance(_ text: String) -> Reply {
        index += 1
        hintsUsed = 0
        triesUsed = 0
        bestFraction = 0
        if isFinished { return Reply(text: text + "\n" + summary(), manifest: nil, finished: true) }
        return Reply(text: text + "\n" + question(), manifest: nil, finished: false)
    }

    private func timing(_ item: QuizItem) -> String {
        let seconds = Int(now().timeIntervalSince(started))
        return L("\(seconds) s of \(item.seconds) s", "\(seconds) 秒 / 目安 \(item.seconds) 秒").text(language)
    }

    /// The current question, with its number, points and time budget; starts the item's timer.
    public func question() -> String {
        guard let item = current else { return "" }
        started = now()
        var s = L("Question \(index + 1)/\(items.count) · \(item.id) · \(item.points) points · ⏱ \(item.seconds) s",
                  "問題 \(index + 1)/\(items.count) · \(item.id) · \(item.points) 点 · ⏱ \(item.seconds) 秒").text(language) + "\n"
        s += item.goal.text(language) + "\n"
        if item.kind == .choice {
            for (letter, choice) in zip(ChoiceGrader.letters(count: item.choices.count), item.choices) {
                s += "  \(letter)) \(choice.text(language))\n"
            }
        } else {
            s += L("Type the YAML from memory; an empty line ends it.", "YAML を何も見ずに入力してください。空行で終わります。").text(language) + "\n"
        }
        return s
    }

    /// Scores, times and what comes back next time.
    public func summary() -> String {
        let score = results.reduce(0) { $0 + $1.score }, total = results.reduce(0) { $0 + $1.points }
        var s = L("Quiz summary: \(score)/\(total) points, \(results.filter(\.passed).count)/\(results.count) correct.",
                  "クイズの結果: \(score)/\(total) 点、\(results.count) 問中 \(results.filter(\.passed).count) 問正解。").text(language) + "\n"
        for r in results {
            let mark = r.passed ? "✓" : (r.skipped ? "-" : "✗")
            s += "  \(mark) \(r.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(r.score)/\(r.points)  \(r.seconds) s"
            s += r.hints > 0 ? L("  \(r.hints) hint(s)", "  ヒント \(r.hints)").text(language) : ""
            s += "\n"
        }
        let again = results.filter { !$0.passed }.map(\.id)
        if !again.isEmpty {
            s += L("Coming back first next time: ", "次回最初に出題: ").text(language) + again.joined(separator: ", ") + "\n"
        }
        return s
    }
}
