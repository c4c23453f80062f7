import Foundation
import XCTest

@testable import Runtime

/// The nginx image answering a busybox sidecar over the pod's shared loopback, plus measurements.
final class NginxPodTests: XCTestCase {
    func testNginxAnswersASidecarOnLocalhostAndLogsTheRequest() throws {
        let (runtime, recorder) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "web")
        let (nginx, nginxLog) = try runtime.start("nginx", in: pod)
        let (sidecar, _) = try runtime.start("busybox", command: ["sleep", "60"], in: pod)
        var page = ""
        XCTAssertTrue(eventually {
            page = (try? runtime.run(["wget", "-qO-", "localhost"], in: sidecar, recorder: recorder).1) ?? ""
            return page.contains("<title>Welcome to nginx!</title>")
        }, page)
        // kubetutor's one addition to the stock page (615 bytes): the pod that served it, 25 bytes here.
        XCTAssertTrue(page.hasSuffix("<p><em>Thank you for using nginx.</em></p>\n<p>Served by pod web</p>\n</body>\n</html>\n"), page)
        XCTAssertTrue(eventually { nginxLog.text.contains("\"GET / HTTP/1.1\" 200 640 \"-\" \"Wget\" \"-\"") }, nginxLog.text)
        let access = nginxLog.text.split(separator: "\n").first { $0.contains("GET /") }.map(String.init) ?? ""
        XCTAssertTrue(access.hasPrefix("127.0.0.1 - - ["), access)
        XCTAssertTrue(nginxLog.text.contains("[notice] 1#1: nginx/1.27.3"), nginxLog.text)

        let (status, output) = try runtime.run(["wget", "-O-", "http://localhost/missing"], in: sidecar, recorder: recorder)
        XCTAssertEqual(status, ExitStatus(code: 1))
        XCTAssertEqual(output, "Connecting to localhost (127.0.0.1:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n")

        // The page is a file of the image, writable in the container's own layer and served as changed.
        let (edit, _) = try runtime.run(["sh", "-c", "echo changed > /usr/share/nginx/html/index.html"], in: nginx, recorder: recorder)
        XCTAssertEqual(edit, ExitStatus(code: 0))
        XCTAssertEqual(try runtime.run(["wget", "-qO-", "localhost"], in: sidecar, recorder: recorder).1, "changed\n")
        XCTAssertEqual(try runtime.run(["sh", "-c", "command -v wget ps ping || echo none"], in: nginx, recorder: recorder).1,
                       "none\n", "the nginx image has no wget, ps or ping")

        runtime.signal(nginx, SIGTERM)  // nginx handles SIGTERM even as PID 1
        XCTAssertEqual(recorder.wait(for: nginx), ExitStatus(code: 0))
        XCTAssertTrue(nginxLog.text.contains("signal 15 (SIGTERM) received, exiting"), nginxLog.text)
    }

    func testSecondNginxInAPodCannotBindPort80() throws {
        let (runtime, recorder) = try makeRuntime()
        let pod = try runtime.createSandbox(hostname: "two-nginx")
        let (first, firstLog) = try runtime.start("nginx", in: pod)
        XCTAssertTrue(eventually { firstLog.text.contains("start worker processes") })
        let (second, log) = try runtime.start("nginx", in: pod)
        XCTAssertEqual(recorder.wait(for: second), ExitStatus(code: 1))
        XCTAssertTrue(log.text.contains("[emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)"), log.text)
        runtime.signal(first, SIGQUIT)
        XCTAssertEqual(recorder.wait(for: first), ExitStatus(code: 0))
    }

    /// Not a pass/fail benchmark: prints pod start latency, RSS and the bare-spawn baseline.
    func testMeasurePodStartAndFootprint() throws {
        let (runtime, _) = try makeRuntime()
        var starts: [TimeInterval] = []
        var last: (Sandbox, ProcessID)?
        for i in 0..<20 {
            let begin = Date()
            let pod = try runtime.createSandbox(hostname: "bench-\(i)")
            let (nginx, _) = try runtime.start("nginx", in: pod)
            starts.append(Date().timeIntervalSince(begin))
            last = (pod, nginx)
        }
        let baseline = try (0..<20).map { _ in try SpawnBaseline.measure() }
        let (pod, nginx) = try XCTUnwrap(last)
        let holderPID = try XCTUnwrap(runtime.hostPID(of: pod.holder))
        let holderRSS = rss(holderPID)
        let holderAnon = Self.rollup("Anonymous", of: holderPID)
        var nginxRSS = 0
        XCTAssertTrue(eventually {
            nginxRSS = (runtime.hostPID(of: nginx).map(rss)) ?? 0
            return nginxRSS > 0
        })
        let median = { (xs: [TimeInterval]) in xs.sorted()[xs.count / 2] * 1000 }
        print(String(format: "kubetutor-measure: pod (holder+nginx) start median %.2f ms; baseline namespaced /bin/true %.2f ms; "
                     + "holder VmRSS %d kB (%d kB its own, the rest shared pages of init's binary); nginx VmRSS %d kB",
                     median(starts), median(baseline), holderRSS, holderAnon, nginxRSS))
        // What a holder costs is its anonymous memory: its RSS is mostly init's binary, shared by all.
        XCTAssertLessThan(holderAnon, 256, "a holder's own memory should stay small")
        XCTAssertGreaterThan(holderAnon, 0)
    }

    /// A field of /proc/PID/smaps_rollup, in kB.
    static func rollup(_ field: String, of hostPID: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(hostPID)/smaps_rollup", encoding: .utf8) else { return 0 }
        let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first.map(String.init) ?? "") } ?? 0
    }

    private func rss(_ hostPID: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(hostPID)/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") } ?? 0
    }
}
