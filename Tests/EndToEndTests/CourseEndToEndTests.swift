import Foundation
import XCTest
import Tutor

/// The whole course as a learner takes it: lessons 1 → 9 in order in one cluster, never typing
/// `reset`, each step done by typing its solution at the prompt (plus the classic detours), in
/// English and in Japanese. A step that does not complete fails with what `check` says about it.
final class CourseEndToEndTests: XCTestCase {
    static var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons").path
    }

    func testTheCourseInOrderInEnglish() throws { try playCourse(.en) }

    func testTheCourseInOrderInJapanese() throws { try playCourse(.ja) }

    /// Quitting after every step and starting again: `lesson` resumes the step, on a cluster that
    /// kubetutor brings to the step's start (the new session's cluster is empty).
    func testTheCourseWithARestartAfterEveryStep() throws {
        let lessons = LessonCatalog.load(directories: [Self.lessonsDirectory]).lessons
        let state = try TerminalSession.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["KUBETUTOR_LESSONS": Self.lessonsDirectory, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for (n, lesson) in lessons.enumerated() {
            for (s, step) in lesson.steps.enumerated() {
                let session = try TerminalSession(stateDirectory: state, environment: env)
                let resumed = try session.enter("lesson", timeout: 30)
                XCTAssertTrue(resumed.contains("Lesson \(n + 1) · Step \(s + 1)/"), "lesson \(n + 1) step \(s + 1) resumes: \(resumed.suffix(300))")
                XCTAssertTrue(resumed.contains("Prepared the cluster for this step") || resumed.contains("The cluster is ready for this step"), resumed)
                var seen = ""
                for entry in step.solution { seen += try type(entry, into: session) }
                var completed = seen.contains("✓ Step done")
                var last = ""
                for _ in 0..<30 where !completed {
                    last = try session.enter("check", timeout: 30)
                    completed = last.contains("✓ Step done")
                    if !completed { usleep(300_000) }
                }
                XCTAssertTrue(completed, "lesson \(n + 1) (\(lesson.id)) step \(s + 1) (\(step.id)) after a restart: \(last)")
                if !completed { return }
                session.quitWithCtrlD()
            }
        }
    }

    private func playCourse(_ language: Language) throws {
        let lessons = LessonCatalog.load(directories: [Self.lessonsDirectory]).lessons
        XCTAssertEqual(lessons.count, 9)
        let session = try TerminalSession(environment: ["KUBETUTOR_LESSONS": Self.lessonsDirectory, "LANG": language == .ja ? "ja_JP.UTF-8" : "C.UTF-8", "LC_ALL": language == .ja ? "ja_JP.UTF-8" : "C.UTF-8"])
        let done = language == .ja ? "✓ ステップ完了" : "✓ Step done"
        for (n, lesson) in lessons.enumerated() {
            session.type("lesson \(n + 1)\r")
            try session.expect(language == .ja ? "ステップ 1/" : "Step 1/", timeout: 30)
            try session.expect(TerminalSession.prompt)
            for (s, step) in lesson.steps.enumerated() {
                var seen = ""
                if step.id == "exec" {
                    // The article's way: an interactive shell in the pod, `hostname` typed inside it.
                    session.type("kubectl exec -it sample-pod -- sh\r")
                    try session.expect("# ")
                    try session.enter("hostname", expecting: "sample-pod\r\n")
                    try session.expect("# ")
                    seen += try session.enter("exit", timeout: 30)
                } else {
                    for entry in step.solution { seen += try type(entry, into: session) }
                }
                // As a learner would: when the step is not done yet, ask `check` until it is.
                var completed = seen.contains(done)
                var last = ""
                for _ in 0..<30 where !completed {
                    last = try session.enter("check", timeout: 30)
                    completed = last.contains(done)
                    if !completed { usleep(300_000) }
                }
                XCTAssertTrue(completed, "lesson \(n + 1) (\(lesson.id)) step \(s + 1) (\(step.id)) [\(language)]: \(last)")
                if !completed { return }
            }
            // The detour of lesson 7: the learner scaled `web` to 5, which lesson 8 must not trip over.
            if lesson.id.contains("self-healing") { try session.enter("kubectl scale deployment web --replicas=5", expecting: "scaled") }
        }
        session.quitWithCtrlD()
    }

    /// Types one solution entry; returns what kubetutor printed up to the next prompt.
    private func type(_ entry: LearnerEntry, into session: TerminalSession) throws -> String {
        switch entry {
        case .command(let line):
            return try session.enter(line, timeout: 60)
        case .manifest(let yaml):
            for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                try session.enter(String(line), expecting: TerminalSession.continuationPrompt)
            }
            return try session.enter("", timeout: 30)
        }
    }
}
