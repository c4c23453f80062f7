import XCTest

/// The learner's first minutes on a terminal: the prompt, a typed manifest, Ctrl-C and Ctrl-D.
final class InteractiveEntryTests: XCTestCase {
    func testThePromptComesWithinASecondAndATypedManifestIsApplied() throws {
        let session = try TerminalSession()
        XCTAssertLessThan(session.secondsToPrompt, 1.0, "time from start to the first prompt")
        try session.typeSamplePod()
        try session.waitForSamplePod()
        try session.enter("kubectl get pod", expecting: "sample-pod   1/1     Running   0")
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    func testCtrlCOnAHalfTypedLineGivesAFreshPromptAndRunsNothing() throws {
        let session = try TerminalSession()
        session.type("kubectl run half --image=nginx")
        try session.expect("--image=nginx")
        session.type("\u{3}")
        try session.expect(TerminalSession.prompt)
        let seen = try session.enter("kubectl get pods", expecting: "No resources found in default namespace.")
        XCTAssertFalse(seen.contains("pod/half created"), seen)
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    func testCtrlCInsideAManifestAbandonsIt() throws {
        let session = try TerminalSession()
        for line in TerminalSession.samplePodLines {
            try session.enter(line, expecting: TerminalSession.continuationPrompt)
        }
        session.type("\u{3}")
        try session.expect(TerminalSession.prompt)
        // An empty line now is an empty command, not the end of the manifest.
        try session.enter("")
        let seen = try session.enter("kubectl get pods", expecting: "No resources found in default namespace.")
        XCTAssertFalse(seen.contains("created"), seen)
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    func testCtrlCEndsAWatchAndReturnsToThePrompt() throws {
        let session = try TerminalSession()
        try session.typeSamplePod()
        try session.waitForSamplePod()
        try session.enter("kubectl get pod -w", expecting: "sample-pod   1/1     Running")
        session.type("\u{3}")
        try session.expect(TerminalSession.prompt, timeout: 5)
        // The shell still works after the interrupted watch.
        try session.enter("kubectl get pod sample-pod -o name", expecting: "pod/sample-pod")
        try session.expect(TerminalSession.prompt)
        session.quitWithCtrlD()
    }

    func testCtrlDOnAnEmptyLineExitsWithStatusZeroLeavingNoProcess() throws {
        let session = try TerminalSession()
        try session.typeSamplePod()
        try session.waitForSamplePod()
        XCTAssertGreaterThanOrEqual(HostProcesses.descendants(of: session.pid).count, 3, "init, holder and nginx")
        session.quitWithCtrlD()
    }
}
