import XCTest
@testable import Tutor

/// Lesson files: the built-in course lints clean, and lint finds each kind of problem with file:line.
final class LessonFormatTests: XCTestCase {
    static var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons").path
    }

    func testBuiltInLessonsLintCleanAndCoverTheCourse() {
        let result = LessonLinter.lint(directory: Self.lessonsDirectory)
        XCTAssertEqual(result.issues.map(\.description), [])
        XCTAssertEqual(result.lessons, 9)
        let catalog = LessonCatalog.load(directories: [Self.lessonsDirectory])
        XCTAssertEqual(catalog.lessons.map(\.id), ["why-orchestrator", "the-pod", "sidecar", "manifests", "apply-get-exec",
                                                   "deployments", "self-healing", "node-failure", "summary"])
        for lesson in catalog.lessons {
            for step in lesson.steps {
                XCTAssertFalse(step.checks.isEmpty, "\(lesson.id)/\(step.id)")
                for text in [step.title, step.text, step.task] + step.hints {
                    XCTAssertEqual(text.missingLanguages, [], "\(lesson.id)/\(step.id)")
                }
            }
        }
    }

    func testTheReadmeExampleIsAValidLesson() throws {
        let readme = try String(contentsOfFile: Self.lessonsDirectory + "/README.md", encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "```yaml\n"))
        let end = try XCTUnwrap(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let (lesson, issues) = LessonParser.parse(String(readme[start.upperBound..<end.lowerBound]), file: "README.md")
        XCTAssertEqual(issues.map(\.description), [])
        XCTAssertEqual(lesson?.steps.first?.solution.count, 2)
    }

    func testSyntaxErrorsNameFileAndLine() {
        let (lesson, issues) = LessonParser.parse("id: x\ntitle:\n  en: a: b\n", file: "bad.yaml")
        XCTAssertNil(lesson)
        XCTAssertEqual(issues.map(\.description), ["bad.yaml:3:8: YAML syntax: mapping values are not allowed in this context"])
    }

    func testUnknownKindsFieldsMissingTranslationsAndStepsWithoutChecksAreReported() {
        let text = """
            id: broken
            title: {en: Broken}
            steps:
              - id: one
                title: {en: One, ja: 一}
                text: {en: Text, ja: 本文}
                try: {en: Try, ja: 試す}
                hints: [{en: H, ja: ヒ}]
                solution: [kubectl get pods]
                checks:
                  - podz: {name: x}
                  - pod: {name: x, colour: red}
              - id: two
                title: {en: Two, ja: 二}
                text: {en: Text, ja: 本文}
                try: {en: Try, ja: 試す}
                hints: [{en: H, ja: ヒ}]
                solution: [kubectl get pods]
                tries: 3
            """
        let messages = LessonParser.parse(text, file: "b.yaml").issues.map(\.description)
        XCTAssertEqual(messages, [
            "b.yaml:2:8: title: missing translation \"ja\"",
            "b.yaml:11:9: steps[0].checks[0]: unknown check kind \"podz\" (known: ran, output, pod, deployment, exists, absent, podRecreated, nodeReady)",
            "b.yaml:12:24: steps[0].checks[1].pod: unknown field \"colour\" (known: name, labels, phase, ready, node, count, spread, containers)",
            "b.yaml:19:5: steps[1]: unknown field \"tries\" (known: id, title, text, try, checks, hints, solution, setup, underTheHood)",
            "b.yaml:13:5: steps[1] (two) has no check: kubetutor could not tell when it is done",
        ])
    }

    func testAnInvalidManifestInASolutionIsReportedAtItsLine() {
        let text = """
            id: m
            title: {en: M, ja: M}
            steps:
              - title: {en: One, ja: 一}
                text: {en: Text, ja: 本文}
                try: {en: Try, ja: 試す}
                hints: [{en: H, ja: ヒ}]
                checks: [{exists: pod/x}]
                solution:
                  - |
                    apiVersion: v1
                    kind: Pod
                    metadata: name: x
            """
        XCTAssertEqual(LessonParser.parse(text, file: "m.yaml").issues.map(\.description),
                       ["m.yaml:13:15: steps[0].solution: manifest: mapping values are not allowed in this context"])
    }

    func testLintOfAFolderFindsDuplicateIdsAndMissingFolders() throws {
        let dir = NSTemporaryDirectory() + "lint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lesson = try String(contentsOfFile: Self.lessonsDirectory + "/05-apply-get-exec.yaml", encoding: .utf8)
        try lesson.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try lesson.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        XCTAssertEqual(LessonLinter.lint(directory: dir).issues.map(\.message), ["lesson id \"apply-get-exec\" is also used by \(dir)/a.yaml"])
        XCTAssertEqual(LessonLinter.lint(directory: dir + "/nope").issues.map(\.message), ["no such lessons folder"])
    }
}
