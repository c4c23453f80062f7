import Foundation
import XCTest

/// The real `kubetutor` binary on a pseudo-terminal, as a learner at a keyboard runs it.
///
/// Each session gets its own XDG_STATE_HOME (so history starts empty unless the test shares one)
/// and waits for the first prompt before anything is typed: libedit drops keys typed earlier.
final class TerminalSession {
    static let prompt = "kubetutor> "
    static let continuationPrompt = "      ...> "

    let process: PTYProcess
    let stateDirectory: String
    /// Seconds from spawn until the first prompt was seen.
    let secondsToPrompt: TimeInterval
    private let ownsStateDirectory: Bool

    var pty: PTY { process.pty }
    var pid: Int32 { process.pid }
    var historyPath: String { stateDirectory + "/kubetutor/history" }

    /// Starts kubetutor and waits for its prompt. `stateDirectory` shares history between sessions
    /// (the caller then removes it); by default a fresh one is made and removed with the session.
    init(stateDirectory: String? = nil, environment: [String: String] = [:],
         file: StaticString = #filePath, line: UInt = #line) throws {
        if let stateDirectory {
            self.stateDirectory = stateDirectory
            ownsStateDirectory = false
        } else {
            self.stateDirectory = try Self.makeTemporaryDirectory()
            ownsStateDirectory = true
        }
        var env = environment
        env["XDG_STATE_HOME"] = self.stateDirectory
        env["TERM"] = "xterm"
        let started = Date()
        process = try PTYProcess(KubetutorProcess.binary.path, environment: env, rows: 40, columns: 120)
        try process.pty.expect(Self.prompt, timeout: 15, file: file, line: line)
        secondsToPrompt = Date().timeIntervalSince(started)
    }

    deinit {
        process.terminate()
        if ownsStateDirectory { try? FileManager.default.removeItem(atPath: stateDirectory) }
    }

    /// A new private directory under the temporary directory.
    static func makeTemporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "kt-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Types `keys` as they are (no Enter).
    func type(_ keys: String) { pty.send(keys) }

    /// Types a line, presses Enter and waits for `reply` (by default the next prompt).
    @discardableResult
    func enter(_ line: String, expecting reply: String = TerminalSession.prompt, timeout: TimeInterval = 10,
               file: StaticString = #filePath, line number: UInt = #line) throws -> String {
        pty.send(line + "\r")
        return try pty.expect(reply, timeout: timeout, file: file, line: number)
    }

    /// Waits for `text` in the output after the previous match.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try pty.expect(text, timeout: timeout, file: file, line: line)
    }

    /// Types the sample Pod line by line, each answered by the continuation prompt, then the empty
    /// line that applies it; waits for `pod/sample-pod created` and the next prompt.
    func typeSamplePod(file: StaticString = #filePath, line: UInt = #line) throws {
        for manifestLine in Self.samplePodLines {
            try enter(manifestLine, expecting: Self.continuationPrompt, file: file, line: line)
        }
        try enter("", expecting: "pod/sample-pod created", file: file, line: line)
        try expect(Self.prompt, file: file, line: line)
    }

    /// Waits until the sample pod is Ready.
    func waitForSamplePod(file: StaticString = #filePath, line: UInt = #line) throws {
        try enter("kubectl wait --for=condition=Ready pod/sample-pod --timeout=10s",
                  expecting: "pod/sample-pod condition met", timeout: 15, file: file, line: line)
        try expect(Self.prompt, file: file, line: line)
    }

    /// Presses Ctrl-D at the prompt and checks that kubetutor exits with status 0 and that every
    /// process it started (init, holders, containers) is gone.
    func quitWithCtrlD(file: StaticString = #filePath, line: UInt = #line) {
        let children = HostProcesses.descendants(of: pid)
        pty.send("\u{4}")
        guard let status = process.waitForExit(timeout: 15) else {
            XCTFail("kubetutor did not exit on Ctrl-D; output: \(pty.transcript.suffix(400).debugDescription)", file: file, line: line)
            return
        }
        XCTAssertTrue(status & 0x7f == 0, "kubetutor was killed by signal \(status & 0x7f)", file: file, line: line)
        XCTAssertEqual(status >> 8 & 0xff, 0, "exit status", file: file, line: line)
        XCTAssertEqual(HostProcesses.waitGone(children), [], "processes outlived kubetutor", file: file, line: line)
    }

    static let samplePodLines = [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: sample-pod",
        "spec:",
        "  containers:",
        "    - name: nginx",
        "      image: nginx:latest",
    ]
}
