import XCTest

/// Tab completes what the learner is typing from the live cluster and the file system.
final class TabCompletionEndToEndTests: XCTestCase {
    func testTabCompletesAManifestPathThenAPodNameThenListsResourceNames() throws {
        let directory = try TerminalSession.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = TerminalSession.samplePodLines.joined(separator: "\n") + "\n"
        try manifest.write(toFile: directory + "/sample-pod.yaml", atomically: true, encoding: .utf8)

        let session = try TerminalSession()
        // The only file starting with `sam` completes in full, so Enter applies it.
        session.type("kubectl apply -f \(directory)/sam\t")
        try session.expect("ple-pod.yaml")
        try session.enter("", expecting: "pod/sample-pod created")
        try session.expect(TerminalSession.prompt)

        // A pod name completes from the cluster.
        session.type("kubectl get pods sam\t")
        try session.expect("ple-pod")
        try session.enter("", expecting: "sample-pod   ")
        try session.expect(TerminalSession.prompt)

        // `po` is the start of several resource names: a second Tab lists them.
        session.type("kubectl get po\t\t")
        let listing = try session.expect("pods")
        XCTAssertTrue(listing.contains("pod "), listing.debugDescription)
        session.type("\u{3}")
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }
}
