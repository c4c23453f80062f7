import XCTest

/// Checks the PTYProcess helper itself against ordinary programs.
final class PTYProcessTests: XCTestCase {
    func testTypedLinesAreEchoedAndCtrlDEndsInput() throws {
        let process = try PTYProcess("/bin/cat")
        process.pty.send("hello こんにちは\r")
        try process.pty.expect("hello こんにちは\r\nhello こんにちは")
        process.pty.send("\u{4}")
        let status = try XCTUnwrap(process.waitForExit())
        XCTAssertEqual(status, 0)
    }

    func testCtrlCIsASignalToTheProgramOnThePTY() throws {
        let process = try PTYProcess("/bin/sh", arguments: ["-c", "trap 'echo interrupted; exit 3' INT; echo ready; while :; do sleep 0.05; done"])
        try process.pty.expect("ready")
        process.pty.send("\u{3}")
        try process.pty.expect("interrupted")
        let status = try XCTUnwrap(process.waitForExit())
        XCTAssertEqual(status >> 8, 3)
    }

    func testTheTerminalSizeIsVisibleToTheProgram() throws {
        let process = try PTYProcess("/bin/sh", arguments: ["-c", "stty size"], rows: 30, columns: 100)
        try process.pty.expect("30 100")
        XCTAssertNotNil(process.waitForExit())
    }
}
