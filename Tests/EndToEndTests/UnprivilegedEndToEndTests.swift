import XCTest

/// kubetutor as an ordinary user (`nobody`): rootless pods in a user namespace, and the mode
/// without isolation. Needs root to switch users; skipped otherwise.
final class UnprivilegedEndToEndTests: XCTestCase {
    private var stateDirectory = ""

    override func setUpWithError() throws {
        guard getuid() == 0 else {
            throw XCTSkip("running as another user needs root (setpriv); this test runs as uid \(getuid())")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("/usr/bin/setpriv (util-linux) is not installed")
        }
        try Self.checkReachableByOthers(KubetutorProcess.binary.path)
        stateDirectory = try TerminalSession.makeTemporaryDirectory()
        // nobody's HOME and XDG_STATE_HOME: it must be able to write there.
        XCTAssertEqual(chmod(stateDirectory, 0o777), 0)
    }

    override func tearDownWithError() throws {
        if !stateDirectory.isEmpty { try? FileManager.default.removeItem(atPath: stateDirectory) }
    }

    /// The escape probe (Tests/EscapeProbe/escape.sh) from a pod of a kubetutor run by nobody.
    func testEveryEscapeIsRefusedForNobodyToo() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let probe = try String(contentsOf: dir.appendingPathComponent("EscapeProbe/escape.sh"), encoding: .utf8)
        let encoded = Data(probe.utf8).base64EncodedString()
        let repo = dir.deletingLastPathComponent().path
        let p = try KubetutorProcess(user: "nobody", stateDirectory: stateDirectory)
        p.send("""
            kubectl run attacker --image=busybox --env=REPO_DIR=\(repo) --command -- sleep 3600
            kubectl wait --for=condition=Ready pod/attacker --timeout=20s
            kubectl exec attacker -- sh -c 'echo \(encoded) | base64 -d > /tmp/probe.sh; sh /tmp/probe.sh'
            kubectl exec attacker -- echo probe-done

            """)
        p.waitFor("probe-done\n", timeout: 60)
        let results = p.stdout.split(separator: "\n").filter { $0.contains(": refused") || $0.contains(": ESCAPED") }
        XCTAssertGreaterThanOrEqual(results.count, 28, p.stdout + p.stderr)
        for line in results where line.contains("ESCAPED") { XCTFail(String(line)) }
        XCTAssertTrue(p.stdout.contains("NoNewPrivs:\t1"), p.stdout)
        XCTAssertTrue(p.stdout.contains("uid_map: 0 65534 1"), p.stdout)
        p.closeInput()
        XCTAssertEqual(p.waitForExit(), 0, p.stderr)
    }

    func testNobodyRunsAPodThatIsRootInsideItsUserNamespace() throws {
        let p = try KubetutorProcess(user: "nobody", stateDirectory: stateDirectory)
        p.send(PipedSessionTests.samplePod + """
            kubectl wait --for=condition=Ready pod/sample-pod --timeout=10s
            kubectl exec sample-pod -- hostname
            kubectl exec sample-pod -- id -u
            kubectl exec sample-pod -- echo done

            """)
        p.waitFor("done\n")
        let children = HostProcesses.descendants(of: p.pid)
        XCTAssertGreaterThanOrEqual(children.count, 3, "init, holder and nginx")
        XCTAssertTrue(children.allSatisfy { Self.realUID(of: $0).map { $0 != 0 } ?? true },
                      "every process kubetutor started belongs to nobody on the host")
        p.closeInput()
        XCTAssertEqual(p.waitForExit(), 0, p.stderr)
        XCTAssertEqual(HostProcesses.waitGone(children), [], "processes outlived kubetutor")
        let lines = p.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["pod/sample-pod created", "pod/sample-pod condition met", "sample-pod", "0", "done"], p.stderr)
        XCTAssertFalse(p.stderr.contains("WARNING"), "isolation works rootless here: \(p.stderr)")
    }

    func testWithoutIsolationTheBannerWarnsAndABusyboxPodRuns() throws {
        let p = try KubetutorProcess(environment: ["KUBETUTOR_ISOLATION": "none"], user: "nobody", stateDirectory: stateDirectory)
        p.send("""
            kubectl run s --image=busybox -- sleep 3600
            kubectl wait --for=condition=Ready pod/s --timeout=10s
            kubectl get pod s --no-headers

            """)
        p.waitFor("pod/s condition met")
        p.waitFor("Running")
        p.waitFor("WARNING: ", inStderr: true)
        XCTAssertTrue(p.stderr.contains("Running WITHOUT ISOLATION"), p.stderr)
        let children = HostProcesses.descendants(of: p.pid)
        XCTAssertTrue(children.contains { Self.commandLine(of: $0) == ["sleep", "3600"] },
                      "the container's sleep runs as a plain host process: \(children.map(Self.commandLine))")
        p.send("exit\n")
        XCTAssertEqual(p.waitForExit(), 0, p.stderr)
        XCTAssertEqual(HostProcesses.waitGone(children), [], "processes outlived kubetutor")
    }

    // MARK: Helpers

    /// Fails early with a clear reason when `nobody` could not execute the binary (a build
    /// directory under a private home, say).
    private static func checkReachableByOthers(_ path: String) throws {
        var directory = (path as NSString).deletingLastPathComponent
        while directory != "/" && !directory.isEmpty {
            var info = stat()
            if stat(directory, &info) == 0 && info.st_mode & 0o001 == 0 {
                throw XCTSkip("nobody cannot reach \(path): \(directory) is not searchable by others")
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
    }

    private static func realUID(of pid: Int32) -> uid_t? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return nil }
        return line.split(separator: "\t").dropFirst().first.flatMap { uid_t($0) }
    }

    private static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
