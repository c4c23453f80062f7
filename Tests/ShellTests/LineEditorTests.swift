import XCTest
@testable import Shell

/// Drives the interactive loop in-process: a LineEditor on the slave side of a pty, the test
/// typing on the master side. (Signals from the terminal need it to be a controlling tty; those
/// are left to binary-level tests with `PTYProcess`.)
final class LineEditorTests: XCTestCase {
    private var pty: PTY?
    private var backend = RecordingBackend()
    private var finished = DispatchSemaphore(value: 0)
    private var status: Int32 = -1
    /// Whether the loop was seen to return (the semaphore's signal is consumed by then).
    private var loopEnded = false
    private var historyDirectory = ""

    override func setUpWithError() throws {
        setenv("TERM", "xterm", 1)
        SignalHandling.install()
        TerminalLocale.configure()
        historyDirectory = NSTemporaryDirectory() + "kubetutor-editor-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        // A test that failed midway leaves the loop reading: closing the master ends its input.
        if pty != nil && !loopEnded {
            pty = nil
            XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "the shell loop did not stop")
        }
        try? FileManager.default.removeItem(atPath: historyDirectory)
    }

    /// Starts the shell on a new pty and waits for its first prompt.
    private func startShell(prompt: String = "kubetutor> ") throws -> PTY {
        let pty = try PTY()
        self.pty = pty
        let slave = pty.slave
        let history = EditHistory(file: historyDirectory + "/history")
        let editor = try LineEditor(input: slave, output: slave, history: history)
        let shell = Shell(backend: backend, output: OutputSink(
            out: { FileDescriptorWriter.writeAll($0, to: slave) },
            err: { FileDescriptorWriter.writeAll($0, to: slave) }), historyFile: nil)
        let finished = self.finished
        Thread {
            let result = shell.runInteractive(editor: editor)
            self.status = result
            finished.signal()
        }.start()
        try pty.expect(prompt)
        return pty
    }

    /// Ends the session with Ctrl-D and waits for the loop to return. Call it at a prompt: keys
    /// typed while a command runs meet a terminal in normal (line-buffered) mode.
    private func quit(_ pty: PTY) {
        pty.send("\u{4}")
        let deadline = Date().addingTimeInterval(10)
        while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            pty.readAvailable(waitingMilliseconds: 0)
            if Date() > deadline {
                XCTFail("the shell did not end on Ctrl-D; output: \(pty.transcript.suffix(300).debugDescription)")
                return
            }
        }
        loopEnded = true
        XCTAssertEqual(status, 0)
    }

    func testACommandLineRunsAndANewPromptFollows() throws {
        let pty = try startShell()
        pty.send("get pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("get pods")])
    }

    func testYAMLUsesTheContinuationPromptAndTabIndents() throws {
        let pty = try startShell()
        pty.send("apiVersion: v1\r")
        try pty.expect("      ...> ")
        pty.send("metadata:\r")
        try pty.expect("      ...> ")
        pty.send("\tname: x\r")
        try pty.expect("      ...> ")
        pty.send("\r")
        try pty.expect("applied 3 lines")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.yaml("apiVersion: v1\nmetadata:\n  name: x\n")])
    }

    func testCtrlCAbandonsTheLineAndAManifest() throws {
        let pty = try startShell()
        pty.send("delete pod everything")
        try pty.expect("everything")
        pty.send("\u{3}")
        try pty.expect("^C")
        try pty.expect("kubetutor> ")
        pty.send("apiVersion: v1\r")
        try pty.expect("      ...> ")
        pty.send("\u{3}")
        try pty.expect("kubetutor> ")
        pty.send("get pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("get pods")])
    }

    func testSIGINTWhileEditingAbandonsTheLine() throws {
        let pty = try startShell()
        pty.send("get everything")
        try pty.expect("everything")
        kill(getpid(), SIGINT)
        try pty.expect("^C")
        try pty.expect("kubetutor> ")
        pty.send("get pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("get pods")])
    }

    func testAPastedManifestWithABlankLineInsideStaysOneManifest() throws {
        let pty = try startShell()
        pty.send("apiVersion: v1\rkind: Pod\r\rmetadata:\r  name: p\r\r")
        try pty.expect("applied 4 lines")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.yaml("apiVersion: v1\nkind: Pod\n\nmetadata:\n  name: p\n")])
    }

    func testCtrlDInsideAManifestRunsItAndKeepsTheShell() throws {
        let pty = try startShell()
        pty.send("kind: Pod\r")
        try pty.expect("      ...> ")
        pty.send("\u{4}")
        try pty.expect("applied 1 lines")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.yaml("kind: Pod\n")])
    }

    func testTabCompletesTheCommonPrefixThenListsTheCandidates() throws {
        backend.candidates = ["pods", "pod-templates", "deployments"]
        let pty = try startShell()
        pty.send("get po\t")  // completes to "get pod" (redrawn with cursor moves, so not matched here)
        pty.send("\t")
        try pty.expect("pod-templates  pods")
        try pty.expect("kubetutor> ")
        pty.send("s\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("get pods")])
    }

    func testAUniqueCandidateCompletesWithASpace() throws {
        backend.candidates = ["deployments"]
        let pty = try startShell()
        pty.send("get dep\tweb\r")
        try pty.expect("ran: get deployments web")
        try pty.expect("kubetutor> ")
        quit(pty)
    }

    func testJapaneseTextIsReadIntact() throws {
        let pty = try startShell()
        pty.send("echo こんにちは世界\r")
        try pty.expect("ran: echo こんにちは世界")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("echo こんにちは世界")])
    }

    func testCommandsAndWholeManifestsGoToTheHistoryFileAndUpRecallsAManifest() throws {
        let pty = try startShell()
        pty.send("get pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        pty.send("apiVersion: v1\r")
        try pty.expect("      ...> ")
        pty.send("kind: Pod\r")
        try pty.expect("      ...> ")
        pty.send("\r")
        try pty.expect("applied")
        try pty.expect("kubetutor> ")
        // ↑ brings back the whole manifest as one entry; Enter applies all of it again.
        pty.send("\u{1B}[A")
        try pty.expect("kind: Pod")
        pty.send("\r")
        let again = try pty.expect("kubetutor> ")
        XCTAssertTrue(again.contains("applied"), again)
        pty.send("get nodes\r")
        try pty.expect("ran: get nodes")
        try pty.expect("kubetutor> ")
        quit(pty)
        let reloaded = try XCTUnwrap(EditHistory(file: historyDirectory + "/history"))
        XCTAssertEqual(reloaded.entries, ["get pods", "apiVersion: v1\nkind: Pod", "get nodes"])
    }

    func testUpArrowRecallsThePreviousCommand() throws {
        let pty = try startShell()
        pty.send("get pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        pty.send("\u{10}\r")  // Ctrl-P, the emacs binding also reached by the up arrow
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("get pods"), .command("get pods")])
    }

    func testAJapanesePromptIsShown() throws {
        backend.prompt = "クラスタ> "
        let pty = try startShell(prompt: "クラスタ> ")
        pty.send("get pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("クラスタ> ")
        quit(pty)
    }

    func testEditingGoesOnAfterTheTerminalIsResized() throws {
        let pty = try startShell()
        pty.send("get ")
        try pty.expect("get ")
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(pty.master, UInt(TIOCSWINSZ), &size)
        kill(getpid(), SIGWINCH)
        pty.send("pods\r")
        try pty.expect("ran: get pods")
        try pty.expect("kubetutor> ")
        quit(pty)
        XCTAssertEqual(backend.received, [.command("get pods")])
    }

    func testExitEndsTheSession() throws {
        let pty = try startShell()
        pty.send("exit\r")
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success)
        loopEnded = true
        XCTAssertEqual(status, 0)
        XCTAssertEqual(backend.received, [])
    }
}
