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

        // The image's `ps` (busybox-style, found first in the image's PATH) lists every process it
        // can see: only the container's own, in its PID namespace.
        let listing = try session.enter("ps", expecting: "# ")
        XCTAssertTrue(listing.contains("PID   USER     TIME  COMMAND"), "busybox-style ps: \(listing.debugDescription)")
        let rows = Self.processRows(listing)
        XCTAssertEqual(rows.first?.pid, 1, "nginx is PID 1 of the container: \(listing.debugDescription)")
        XCTAssertTrue(rows.first?.command.hasPrefix("nginx") == true, listing.debugDescription)
        XCTAssertEqual(rows.count, 3, "only nginx, sh and ps: \(listing.debugDescription)")
        XCTAssertTrue(rows.contains { $0.command.hasPrefix("sh") }, listing.debugDescription)
        XCTAssertTrue(rows.contains { $0.command.hasPrefix("ps") }, listing.debugDescription)

        try session.enter("exit", expecting: TerminalSession.prompt)
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
