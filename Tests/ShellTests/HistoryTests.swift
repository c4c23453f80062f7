import XCTest
@testable import Shell

final class HistoryFileTests: XCTestCase {
    func testXDGStateHomeIsUsedWhenAbsolute() {
        XCTAssertEqual(HistoryFile.path(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/ann"]),
                       "/state/kubetutor/history")
        XCTAssertEqual(HistoryFile.path(environment: ["XDG_STATE_HOME": "/state/"]), "/state/kubetutor/history")
    }

    func testHomeIsTheFallback() {
        XCTAssertEqual(HistoryFile.path(environment: ["HOME": "/home/ann"]),
                       "/home/ann/.local/state/kubetutor/history")
        // The XDG specification says relative paths are invalid and must be ignored.
        XCTAssertEqual(HistoryFile.path(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/ann"]),
                       "/home/ann/.local/state/kubetutor/history")
    }

    func testNoPlaceMeansNoFile() {
        XCTAssertNil(HistoryFile.path(environment: [:]))
        XCTAssertNil(HistoryFile.path(environment: ["HOME": ""]))
    }
}

final class EditHistoryTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "kubetutor-history-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testEmptyLinesAndImmediateRepeatsAreNotRecorded() throws {
        let history = try XCTUnwrap(EditHistory())
        history.record("get pods")
        history.record("   ")
        history.record("get pods")
        history.record("get nodes")
        history.record("get pods")
        XCTAssertEqual(history.entries, ["get pods", "get nodes", "get pods"])
    }

    func testTheOldestEntriesGoBeyondTheLimit() throws {
        let history = try XCTUnwrap(EditHistory(limit: 3))
        for number in 1...5 { history.record("command \(number)") }
        XCTAssertEqual(history.entries, ["command 3", "command 4", "command 5"])
    }

    func testHistoryPersistsInAFileWhoseDirectoriesAreCreated() throws {
        let file = directory + "/state/kubetutor/history"
        do {
            let history = try XCTUnwrap(EditHistory(file: file))
            XCTAssertNil(history.record("get pods"))
            XCTAssertNil(history.record("logs web -f"))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        let reloaded = try XCTUnwrap(EditHistory(file: file))
        XCTAssertEqual(reloaded.entries, ["get pods", "logs web -f"])
    }

    func testAnUnwritableFileIsReportedNotFatal() throws {
        try "".write(toFile: directory, atomically: true, encoding: .utf8)  // a file where a directory must go
        let history = try XCTUnwrap(EditHistory(file: directory + "/kubetutor/history"))
        XCTAssertNotNil(history.record("get pods"))
        XCTAssertEqual(history.entries, ["get pods"])
    }
}
