import XCTest
import Foundation
@testable import Runtime

/// Which cgroup layout a machine offers, and the limits written into it. cgroup v1 is exercised for
/// real by the escape tests; v2 is checked on a tree shaped like one (these machines run v1).
final class CgroupsTests: XCTestCase {
    var fs: String!

    override func setUpWithError() throws {
        fs = NSTemporaryDirectory() + "cgroupfs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: fs, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: fs) }

    private func touch(_ path: String, _ text: String = "") {
        _ = FileManager.default.createFile(atPath: fs + "/" + path, contents: Data(text.utf8))
    }

    func testV1ControllersAreUsedWhereWritable() throws {
        for c in ["pids", "memory"] {
            try FileManager.default.createDirectory(atPath: "\(fs!)/\(c)", withIntermediateDirectories: true)
            touch("\(c)/cgroup.procs")
        }
        XCTAssertEqual(Cgroups.detect(fs: fs), .v1(pids: "\(fs!)/pids", memory: "\(fs!)/memory", cpu: nil))
    }

    func testV2NeedsThePidsController() {
        touch("cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n")
        XCTAssertEqual(Cgroups.detect(fs: fs), .v2(root: fs))
        touch("cgroup.controllers", "hugetlb\n")
        guard case .unavailable(let why) = Cgroups.detect(fs: fs) else { return XCTFail("no pids controller: no limits") }
        XCTAssertTrue(why.contains("no pids controller"), why)
        try? FileManager.default.removeItem(atPath: fs + "/cgroup.controllers")
        guard case .unavailable = Cgroups.detect(fs: fs) else { return XCTFail("nothing there") }
    }

    func testV2LimitsAreWrittenAsTheKubeletsCgroupDriverWritesThem() throws {
        // A tree that answers like cgroupfs: the files a directory has once it exists.
        touch("cgroup.subtree_control")
        let cgroups = Cgroups(layout: .v2(root: fs), session: "kubetutor-test")
        let pod = "\(fs!)/kubetutor-test/podabc"
        try FileManager.default.createDirectory(atPath: pod + "/app", withIntermediateDirectories: true)
        for file in ["kubetutor-test/cgroup.subtree_control", "kubetutor-test/podabc/cgroup.subtree_control",
                     "kubetutor-test/podabc/pids.max", "kubetutor-test/podabc/app/memory.max",
                     "kubetutor-test/podabc/app/cpu.max", "kubetutor-test/podabc/app/cgroup.procs"] { touch(file) }
        try cgroups.createPod(uid: "abc")
        XCTAssertEqual(try String(contentsOfFile: pod + "/pids.max", encoding: .utf8), "1024")
        let fds = try cgroups.prepareContainer(podUID: "abc", name: "app", memoryBytes: 64 << 20, cpuMillis: 250)
        fds.forEach { close($0) }
        XCTAssertEqual(fds.count, 1, "v2: one cgroup per container holds every controller")
        XCTAssertEqual(try String(contentsOfFile: pod + "/app/memory.max", encoding: .utf8), "67108864")
        XCTAssertEqual(try String(contentsOfFile: pod + "/app/cpu.max", encoding: .utf8), "25000 100000")
        touch("kubetutor-test/podabc/pids.events", "max 7\n")
        XCTAssertEqual(cgroups.pidsLimitHits(podUID: "abc"), 7)
        touch("kubetutor-test/podabc/app/memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
        XCTAssertEqual(cgroups.oomKills(podUID: "abc", name: "app"), 1)
    }
}
