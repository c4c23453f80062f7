import XCTest
@testable import Shell

final class PipedShellTests: XCTestCase {
    private func run(_ script: String, backend: RecordingBackend = RecordingBackend()) -> (Int32, RecordingBackend, CapturedOutput) {
        let output = CapturedOutput()
        let shell = Shell(backend: backend, output: output.sink, historyFile: nil)
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if script.hasSuffix("\n") { lines.removeLast() }
        var iterator = lines.makeIterator()
        let status = shell.runPiped(nextLine: { iterator.next() })
        return (status, backend, output)
    }

    func testCommandsRunInOrderAndOnlyTheirOutputIsPrinted() {
        let (status, backend, output) = run("get pods\n\n# a comment\nget nodes\n")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(backend.received, [.command("get pods"), .command("get nodes")])
        XCTAssertEqual(output.out, "ran: get pods\nran: get nodes\n")
        XCTAssertEqual(output.err, "")
    }

    func testAManifestBetweenCommandsIsOneEntry() {
        let script = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n\nget pods\n"
        let (_, backend, _) = run(script)
        XCTAssertEqual(backend.received, [.yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n"), .command("get pods")])
    }

    func testEndOfInputRunsAnOpenManifest() {
        let (status, backend, _) = run("get pods\napiVersion: v1\nkind: Pod")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(backend.received, [.command("get pods"), .yaml("apiVersion: v1\nkind: Pod\n")])
    }

    func testAnyFailureMakesTheExitStatusOneButLaterCommandsStillRun() {
        let backend = RecordingBackend()
        backend.outcomes["get nothing"] = .failed
        let (status, _, output) = run("get nothing\nget pods\n", backend: backend)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(backend.received.count, 2)
        XCTAssertEqual(output.err, "error: get nothing failed\n")
    }

    func testExitStopsReadingWithoutReachingTheBackend() {
        let backend = RecordingBackend()
        backend.outcomes["bad"] = .failed
        let (status, _, _) = run("bad\nexit\nget pods\n", backend: backend)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(backend.received, [.command("bad")])
    }

    func testTheBackendCanEndTheSession() {
        let backend = RecordingBackend()
        backend.outcomes["bye"] = .quit
        let (status, _, _) = run("bye\nget pods\n", backend: backend)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(backend.received, [.command("bye")])
    }
}
