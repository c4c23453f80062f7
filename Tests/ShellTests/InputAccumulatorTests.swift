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

    /// Feeds lines as a paste (more input waiting after each) and collects the entries.
    private func paste(_ lines: [String]) -> ([ShellInput], InputAccumulator) {
        var a = InputAccumulator()
        var entries: [ShellInput] = []
        for line in lines { entries += a.feed(line, morePending: true) }
        if let last = a.finish() { entries.append(last) }
        return (entries, a)
    }

    func testABlankLineInsideAPastedManifestDoesNotSplitItWhenTheDocumentGoesOn() {
        let (entries, _) = paste(["apiVersion: v1", "kind: Pod", "", "metadata:", "  name: p", "spec:", "  containers:",
                                  "", "  - name: a", "    image: nginx"])
        XCTAssertEqual(entries, [.yaml("apiVersion: v1\nkind: Pod\n\nmetadata:\n  name: p\nspec:\n  containers:\n\n  - name: a\n    image: nginx\n")])
    }

    func testABlankLineThenACommandOrANewDocumentEndsThePastedManifest() {
        var (entries, a) = paste(["apiVersion: v1", "kind: Pod", "", "kubectl get pods"])
        XCTAssertEqual(entries, [.yaml("apiVersion: v1\nkind: Pod\n"), .command("kubectl get pods")])
        (entries, a) = paste(["apiVersion: v1", "kind: Pod", "", "apiVersion: apps/v1", "kind: Deployment"])
        XCTAssertEqual(entries, [.yaml("apiVersion: v1\nkind: Pod\n"), .yaml("apiVersion: apps/v1\nkind: Deployment\n")],
                       "a key the document already has starts another one")
        (entries, a) = paste(["apiVersion: v1", "kind: Pod", "", "containers"])
        XCTAssertEqual(entries.last, .command("containers"))
        _ = a
    }

    func testATypedBlankLineStillAppliesAtOnce() {
        var a = InputAccumulator()
        XCTAssertEqual(a.feed("apiVersion: v1", morePending: false), [])
        XCTAssertEqual(a.feed("", morePending: false), [.yaml("apiVersion: v1\n")])
    }
}
