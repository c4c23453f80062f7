import XCTest

/// However kubetutor ends, every process it started goes with it.
final class ProcessCleanupTests: XCTestCase {
    private func startWithPods() throws -> (KubetutorProcess, [Int32]) {
        let p = try KubetutorProcess()
        p.send(PipedSessionTests.samplePod)
        p.send("kubectl run sleeper --image=busybox -- sleep 3600\n")
        p.send("kubectl wait --for=condition=Ready pod/sample-pod pod/sleeper\n")
        p.waitFor("pod/sleeper condition met")
        // A process daemonized inside a container (double fork + setsid) must not escape either.
        p.send("kubectl exec sleeper -- sh -c 'setsid sleep 3600 >/dev/null 2>&1 &'\n")
        usleep(200_000)
        let children = HostProcesses.descendants(of: p.pid)
        XCTAssertGreaterThanOrEqual(children.count, 5, "init, two holders, nginx, sleep")
        return (p, children)
    }

    func testSIGKILLLeavesNoProcessBehind() throws {
        let (p, children) = try startWithPods()
        let mountsBefore = Self.hostMounts()
        if getuid() == 0 { XCTAssertFalse(Self.cgroups(of: p.pid).isEmpty, "as root the pods have cgroups") }
        kill(p.pid, SIGKILL)
        _ = p.waitForExit()
        XCTAssertEqual(HostProcesses.waitGone(children), [], "processes survived SIGKILL of kubetutor")
        // The janitor removed the cgroups once the cluster was gone; nothing was ever mounted here.
        let deadline = Date().addingTimeInterval(10)
        while !Self.cgroups(of: p.pid).isEmpty && Date() < deadline { usleep(50_000) }
        XCTAssertEqual(Self.cgroups(of: p.pid), [], "cgroups left behind")
        XCTAssertEqual(Self.hostMounts(), mountsBefore)
    }

    /// kubetutor's cgroup directories (`kubetutor-<pid>-<n>`) in every hierarchy.
    static func cgroups(of pid: Int32) -> [String] {
        let root = "/sys/fs/cgroup"
        let hierarchies = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).map { "\(root)/\($0)" } + [root]
        return hierarchies.flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasPrefix("kubetutor-\(pid)-") }.map { "\(dir)/\($0)" }
        }.sorted()
    }

    static func hostMounts() -> String { (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? "" }

    func testSIGTERMLeavesNoProcessBehind() throws {
        let (p, children) = try startWithPods()
        kill(p.pid, SIGTERM)
        XCTAssertNotNil(p.waitForExit())
        XCTAssertEqual(HostProcesses.waitGone(children), [])
    }

    func testSIGHUPLeavesNoProcessBehind() throws {
        let (p, children) = try startWithPods()
        kill(p.pid, SIGHUP)
        XCTAssertNotNil(p.waitForExit())
        XCTAssertEqual(HostProcesses.waitGone(children), [])
    }

    func testEndOfInputLeavesNoProcessBehind() throws {
        let (p, children) = try startWithPods()
        p.closeInput()
        XCTAssertNotNil(p.waitForExit())
        XCTAssertEqual(HostProcesses.waitGone(children), [])
    }
}
