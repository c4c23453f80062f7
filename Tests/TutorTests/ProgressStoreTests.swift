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
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/kubetutor").sorted(), ["progress.json", "progress.json.lock"],
                       "no temporary file left; the lock file stays (removing it would race another session's lock)")
    }

    func testADamagedFileIsKeptAsideUnderItsOwnNameEachTimeAndReported() throws {
        let store = ProgressStore(path: dir + "/progress.json")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for _ in 0..<2 {
            try "{\"version\": 1, \"less".write(toFile: store.path, atomically: false, encoding: .utf8)
            let (progress, warning) = store.load()
            XCTAssertEqual(progress, Progress())
            XCTAssertTrue(warning?.contains("could not be read (kept as \(store.path).damaged-") == true, warning ?? "")
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("progress.json.damaged-") }
        XCTAssertEqual(kept.count, 2, "a second damage does not overwrite the first copy")
    }

    func testHostileNumbersAreClampedAndDoNotCrashAStart() throws {
        let store = ProgressStore(path: dir + "/progress.json")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"version": 1, "currentLesson": "why-orchestrator", "lessons": {"why-orchestrator": {"completedSteps": [], "currentStep": -1, "hintsShown": -5, "solutionsShown": 0}}}"#
            .write(toFile: store.path, atomically: false, encoding: .utf8)
        let (progress, warning) = store.load()
        XCTAssertNil(warning)
        XCTAssertEqual(progress.lessons["why-orchestrator"]?.currentStep, 0)
        XCTAssertEqual(progress.lessons["why-orchestrator"]?.hintsShown, 0)
    }

    func testAFIFOADeviceOrADirectoryInPlaceOfTheFileIsReportedAndLeftAlone() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fifo = ProgressStore(path: dir + "/fifo.json")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let started = Date()
        let (_, warning) = fifo.load()
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, "a FIFO does not block the start")
        XCTAssertTrue(warning?.contains("not a regular file") == true, warning ?? "")
        XCTAssertThrowsError(try fifo.save(Progress()), "and it is not replaced")
        var st = stat()
        XCTAssertEqual(lstat(fifo.path, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)

        let zero = ProgressStore(path: "/dev/zero")
        XCTAssertTrue(zero.load().warning?.contains("not a regular file") == true)
        let folder = ProgressStore(path: dir)
        XCTAssertTrue(folder.load().warning?.contains("not a regular file") == true)
        let big = ProgressStore(path: dir + "/big.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: Data(count: StateFile.maxBytes + 1)))
        XCTAssertTrue(big.load().warning?.contains("larger than") == true)
    }

    func testTemporaryFilesOfDeadProcessesAreRemoved() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = ProgressStore(path: dir + "/progress.json")
        // A pid that cannot be running (above pid_max on Linux).
        _ = FileManager.default.createFile(atPath: store.path + ".tmp-99999999", contents: Data("{".utf8))
        _ = FileManager.default.createFile(atPath: store.path + ".tmp-1", contents: Data("{".utf8))
        _ = store.load()
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.path + ".tmp-99999999"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path + ".tmp-1"), "pid 1 is alive: its file stays")
    }

    func testTwoSessionsSharingAStateDirectoryKeepEachOthersProgress() throws {
        let a = ProgressStore(path: dir + "/progress.json"), b = ProgressStore(path: dir + "/progress.json")
        var mine = a.load().progress, theirs = b.load().progress
        mine.lessons["pods", default: .init()].completedSteps = ["apply"]
        mine.lessons["pods", default: .init()].hintsShown = 2
        try a.save(mine)
        theirs.lessons["nodes", default: .init()].completedSteps = ["stop"]
        theirs.lessons["pods", default: .init()].completedSteps = ["get"]
        theirs.lessons["pods", default: .init()].currentStep = 2
        try b.save(theirs)
        let saved = a.load().progress
        XCTAssertEqual(saved.lessons["nodes"]?.completedSteps, ["stop"])
        XCTAssertEqual(saved.lessons["pods"]?.completedSteps, ["apply", "get"], "steps of both sessions")
        XCTAssertEqual(saved.lessons["pods"]?.hintsShown, 2)
        XCTAssertEqual(saved.lessons["pods"]?.currentStep, 2, "the session saving last decides where it is")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.contains(".tmp-") })
    }

    func testQuizScheduleNumbersAreClamped() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = QuizScheduleStore(path: dir + "/quiz.json")
        try #"{"version": 1, "items": {"pod-sample": {"box": -3, "attempts": 9223372036854775807, "passes": 5, "lastScore": 0, "bestScore": 0}}}"#
            .write(toFile: store.path, atomically: false, encoding: .utf8)
        var (schedule, warning) = store.load()
        XCTAssertNil(warning)
        XCTAssertEqual(schedule.items["pod-sample"]?.box, 0)
        schedule.record("pod-sample", passed: true, score: 10, hintsUsed: 0, now: Date())
        XCTAssertEqual(schedule.items["pod-sample"]?.box, 1, "recording after a hostile file does not crash")
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
