import Foundation
import XCTest

/// A few thousand generated requests (Tests/Fuzz/api_fuzz.py) against a running kubetutor: no 5xx,
/// no connection dropped without an answer, 413 for a body over 3 MiB, others served while one
/// connection stalls half-way through a request, and the server still ready afterwards.
final class APIFuzzTests: XCTestCase {
    func testGeneratedRequestsGetNo5xxAndTheServerKeepsServing() throws {
        guard let python = ProcessInfo.processInfo.environment["KUBETUTOR_TEST_PYTHON"], !python.isEmpty,
              FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no Python with the kubernetes client (test.sh makes one with scripts/ensure-python.sh)")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/api_fuzz.py").path
        let state = try TerminalSession.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let session = try KubetutorProcess(stateDirectory: state)
        defer {
            session.closeInput()
            _ = session.waitForExit(timeout: 10)
        }
        session.waitFor("export KUBECONFIG=", inStderr: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script, state + "/kubetutor/kubeconfig", "3000", "11"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, o + e)
        XCTAssertTrue(o.hasPrefix("requests 3000 5xx 0 dropped 0 oversized-413 1 ready 200 list 200"), o + e)
        // The shell on the same cluster still answers.
        session.send("kubectl get ns\n")
        session.waitFor("kube-system")
    }
}
