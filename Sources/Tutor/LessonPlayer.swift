import Foundation
import Cluster

/// The lesson player behind the shell's `lessons`, `lesson N`, `hint`, `check`, `next`, `back`,
/// `solution`, `reset`, `progress` and `set lang`. After every learner command the host calls
/// `observe`, which checks the current step and moves on when it is done. Progress is saved after
/// every change.
public final class LessonPlayer {
    public let catalog: LessonCatalog
    public let cluster: Cluster
    public var language: Language
    /// Host features present (`LessonRequirement`), e.g. `node-stop` once the shell has `node stop`.
    public var capabilities: Set<String>
    /// Values for `{{name}}` placeholders in lesson texts (e.g. the node-failure timings in force).
    public var variables: [String: String]
    let store: ProgressStore
    let runner: EntryRunner
    public internal(set) var progress: Progress
    /// Why the saved progress could not be used, if it could not (shown once at start).
    public let loadWarning: String?
    /// The lesson and step being worked on.
    var position: (lesson: Int, step: Int)?
    var tracker: StepTracker?
    /// Hints shown so far on the current step.
    var hintLevel = 0
    /// The width lesson text is reflowed to: the terminal's, or 80 when output is not a terminal.
    public var width: () -> Int = { TextReflow.pipedWidth }
    /// Problems saving progress are reported once, not after every command.
    var saveWarningShown = false

    /// `language`: the one asked for (`--lang`); else the one saved with the progress; else `fallback`
    /// (the locale's).
    public init(catalog: LessonCatalog, cluster: Cluster, store: ProgressStore, language: Language? = nil,
                fallback: Language = .en, capabilities: Set<String> = [], variables: [String: String] = [:], runner: @escaping EntryRunner) {
        self.catalog = catalog
        self.cluster = cluster
        self.store = store
        self.runner = runner
        self.capabilities = capabilities
        self.variables = variables
        let (loaded, warning) = store.load()
        progress = loaded
        loadWarning = warning
        self.language = language ?? loaded.language ?? fallback
    }

    /// Shown at start when a lesson was left unfinished: how to continue.
    public var resumeOffer: String? {
        guard let id = progress.currentLesson, let (index, lesson) = catalog.find(id) else { return nil }
        let record = progress.record(id)
        guard record.completedAt == nil, lesson.steps.indices.contains(record.currentStep) else { return nil }
        let step = lesson.steps[record.currentStep]
        return say(language,
                   "Welcome back: you were on lesson \(index + 1) \"\(lesson.title.text(language))\", step \(record.currentStep + 1) \"\(step.title.text(language))\". Type `lesson` to continue.\n",
                   "おかえりなさい。レッスン \(index + 1)「\(lesson.title.text(language))」のステップ \(record.currentStep + 1)「\(step.title.text(language))」の途中です。`lesson` と入力すると続きから始めます。\n")
    }

    /// The step being worked on, if any.
    public var currentStep: (lesson: Lesson, index: Int, step: LessonStep)? {
        guard let position else { return nil }
        let lesson = catalog.lessons[position.lesson]
        return (lesson, position.step, lesson.steps[position.step])
    }

    /// Called after every learner command (not the player's own): checks the step and, when it is
    /// done, says so and shows the next one. Returns what to print, or nil.
    public func observe(_ entry: LearnerEntry, _ result: EntryResult) -> String? {
        guard let tracker else { return nil }
        tracker.observe(entry, result)
        guard tracker.commandChecksMet else { return nil }
        // A command that changes the cluster gets a moment for the cluster to catch up (pods start in ms).
        let waits = Self.changesCluster(entry)
        guard waits ? tracker.waitForCompletion(timeout: ClusterChecks.settle + 1.5) : tracker.isComplete(language: language) else { return nil }
        return completeStep()
    }

    static func changesCluster(_ entry: LearnerEntry) -> Bool {
        let verb = CommandChecks.words(of: entry).first ?? ""
        return ["apply", "create", "delete", "run", "scale", "set", "rollout", "node"].contains(verb)
    }

    /// Marks the current step done, saves, and returns the congratulation plus the next step.
    func completeStep() -> String {
        guard let (lesson, index, step) = currentStep, let position else { return "" }
        var record = progress.record(lesson.id)
        if !record.completedSteps.contains(step.id) { record.completedSteps.append(step.id) }
        var text = "\n" + say(language, "✓ Step done: \(step.title.text(language))", "✓ ステップ完了: \(step.title.text(language))") + "\n"
        if let hood = step.underTheHood { text += underTheHood(hood) }
        if index + 1 < lesson.steps.count {
            record.currentStep = index + 1
            progress.lessons[lesson.id] = record
            text += enter(lesson: position.lesson, step: index + 1)
        } else {
            record.completedAt = record.completedAt ?? Date()
            progress.lessons[lesson.id] = record
            self.position = nil
            tracker = nil
            text += lessonFinished(lesson, index: position.lesson)
        }
        return text + save()
    }

    private func lessonFinished(_ lesson: Lesson, index: Int) -> String {
        var text = say(language, "\n🎉 Lesson \(index + 1) complete: \(lesson.title.text(language))\n",
                       "\n🎉 レッスン \(index + 1) 修了: \(lesson.title.text(language))\n")
        if index + 1 < catalog.lessons.count {
            let next = catalog.lessons[index + 1]
            text += say(language, "Next: `lesson \(index + 2)` — \(next.title.text(language))\n",
                        "次は `lesson \(index + 2)` — \(next.title.text(language))\n")
        } else {
            text += say(language, "That was the last lesson. `progress` shows what you did.\n",
                        "これが最後のレッスンです。`progress` で学習の記録を確認できます。\n")
        }
        return text
    }

    /// Moves to a step, records it and returns its presentation.
    func enter(lesson: Int, step: Int) -> String {
        let l = catalog.lessons[lesson]
        position = (lesson, step)
        hintLevel = 0
        tracker = StepTracker(step: l.steps[step], cluster: cluster)
        progress.currentLesson = l.id
        var record = progress.record(l.id)
        record.currentStep = step
        if record.startedAt == nil { record.startedAt = Date() }
        progress.lessons[l.id] = record
        return present(lesson: lesson, step: step)
    }

    /// Saves progress; returns a warning line the first time saving fails.
    func save() -> String {
        progress.language = language
        do {
            try store.save(progress)
            return ""
        } catch {
            if saveWarningShown { return "" }
            saveWarningShown = true
            return "warning: progress not saved: \(error)\n"
        }
    }

    /// Replaces `{{name}}` placeholders with the host's values.
    func render(_ text: String) -> String {
        var out = text
        for (name, value) in variables { out = out.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return out
    }
}
