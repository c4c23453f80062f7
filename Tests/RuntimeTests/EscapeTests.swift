import Foundation
import XCTest

@testable import Runtime

/// A pod tries to reach the host (Tests/EscapeProbe/escape.sh): every attempt must be refused, and
/// the host must be unchanged afterwards. Runs as whoever runs the tests (root on CI); the same
/// probe runs as `nobody` through the binary in EndToEndTests.
final class EscapeTests: XCTestCase {
    static var probe: String {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: dir.appendingPathComponent("EscapeProbe/escape.sh"), encoding: .utf8)) ?? "echo no probe"
    }

    static var repoDir: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    func testEveryEscapeIsRefusedAndTheHostIsUnchanged() throws {
        let (runtime, recorder) = try makeRuntime()
        let listener = try LoopbackListener()
        let before = try hostSnapshot()
        let (victim, victimLog) = try runtime.start("nginx", in: runtime.createSandbox(hostname: "victim"))
        let (attacker, _) = try runtime.start("busybox", command: ["sleep", "300"], in: runtime.createSandbox(hostname: "attacker"))
        XCTAssertTrue(eventually { victimLog.text.contains("start worker processes") })
        let env = ["PATH=/bin:/usr/bin", "HOST_PORT=\(listener.port)", "REPO_DIR=\(Self.repoDir)"]
        let log = try ContainerLog(name: "probe")
        let pid = try runtime.exec(in: attacker, process: ProcessSpec(argv: ["sh", "-c", Self.probe], env: env),
                                   stdio: log.stdio(stdin: StdioFDs.devNull))
        XCTAssertNotNil(recorder.wait(for: pid))
        let output = log.text
        let results = output.split(separator: "\n").filter { $0.contains(": refused") || $0.contains(": ESCAPED") }
        XCTAssertGreaterThanOrEqual(results.count, 28, output)
        for line in results where line.contains("ESCAPED") { XCTFail(String(line)) }
        // containerd's default capabilities (0xa80425fb), no_new_privs, a seccomp filter, and
        // container root that is not host root.
        XCTAssertTrue(output.contains("CapEff:\t00000000a80425fb"), output)
        XCTAssertTrue(output.contains("NoNewPrivs:\t1"), output)
        XCTAssertTrue(output.contains("Seccomp:\t2"), output)
        XCTAssertFalse(output.contains("uid_map: 0 0 "), output)
        if getuid() == 0 { XCTAssertTrue(output.contains("uid_map: 0 1000000000 65536"), output) }
        XCTAssertEqual(listener.accepted, 0, "the host's loopback service was reached")

        // kill -9 -1 inside a pod reaches only that container's own processes (and never its PID 1).
        _ = try runtime.run(["kill", "-9", "-1"], in: attacker, recorder: recorder)
        XCTAssertNotNil(runtime.hostPID(of: victim), "the other pod survived")
        XCTAssertNotNil(runtime.hostPID(of: attacker))
        XCTAssertEqual(try hostSnapshot(), before)
    }

    func testAForkBombHitsThePodsPidsLimitAndOthersKeepServing() throws {
        let (runtime, recorder) = try makeRuntime()
        try XCTSkipUnless(runtime.cgroups.enforced, runtime.limitsNotEnforcedReason ?? "")
        let web = try runtime.createSandbox(hostname: "web")
        let (_, webLog) = try runtime.start("nginx", in: web)
        let (client, _) = try runtime.start("busybox", command: ["sleep", "300"], in: web)
        XCTAssertTrue(eventually { webLog.text.contains("start worker processes") })
        let bombPod = try runtime.createSandbox(hostname: "bomb")
        let (bomb, _) = try runtime.start("busybox", command: ["sh", "-c", "while :; do sleep 300 & done"], in: bombPod)
        XCTAssertTrue(eventually(timeout: 20) { runtime.cgroups.pidsLimitHits(podUID: "holder\(bombPod.holder)") > 0 })
        let (status, page) = try runtime.run(["wget", "-qO-", "http://localhost/"], in: client, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 0))
        XCTAssertTrue(page.contains("Welcome to nginx!"))
        runtime.signal(bomb, SIGKILL)
        XCTAssertNotNil(recorder.wait(for: bomb))
    }

    func testAContainerOverItsMemoryLimitIsOOMKilled() throws {
        let (runtime, recorder) = try makeRuntime()
        guard case .v1(_, let memory, _) = runtime.cgroups.layout, memory != nil else {
            throw XCTSkip("no memory cgroup here: \(runtime.limitsNotEnforcedReason ?? "v2")")
        }
        let pod = try runtime.createSandbox(hostname: "hog")
        var config = ContainerConfig(image: "busybox")
        config.podUID = "hog"
        config.containerName = "hog"
        config.memoryLimitBytes = 32 << 20
        // dd fills a 100 MiB buffer: over the 32 MiB limit.
        let process = ProcessSpec(argv: ["dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1"], env: ["PATH=/bin"])
        let log = try ContainerLog(name: "hog")
        let pid = try runtime.startContainer(in: pod, process: process, config: config, stdio: log.stdio(stdin: StdioFDs.devNull))
        let status = recorder.wait(for: pid, timeout: 30)
        XCTAssertEqual(status?.kubernetesExitCode, 137, log.text)
        XCTAssertTrue(runtime.wasOOMKilled(pid))
    }

    func testACPULimitThrottlesABusyContainer() throws {
        let (runtime, recorder) = try makeRuntime()
        guard case .v1(_, _, let cpu?) = runtime.cgroups.layout else {
            throw XCTSkip("no cpu cgroup here: \(runtime.limitsNotEnforcedReason ?? "v2")")
        }
        let pod = try runtime.createSandbox(hostname: "spin")
        var config = ContainerConfig(image: "busybox")
        config.podUID = "spin"
        config.containerName = "spin"
        config.cpuLimitMillis = 100
        let log = try ContainerLog(name: "spin")
        let pid = try runtime.startContainer(in: pod, process: ProcessSpec(argv: ["sh", "-c", "while :; do :; done"], env: ["PATH=/bin"]),
                                             config: config, stdio: log.stdio(stdin: StdioFDs.devNull))
        let dir = "\(cpu)/\(runtime.cgroups.session)/podspin/spin"
        XCTAssertEqual(try String(contentsOfFile: dir + "/cpu.cfs_quota_us", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "10000",
                       "100m: 10 ms of every 100 ms period")
        func stat(_ key: String) -> Int {
            let text = (try? String(contentsOfFile: dir + "/cpu.stat", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix(key + " ") }.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        }
        XCTAssertTrue(eventually(timeout: 10) { stat("nr_throttled") >= 3 }, "the busy loop is held to its quota")
        let periods = stat("nr_periods"), throttled = stat("nr_throttled")
        XCTAssertGreaterThan(Double(throttled), Double(periods) * 0.5, "throttled in most periods: \(throttled) of \(periods)")
        runtime.signal(pid, SIGKILL)
        XCTAssertNotNil(recorder.wait(for: pid))
    }

    func testASidecarSharesAnEmptyDirThatOutlivesContainersButNotThePod() throws {
        let (runtime, recorder) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "shared")
        func start(_ argv: [String], readOnly: Bool = false) throws -> ProcessID {
            var config = ContainerConfig(image: "busybox")
            config.podUID = "shared"
            config.mounts = [RuntimeMount(volume: "data", target: "/data", readOnly: readOnly)]
            let log = try ContainerLog(name: "c")
            return try runtime.startContainer(in: pod, process: ProcessSpec(argv: argv, env: ["PATH=/bin"]),
                                              config: config, stdio: log.stdio(stdin: StdioFDs.devNull))
        }
        let writer = try start(["sh", "-c", "echo from-sidecar > /data/index.html; sleep 300"])
        let reader = try start(["sleep", "300"], readOnly: true)
        var seen = ""
        XCTAssertTrue(eventually { seen = (try? runtime.run(["cat", "/data/index.html"], in: reader, recorder: recorder).1) ?? ""; return seen == "from-sidecar\n" }, seen)
        let (denied, _) = try runtime.run(["sh", "-c", "echo x > /data/other"], in: reader, recorder: recorder)
        XCTAssertEqual(denied, ExitStatus(code: 1), "a readOnly mount")
        runtime.signal(writer, SIGKILL)
        XCTAssertNotNil(recorder.wait(for: writer))
        let again = try start(["cat", "/data/index.html"])
        XCTAssertEqual(recorder.wait(for: again), ExitStatus(code: 0), "the volume survived its writer")
    }

    // MARK: - Host state

    /// What an escape would change: /etc's listing and a few files' contents, the host's mounts.
    func hostSnapshot() throws -> [String] {
        let etc = try FileManager.default.contentsOfDirectory(atPath: "/etc").sorted()
        let files = ["/etc/hostname", "/etc/hosts", "/etc/passwd"].map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }
        let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        return etc + files + [mounts, String(cString: name), (try? String(contentsOfFile: "/proc/sys/kernel/sysrq", encoding: .utf8)) ?? ""]
    }
}

/// A TCP listener on the host's 127.0.0.1 that counts the connections it accepted.
final class LoopbackListener: @unchecked Sendable {
    let fd: Int32
    let port: UInt16
    private let lock = NSLock()
    private var count = 0
    var accepted: Int { lock.lock(); defer { lock.unlock() }; return count }

    init() throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        fd = sock
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, len) } }
        guard bound == 0, listen(sock, 8) == 0 else { throw RuntimeError(operation: "listen", stage: "bind", errno: errno) }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) } }
        port = UInt16(bigEndian: addr.sin_port)
        Thread { [weak self] in
            while true {
                let c = accept(sock, nil, nil)
                if c < 0 { return }
                close(c)
                guard let self else { return }
                self.lock.lock()
                self.count += 1
                self.lock.unlock()
            }
        }.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}
