import XCTest
@testable import Tutor

/// Saving progress: where, atomically, and what happens to a damaged file; the language default.
final class ProgressStoreTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "progress-\(UUID().uuidString)"
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testDefaultPathFollowsXDGStateHome() {
        XCTAssertEqual(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]), "/s/kubetutor/progress.json")
        XCTAssertEqual(ProgressStore.defaultPath(environment: ["HOME": "/h"]), "/h/.local/state/kubetutor/progress.json")
        XCTAssertEqual(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]), "/h/.local/state/kubetutor/progress.json")
    }

    func testSaveCreatesFoldersAndRoundTripsWithoutLeavingTemporaryFiles() throws {
        let store = ProgressStore(path: dir + "/kubetutor/progress.json")
        var progress = Progress()
        progress.language = .ja
        progress.currentLesson = "the-pod"
        progress.lessons["the-pod", default: .init()].completedSteps = ["two-containers"]
        try store.save(progress)
        try store.save(progress)
        XCTAssertEqual(store.load().progress, progress)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/kubetutor"), ["progress.json"])
    }

    func testADamagedFileIsKeptAsideAndReported() throws {
        let store = ProgressStore(path: dir + "/progress.json")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "{\"version\": 1, \"less".write(toFile: store.path, atomically: false, encoding: .utf8)
        let (progress, warning) = store.load()
        XCTAssertEqual(progress, Progress())
        XCTAssertNotNil(warning)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path + ".damaged"))
    }

    func testLanguageComesFromTheLocale() {
        XCTAssertEqual(Language.fromEnvironment(["LANG": "ja_JP.UTF-8"]), .ja)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"]), .en)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "", "LANG": "ja_JP.UTF-8"]), .ja)
        XCTAssertEqual(Language.fromEnvironment([:]), .en)
        XCTAssertEqual(Language(argument: "JA"), .ja)
        XCTAssertNil(Language(argument: "fr"))
    }

    func testJapaneseColumnsLineUpByDisplayWidth() {
        let table = TextTable.render([["#", "LESSON", "STEPS"], ["1", "なぜオーケストレーター", "0/2"], ["2", "Pod", "1/3"]])
        XCTAssertEqual(table, """
            #  LESSON                  STEPS
            1  なぜオーケストレーター  0/2
            2  Pod                     1/3

            """)
    }
}
