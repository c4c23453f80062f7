import XCTest

/// The article's last scene as `kubectl get pod -o wide --watch` shows it: the failed node's pod goes
/// Terminating, and its replacement goes Pending → Pending on a node → ContainerCreating → Running on
/// the other worker.
final class NodeFailureWatchTests: XCTestCase {
    func testWatchShowsTheReschedulingSequence() throws {
        let p = try KubetutorProcess()
        p.send(DeploymentSessionTests.sampleDeployment)
        p.send("kubectl rollout status deployment/sample-deployment\nkubectl get pods -o wide --no-headers\n")
        XCTAssertTrue(p.waitFor("successfully rolled out"))
        XCTAssertTrue(p.waitFor("Running"))
        let row = try XCTUnwrap(p.stdout.split(separator: "\n").first { $0.hasPrefix("sample-deployment-") && $0.contains("Running") })
        let columns = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let (oldPod, node) = (columns[0], columns[6])
        let other = node == "worker-1" ? "worker-2" : "worker-1"
        let mark = p.stdout.count
        p.send("node stop \(node)\nkubectl get pod -o wide --watch\n")
        // Grace and toleration are 4 s each on the teaching clock.
        let deadline = Date().addingTimeInterval(30)
        var watched: [[String]] = []
        while Date() < deadline {
            watched = String(p.stdout.dropFirst(mark)).split(separator: "\n")
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
                .filter { $0.first?.hasPrefix("sample-deployment-") == true }
            if watched.contains(where: { $0[0] != oldPod && $0[2] == "Running" }) { break }
            usleep(20_000)
        }
        kill(p.pid, SIGINT)  // Ctrl-C ends the watch
        XCTAssertTrue(watched.contains { $0[0] == oldPod && $0[2] == "Terminating" }, "\(watched)")
        let newRows = watched.filter { $0[0] != oldPod }
        let sequence = newRows.map { "\($0[2])@\($0[6])" }
        var expected = ["Pending@<none>", "Pending@\(other)", "ContainerCreating@\(other)", "Running@\(other)"]
        for step in sequence where step == expected.first { expected.removeFirst() }
        XCTAssertEqual(expected, [], "the new pod's rows were \(sequence)")
        p.send("exit\n")
        XCTAssertNotNil(p.waitForExit())
    }
}
