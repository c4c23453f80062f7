import XCTest
@testable import Tutor

/// `kubetutor lessons play` for every built-in lesson in both languages, through the built binary, so
/// that a lesson can never silently break. A failure names the lesson, the step and the check.
final class LessonPlayCommandTests: XCTestCase {
    static var binary: URL {
        let bundle = Bundle(for: LessonPlayCommandTests.self).bundleURL
        return (bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle).appendingPathComponent("kubetutor")
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KUBETUTOR_LESSONS"] = LessonFormatTests.lessonsDirectory
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testEveryBuiltInLessonPlaysInBothLanguages() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            return XCTFail("build the kubetutor binary first (swift build --build-tests): \(Self.binary.path)")
        }
        let lessons = LessonCatalog.load(directories: [LessonFormatTests.lessonsDirectory]).lessons
        XCTAssertEqual(lessons.count, 9)
        for lesson in lessons {
            let (status, output) = try run(["lessons", "play", lesson.id, "--lang", "all"])
            XCTAssertEqual(status, 0, "lesson \(lesson.id) (\(lesson.file)):\n\(output)")
            XCTAssertTrue(output.contains("failed 0"), output)
        }
    }

    func testLintOfTheBuiltInLessonsSucceedsAndABrokenFolderFails() throws {
        XCTAssertEqual(try run(["lessons", "lint"]).status, 0)
        let dir = NSTemporaryDirectory() + "lint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id: x\ntitle: {en: X}\nsteps: []\n".write(toFile: dir + "/x.yaml", atomically: true, encoding: .utf8)
        let (status, output) = try run(["lessons", "lint", dir])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(output.contains("\(dir)/x.yaml:2:8: title: missing translation \"ja\""), output)
        XCTAssertTrue(output.contains("\(dir)/x.yaml:3:8: steps: a lesson needs at least one step"), output)
    }
}
