import XCTest
@testable import Shell

final class PathCompleterTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "kubetutor-paths-\(UUID().uuidString)"
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: root + "/manifests/probes", withIntermediateDirectories: true)
        for file in ["manifests/pod.yaml", "manifests/deploy.yaml", "notes.txt", ".hidden"] {
            try "x".write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testEntriesOfTheCurrentDirectoryWithDirectoriesMarked() {
        XCTAssertEqual(PathCompleter.candidates(for: "", currentDirectory: root), ["manifests/", "notes.txt"])
        XCTAssertEqual(PathCompleter.candidates(for: "ma", currentDirectory: root), ["manifests/"])
    }

    func testTheTypedDirectoryPartIsKept() {
        XCTAssertEqual(PathCompleter.candidates(for: "manifests/p", currentDirectory: root),
                       ["manifests/pod.yaml", "manifests/probes/"])
        XCTAssertEqual(PathCompleter.candidates(for: root + "/manifests/d", currentDirectory: "/"),
                       [root + "/manifests/deploy.yaml"])
    }

    func testHiddenEntriesOnlyWhenAsked() {
        XCTAssertEqual(PathCompleter.candidates(for: ".h", currentDirectory: root), [".hidden"])
    }

    func testTildeMeansTheHomeDirectory() {
        XCTAssertEqual(PathCompleter.candidates(for: "~/no", currentDirectory: "/", homeDirectory: root),
                       ["~/notes.txt"])
    }

    func testAMissingDirectoryHasNoCandidates() {
        XCTAssertEqual(PathCompleter.candidates(for: "nowhere/x", currentDirectory: root), [])
    }
}
