import XCTest

/// Commands typed in one run are there for the Up arrow in the next.
final class HistoryEndToEndTests: XCTestCase {
    func testTheUpArrowRecallsTheLastCommandOfThePreviousRun() throws {
        let state = try TerminalSession.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }

        let first = try TerminalSession(stateDirectory: state)
        try first.enter("kubectl get nodes", expecting: "control-plane")
        try first.expect(TerminalSession.prompt)
        first.quitWithCtrlD()
        // libedit's history format encodes spaces as `\040` (strvis).
        let saved = try String(contentsOfFile: first.historyPath, encoding: .utf8).replacingOccurrences(of: "\\040", with: " ")
        XCTAssertTrue(saved.contains("kubectl get nodes"), "history file \(first.historyPath): \(saved.debugDescription)")
        XCTAssertTrue(first.historyPath.hasPrefix(state + "/kubetutor/"))

        let second = try TerminalSession(stateDirectory: state)
        second.type("\u{1b}[A")
        try second.expect("kubectl get nodes")
        // Enter runs the recalled line.
        try second.enter("", expecting: "worker-2")
        try second.expect(TerminalSession.prompt)
        second.quitWithCtrlD()
    }
}
