import XCTest
@testable import Tutor

/// The built-in item bank: size, both languages, the progression, and that every item grades its own
/// correct and incorrect sample answers as written, in English and in Japanese.
final class QuizBankTests: XCTestCase {
    static let quizDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons/quiz").path

    func testTheBuiltInBankHasThirtyItemsInBothLanguagesWithoutProblems() {
        let bank = QuizBank.load(directory: Self.quizDirectory)
        XCTAssertEqual(bank.issues, [])
        XCTAssertGreaterThanOrEqual(bank.items.count, 30)
        for item in bank.items {
            XCTAssertEqual(item.goal.missingLanguages, [], item.id)
            for choice in item.choices { XCTAssertEqual(choice.missingLanguages, [], item.id) }
        }
        XCTAssertEqual(Set(bank.items.map(\.id)).count, bank.items.count, "ids are unique")
    }

    func testTheBankCoversPodsThroughDeploymentsAndConcepts() {
        let bank = QuizBank.load(directory: Self.quizDirectory)
        let topics = Set(bank.items.map(\.topic))
        for topic in ["manifests", "pod", "labels", "ports", "command", "env", "sidecar", "deployment", "concepts"] {
            XCTAssertTrue(topics.contains(topic), topic)
        }
        XCTAssertEqual(bank.items.first?.level, 1, "a session starts with the basics")
        XCTAssertEqual(bank.items.map(\.level), bank.items.map(\.level).sorted())
        let models = bank.items.map(\.model).joined()
        XCTAssertTrue(models.contains("type: Recreate"))
        XCTAssertTrue(models.contains("replicas:"))
        XCTAssertTrue(bank.items.contains { $0.id == "pod-shared-namespaces" && $0.kind == .choice })
    }

    /// The linter grades every sample in both languages: models and `accept` answers pass, each
    /// `reject` answer fails with feedback naming its expected word.
    func testTheFirstSessionCoversPodsAndDeployments() {
        let bank = QuizBank.load(directory: Self.quizDirectory).items
        let first = QuizSchedule().pick(from: bank, count: 10, now: Date())
        XCTAssertEqual(first.count, 10)
        XCTAssertTrue(first.contains { $0.topic == "pod" }, first.map(\.id).description)
        XCTAssertTrue(first.contains { $0.topic == "deployment" }, first.map(\.id).description)
    }

    func testEveryItemGradesItsSampleAnswersInBothLanguages() {
        let result = QuizLinter.lint(directory: Self.quizDirectory)
        XCTAssertEqual(result.issues.map(\.description), [])
        let bank = QuizBank.load(directory: Self.quizDirectory)
        XCTAssertGreaterThan(bank.items.reduce(0) { $0 + $1.accept.count + $1.reject.count }, 60)
        for item in bank.items {
            XCTAssertFalse(item.reject.isEmpty, item.id)
        }
    }

    func testTheLinterReportsABrokenItemWithItsPosition() throws {
        let dir = NSTemporaryDirectory() + "quiz-lint-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
        items:
          - id: broken
            goal: {en: Write a Pod}
            hints: [{en: h, ja: ひ}]
            model: |
              apiVersion: v1
              kind: Pod
              metadata: {name: p}
              spec: {containers: [{name: c, image: busybox}]}
            accept:
              - "apiVersion: v1\\nkind: pod\\n"
            reject:
              - answer: "kind: Pod"
                expect: nothing-like-this
            colour: red
        """.write(toFile: dir + "/x.yaml", atomically: true, encoding: .utf8)
        let messages = QuizLinter.lint(directory: dir).issues.map(\.description)
        XCTAssertTrue(messages.contains { $0.contains("missing translation \"ja\"") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("x.yaml:15:5") && $0.contains("unknown field \"colour\"") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("accept[0] does not pass") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("does not mention \"nothing-like-this\"") }, "\(messages)")
    }
}
