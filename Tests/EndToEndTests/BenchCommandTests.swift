import XCTest

/// `kubetutor bench` runs every section and prints one table (a small run: the figures are
/// only meaningful on a release build, so no target is checked here).
final class BenchCommandTests: XCTestCase {
    func testASmallBenchPrintsEveryFigure() throws {
        let p = try KubetutorProcess(arguments: ["bench", "--pods", "5", "--runs", "2", "--rounds", "1"])
        p.closeInput()
        let status = p.waitForExit(timeout: 150)
        usleep(20_000)  // let the pipe handlers drain
        XCTAssertEqual(status, 0, p.stderr)
        for heading in ["Start-up", "Pod start", "Memory per pod", "API server"] {
            XCTAssertTrue(p.stdout.contains("\n\(heading)\n"), "section \(heading): \(p.stdout)")
        }
        for figure in ["process start → prompt ready (median of 2)", "apply → Ready p50 (5 pods)", "apply → Ready p99",
                       "bare namespaced spawn of /bin/true p50 (100 runs)", "apply → Ready p50 / spawn p50",
                       "holder VmRSS (median of 5 pods)", "nginx VmRSS (median of 5 pods)",
                       "GET 100 pods as Table p99", "create → watch event p99", "time per request, 16 clients"] {
            XCTAssertTrue(p.stdout.contains("  " + figure), "figure \(figure): \(p.stdout)")
        }
        XCTAssertTrue(p.stdout.contains(" targets met.") || p.stdout.contains(" targets missed."), p.stdout)
    }

    func testBadOptionsAreRejected() throws {
        let (status, _, err) = try KubetutorProcess.run(script: "", arguments: ["bench", "--pods", "0"])
        XCTAssertEqual(status, 64, "usage error")
        XCTAssertTrue(err.contains("--pods must be at least 1"), err)
        let (only, _, onlyErr) = try KubetutorProcess.run(script: "", arguments: ["bench", "--only", "nosuch"])
        XCTAssertEqual(only, 64, "usage error")
        XCTAssertTrue(onlyErr.contains("no bench section matches --only nosuch"), onlyErr)
    }
}
