import Foundation
import Cluster

/// `kubetutor lessons play`: runs every step's solution against a cluster, as a learner would type
/// it, and verifies that the step's checks then pass. Stops a lesson at its first failing step.
public enum LessonReplay {
    public struct StepReport: Sendable {
        public var index: Int
        public var id: String
        public var seconds: Double
        /// Empty when the step passed.
        public var failures: [String]
    }

    public struct Report: Sendable {
        public var lesson: Lesson
        public var language: Language
        public var steps: [StepReport] = []
        /// Why the lesson was not played (a missing host feature), if it was not.
        public var skipped: String?
        public var passed: Bool { skipped == nil && steps.allSatisfy { $0.failures.isEmpty } && steps.count == lesson.steps.count }
    }

    /// - Parameter log: receives one line per step as it finishes.
    public static func play(_ lesson: Lesson, language: Language, cluster: Cluster, runner: EntryRunner,
                            capabilities: Set<String>, timeout: TimeInterval = 30,
                            log: (String) -> Void = { _ in }) -> Report {
        var report = Report(lesson: lesson, language: language)
        let missing = lesson.requires.filter { !capabilities.contains($0) }
        if !missing.isEmpty {
            report.skipped = "needs \(missing.joined(separator: ", ")), which this build does not have"
            log("lesson \(lesson.id) [\(language.rawValue)]: SKIPPED: \(report.skipped ?? "")\n")
            return report
        }
        let problems = StartState.build(lesson: lesson, step: 0, cluster: cluster, runner: runner)
        if !problems.isEmpty {
            report.steps.append(StepReport(index: 0, id: "setup", seconds: 0, failures: problems))
            log("lesson \(lesson.id) [\(language.rawValue)] setup: FAILED\n" + problems.map { "    \($0)\n" }.joined())
            return report
        }
        for (index, step) in lesson.steps.enumerated() {
            let started = Date()
            var failures = textProblems(step, language: language)
            let tracker = StepTracker(step: step, cluster: cluster)
            for entry in step.solution {
                let result = runner(entry)
                if result.status != 0 {
                    failures.append("solution `\(entry.display)` exited \(result.status): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
                tracker.observe(entry, result)
            }
            if !tracker.waitForCompletion(timeout: timeout) {
                for o in tracker.evaluate(language: .en) where !o.passed {
                    failures.append("check \(o.check.summary) (line \(o.check.mark.line)) does not pass: \(o.detail)")
                }
                if failures.isEmpty { failures.append("the step did not complete within \(Int(timeout))s") }
            }
            let seconds = Date().timeIntervalSince(started)
            report.steps.append(StepReport(index: index, id: step.id, seconds: seconds, failures: failures))
            let where_ = "lesson \(lesson.id) [\(language.rawValue)] step \(index + 1)/\(lesson.steps.count) \(step.id)"
            if failures.isEmpty {
                log("\(where_): ok (\(String(format: "%.2f", seconds))s)\n")
            } else {
                log("\(where_): FAILED (\(lesson.file):\(step.mark.line))\n" + failures.map { "    \($0)\n" }.joined())
                break
            }
        }
        return report
    }

    /// The step's texts must exist in the language being played.
    private static func textProblems(_ step: LessonStep, language: Language) -> [String] {
        var out: [String] = []
        for (name, text) in [("title", step.title), ("text", step.text), ("try", step.task)] where text.missingLanguages.contains(language) {
            out.append("\(name) has no \(language.rawValue) text")
        }
        return out
    }
}
