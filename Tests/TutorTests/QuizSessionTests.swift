import XCTest
@testable import Tutor

/// A session: hints cost points, tries end with the model answer, Ctrl-C/skip, the per-item timer,
/// the summary, and spaced repetition saved atomically across sessions.
final class QuizSessionTests: XCTestCase {
    var dir = ""
    var clock = Date(timeIntervalSince1970: 1_700_000_000)

    override func setUp() { dir = NSTemporaryDirectory() + "quiz-\(UUID().uuidString)" }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func session(_ ids: [String], schedule: QuizSchedule = QuizSchedule(), language: Language = .en) throws -> QuizSession {
        let items = try ids.map { try XCTUnwrap(QuizGraderTests.bank.item($0)) }
        return QuizSession(items: items, language: language, schedule: schedule,
                           store: QuizScheduleStore(path: dir + "/kubetutor/quiz.json"), now: { [unowned self] in self.clock })
    }

    func testACorrectAnswerScoresFullPointsAndCanBeApplied() throws {
        let s = try session(["pod-sample", "deploy-pod-deleted"])
        XCTAssertTrue(s.start().contains("Question 1/2 · pod-sample"))
        XCTAssertTrue(s.expectsManifest)
        clock += 42
        let model = try XCTUnwrap(s.current).model
        let reply = s.handle(.answer(model))
        XCTAssertTrue(reply.text.contains("Correct! +10 points (42 s of 240 s)"), reply.text)
        XCTAssertTrue(reply.text.contains("Question 2/2"), reply.text)
        XCTAssertFalse(s.expectsManifest, "a choice question is answered with a letter")
        XCTAssertEqual(s.handle(.apply).manifest, model)
        let last = s.handle(.answer("b"))
        XCTAssertTrue(last.finished)
        XCTAssertTrue(last.text.contains("Quiz summary: 20/20 points, 2/2 correct."), last.text)
    }

    func testHintsCostPointsAndTriesEndWithTheModelAnswerAndPartialCredit() throws {
        let s = try session(["pod-sample"])
        _ = s.start()
        XCTAssertTrue(s.handle(.hint).text.contains("hint 1/2 (-2)"))
        let wrong = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: sample\nspec:\n  containers:\n  - name: nginx\n    image: nginx:latest\n"
        XCTAssertTrue(s.handle(.answer(wrong)).text.contains("Try again (2 tries left)"))
        _ = s.handle(.answer(wrong))
        let out = s.handle(.answer(wrong))
        XCTAssertTrue(out.text.contains("Out of tries: 2 point(s) of partial credit."), out.text)
        XCTAssertTrue(out.text.contains("model answer"), out.text)
        XCTAssertTrue(out.finished)
        XCTAssertEqual(s.results.first?.score, 2, "4 of 5 fields right: half of 8, minus 2 for the hint")
        XCTAssertEqual(s.results.first?.hints, 1)
    }

    func testAPassAlwaysScoresAboveAFail() {
        for points in [5, 10, 20] {
            let worstPass = QuizSession.score(points: points, passed: true, fraction: 1, hints: 5, tries: 3)
            let bestFail = QuizSession.score(points: points, passed: false, fraction: 0.99, hints: 0, tries: 3)
            XCTAssertGreaterThan(worstPass, bestFail, "\(points) points")
        }
        XCTAssertEqual(QuizSession.score(points: 10, passed: true, fraction: 1, hints: 0, tries: 1), 10)
        XCTAssertEqual(QuizSession.score(points: 10, passed: true, fraction: 1, hints: 1, tries: 1), 8)
    }

    func testSkippingShowsTheModelAnswerAndScoresNothing() throws {
        let s = try session(["pod-sample", "pod-port"], language: .ja)
        _ = s.start()
        let out = s.handle(.skip)
        XCTAssertTrue(out.text.contains("スキップしました"), out.text)
        XCTAssertTrue(out.text.contains("name: sample-pod"), out.text)
        XCTAssertEqual(s.results.first?.skipped, true)
        XCTAssertEqual(s.results.first?.score, 0)
        let end = s.handle(.end)
        XCTAssertTrue(end.finished)
        XCTAssertTrue(end.text.contains("クイズの結果: 0/20 点"), end.text)
    }

    func testWrongItemsComeBackFirstInTheNextSessionAndTheStateIsSaved() throws {
        let s = try session(["pod-sample", "pod-port"])
        _ = s.start()
        _ = s.handle(.answer(try XCTUnwrap(s.current).model))
        _ = s.handle(.skip)
        let store = QuizScheduleStore(path: dir + "/kubetutor/quiz.json")
        let (saved, warning) = store.load()
        XCTAssertNil(warning)
        XCTAssertEqual(saved.items["pod-sample"]?.box, 1)
        XCTAssertEqual(saved.items["pod-port"]?.box, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/kubetutor"), ["quiz.json"], "no temporary file left")

        clock += 3600
        let next = saved.pick(from: QuizGraderTests.bank.items, count: 3, now: clock)
        XCTAssertEqual(next.first?.id, "pod-port", "the wrong one comes back first")
        XCTAssertFalse(next.contains { $0.id == "pod-sample" }, "a right one waits a day")
        clock += 86_400 * 2
        XCTAssertTrue(saved.pick(from: QuizGraderTests.bank.items, count: 40, now: clock).prefix(2).contains { $0.id == "pod-sample" })
    }

    func testADamagedStateFileIsKeptAsideAndReported() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "{not json".write(toFile: dir + "/quiz.json", atomically: true, encoding: .utf8)
        let (schedule, warning) = QuizScheduleStore(path: dir + "/quiz.json").load()
        XCTAssertEqual(schedule, QuizSchedule())
        XCTAssertNotNil(warning)
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasPrefix("quiz.json.damaged-") })
    }

    func testTheStateLivesInTheXDGStateDirectory() {
        XCTAssertEqual(QuizScheduleStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]), "/s/kubetutor/quiz.json")
    }
}
