import XCTest
@testable import Shell

final class InputAccumulatorTests: XCTestCase {
    func testACommandLineIsAnEntryByItself() {
        var accumulator = InputAccumulator()
        XCTAssertEqual(accumulator.feed("  kubectl get pods  "), .command("kubectl get pods"))
        XCTAssertFalse(accumulator.isInManifest)
    }

    func testBlankLinesAndCommentsOutsideAManifestAreIgnored() {
        var accumulator = InputAccumulator()
        XCTAssertNil(accumulator.feed(""))
        XCTAssertNil(accumulator.feed("   \t"))
        XCTAssertNil(accumulator.feed("# create the pod"))
        XCTAssertNil(accumulator.finish())
    }

    func testApiVersionOpensAManifestThatAnEmptyLineCloses() {
        var accumulator = InputAccumulator()
        XCTAssertNil(accumulator.feed("apiVersion: v1"))
        XCTAssertTrue(accumulator.isInManifest)
        XCTAssertNil(accumulator.feed("kind: Pod"))
        XCTAssertNil(accumulator.feed("metadata:"))
        XCTAssertNil(accumulator.feed("  name: sample-pod"))
        XCTAssertEqual(accumulator.feed(""), .yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: sample-pod\n"))
        XCTAssertFalse(accumulator.isInManifest)
        XCTAssertEqual(accumulator.feed("get pods"), .command("get pods"))
    }

    func testKindAndDocumentMarkerAlsoOpenAManifest() {
        for opener in ["kind: Deployment", "---", "--- # web", "  apiVersion: apps/v1"] {
            var accumulator = InputAccumulator()
            XCTAssertNil(accumulator.feed(opener), opener)
            XCTAssertTrue(accumulator.isInManifest, opener)
        }
    }

    func testWordsThatOnlyLookLikeYAMLAreCommands() {
        var accumulator = InputAccumulator()
        XCTAssertEqual(accumulator.feed("---x"), .command("---x"))
        XCTAssertEqual(accumulator.feed("kinds"), .command("kinds"))
    }

    func testInsideAManifestCommentsAndDocumentMarkersAreKept() {
        var accumulator = InputAccumulator()
        _ = accumulator.feed("---")
        _ = accumulator.feed("# first")
        _ = accumulator.feed("apiVersion: v1")
        _ = accumulator.feed("---")
        XCTAssertEqual(accumulator.feed("  "), .yaml("---\n# first\napiVersion: v1\n---\n"))
    }

    func testEndOfInputHandsOverAnOpenManifest() {
        var accumulator = InputAccumulator()
        _ = accumulator.feed("apiVersion: v1")
        _ = accumulator.feed("kind: Pod")
        XCTAssertEqual(accumulator.finish(), .yaml("apiVersion: v1\nkind: Pod\n"))
        XCTAssertNil(accumulator.finish())
    }

    func testAbandonDropsAnOpenManifest() {
        var accumulator = InputAccumulator()
        _ = accumulator.feed("apiVersion: v1")
        accumulator.abandon()
        XCTAssertFalse(accumulator.isInManifest)
        XCTAssertNil(accumulator.finish())
        XCTAssertEqual(accumulator.feed("get po"), .command("get po"))
    }

    func testWhileAnswersAreReadAnyFirstLineOpensAManifestButQuizCommandsStayCommands() {
        var a = InputAccumulator()
        XCTAssertNil(a.feed("metadata:", manifestOnly: true))
        XCTAssertNil(a.feed("  name: x", manifestOnly: true))
        XCTAssertEqual(a.feed("", manifestOnly: true), .yaml("metadata:\n  name: x\n"))
        XCTAssertEqual(a.feed("hint", manifestOnly: true), .command("hint"))
        XCTAssertEqual(a.feed("kubectl get pods", manifestOnly: true), .command("kubectl get pods"))
        XCTAssertEqual(a.feed("metadata:"), .command("metadata:"), "outside an attempt the old rule holds")
    }
}
