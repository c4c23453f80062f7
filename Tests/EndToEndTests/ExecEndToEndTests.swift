import XCTest

/// `kubectl exec` from the shell: an interactive shell inside the pod, and exit codes.
final class ExecEndToEndTests: XCTestCase {
    func testAnInteractiveShellSeesThePodsHostnameAndOnlyItsOwnProcesses() throws {
        let session = try TerminalSession()
        try session.typeSamplePod()
        try session.waitForSamplePod()
        session.type("kubectl exec -it sample-pod -- sh\r")
        try session.expect("# ")

        try session.enter("hostname", expecting: "sample-pod\r\n")
        try session.expect("# ")
        // The terminal is the container's own (its devpts), as under runc.
        try session.enter("tty", expecting: "/dev/pts/0\r\n")
        try session.expect("# ")

        // The nginx image has no `ps` (as on a real cluster: that is what the busybox sidecar is
        // for), and its shell sees only the container's own processes, nginx as PID 1.
        let missing = try session.enter("ps", expecting: "# ")
        XCTAssertTrue(missing.contains("ps: command not found"), missing.debugDescription)
        let pids = try session.enter("echo /proc/[0-9]*; tr '\\0' ' ' < /proc/1/cmdline; echo", expecting: "# ")
        XCTAssertTrue(pids.contains("nginx -g daemon off;"), pids.debugDescription)
        XCTAssertNotNil(pids.range(of: #"/proc/1 /proc/\d+\r\n"#, options: .regularExpression),
                        "only nginx and the shell: \(pids.debugDescription)")

        try session.enter("exit", expecting: TerminalSession.prompt)
        try session.enter("kubectl get pod sample-pod -o name", expecting: "pod/sample-pod")
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    func testCtrlCAndCtrlBackslashStopANonInteractiveExecAndGiveThePromptBack() throws {
        let session = try TerminalSession()
        try session.typeSamplePod()
        try session.waitForSamplePod()
        session.type("kubectl exec sample-pod -- sleep 100\r")
        usleep(300_000)
        session.type("\u{3}")
        try session.expect(TerminalSession.prompt, timeout: 5)
        session.type("kubectl exec sample-pod -- sleep 100\r")
        usleep(300_000)
        session.type("\u{1C}")  // Ctrl-\: SIGQUIT, which the Swift backtracer must never catch
        let out = try session.expect(TerminalSession.prompt, timeout: 5)
        XCTAssertFalse(out.contains("Crash") || out.contains("backtrace"), out)
        try session.enter("kubectl get pod sample-pod -o name", expecting: "pod/sample-pod")
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    func testAFailingCommandReportsItsExitCode() throws {
        let session = try TerminalSession()
        try session.typeSamplePod()
        try session.waitForSamplePod()
        try session.enter("kubectl exec sample-pod -- sh -c 'exit 3'", expecting: "command terminated with exit code 3")
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    /// The rows of a busybox `ps` listing (`PID USER TIME COMMAND`): the PID and the command.
    static func processRows(_ listing: String) -> [(pid: Int, command: String)] {
        let lines = listing.components(separatedBy: "\r\n")
        guard let header = lines.firstIndex(where: { $0.contains("PID") }) else { return [] }
        return lines[(header + 1)...].compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let pid = Int(fields[0]) else { return nil }
            return (pid, fields[3...].joined(separator: " "))
        }
    }
}
