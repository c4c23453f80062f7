import XCTest
@testable import Shell

/// The history file as a state file: hostile files are left alone, saves are atomic.
final class EditHistoryFileTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testAFIFOOrDevZeroHistoryDoesNotHangTheStartAndIsLeftAlone() throws {
        let fifo = dir + "/history"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let started = Date()
        let history = try XCTUnwrap(EditHistory(file: fifo))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertTrue(history.loadProblem?.contains("not a regular file") == true, history.loadProblem ?? "")
        XCTAssertNotNil(history.record("get pods"), "not saved over the FIFO")
        var st = stat()
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
        XCTAssertNotNil(EditHistory(file: "/dev/zero")?.loadProblem)
    }

    func testSavesReplaceTheFileWholeAndLeaveNoTemporaryFile() throws {
        let file = dir + "/history"
        let history = try XCTUnwrap(EditHistory(file: file))
        XCTAssertNil(history.record("get pods"))
        XCTAssertNil(history.record("apiVersion: v1\nkind: Pod"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["history"])
        XCTAssertEqual(EditHistory(file: file)?.entries, ["get pods", "apiVersion: v1\nkind: Pod"])
    }
}
