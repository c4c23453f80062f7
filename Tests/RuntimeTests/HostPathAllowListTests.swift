import XCTest
import CSpawn
import Foundation
@testable import Runtime

final class HostPathAllowListTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = try XCTUnwrap(HostPathAllowList.resolve(NSTemporaryDirectory() + "hostpaths-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(atPath: dir + "/allowed/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/allowed/etc", withDestinationPath: "/etc")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testPathsAreLocatedOnlyBelowAnAllowedDirectoryAfterSymlinksAreResolved() throws {
        let list = try HostPathAllowList(directories: [dir + "/allowed/sub/..", dir + "/allowed"])
        XCTAssertEqual(list.directories, [dir + "/allowed"], "resolved and deduplicated")
        XCTAssertEqual(list.locate(dir + "/allowed")?.relative, "")
        XCTAssertEqual(list.locate(dir + "/allowed/sub/x")?.relative, "sub/x")
        XCTAssertNil(list.locate(dir + "/allowedx"), "a sibling with the same prefix is not below it")
        let viaLink = try XCTUnwrap(HostPathAllowList.resolve(dir + "/allowed/etc/passwd"))
        XCTAssertEqual(viaLink, "/etc/passwd")
        XCTAssertNil(list.locate(viaLink), "a symlink out of the directory leads out of the list")
        XCTAssertEqual(HostPathAllowList.resolve(dir + "/allowed/new/deeper"), dir + "/allowed/new/deeper")
        XCTAssertNil(HostPathAllowList.resolve("relative/path"))
        XCTAssertThrowsError(try HostPathAllowList(directories: [dir + "/missing"]))
        XCTAssertThrowsError(try HostPathAllowList(directories: Array(repeating: dir, count: 17)))
    }

    func testCreationMakesWhatIsMissingAndNeverFollowsASymlink() throws {
        XCTAssertNil(HostPathAllowList.create(dir + "/allowed/a/b", file: false))
        var st = stat()
        XCTAssertEqual(stat(dir + "/allowed/a/b", &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o755)
        if geteuid() == 0 { XCTAssertEqual(st.st_uid, HostPathAllowList.clusterRootUID, "owned by the pods' root") }
        XCTAssertNil(HostPathAllowList.create(dir + "/allowed/a/b/f", file: true))
        XCTAssertEqual(stat(dir + "/allowed/a/b/f", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFREG)

        // A symlink swapped in after the check: the base is opened without following symlinks.
        XCTAssertEqual(cspawn_create_below(dir + "/allowed/etc", "kubetutor-escape", 1, -1), -1)
        XCTAssertEqual(errno, ELOOP)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/kubetutor-escape"))
        XCTAssertEqual(cspawn_create_below(dir + "/allowed", "etc/kubetutor-escape", 1, -1), -1, "nor below it")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/kubetutor-escape"))
    }
}
