import XCTest
@testable import Shell

final class TabCompleterTests: XCTestCase {
    func testAUniqueMatchCompletesTheWordAndAddsASpace() {
        var completer = TabCompleter()
        XCTAssertEqual(completer.press(lineBeforeCursor: "kubectl ge", candidates: ["get"]), .insert("t "))
    }

    func testAUniqueDirectoryCompletesWithoutASpace() {
        var completer = TabCompleter()
        XCTAssertEqual(completer.press(lineBeforeCursor: "apply -f man", candidates: ["manifests/"]),
                       .insert("ifests/"))
    }

    func testCandidatesNotMatchingTheWordAreIgnored() {
        var completer = TabCompleter()
        XCTAssertEqual(completer.press(lineBeforeCursor: "get po", candidates: ["pods", "deployments"]),
                       .insert("ds "))
        XCTAssertEqual(completer.press(lineBeforeCursor: "get x", candidates: ["pods"]), .beep)
    }

    func testSeveralMatchesCompleteTheCommonPrefixThenListOnTheNextTab() {
        var completer = TabCompleter()
        let candidates = ["pods", "pod-templates", "persistentvolumes"]
        XCTAssertEqual(completer.press(lineBeforeCursor: "get po", candidates: candidates), .insert("d"))
        XCTAssertEqual(completer.press(lineBeforeCursor: "get pod", candidates: candidates),
                       .list(["pod-templates", "pods"]))
    }

    func testSeveralMatchesWithNothingToAddBeepFirstAndListSecond() {
        var completer = TabCompleter()
        let candidates = ["get", "delete", "describe"]
        XCTAssertEqual(completer.press(lineBeforeCursor: "kubectl ", candidates: candidates), .beep)
        XCTAssertEqual(completer.press(lineBeforeCursor: "kubectl ", candidates: candidates),
                       .list(["delete", "describe", "get"]))
    }

    func testATabOnAnotherLineStartsOver() {
        var completer = TabCompleter()
        let candidates = ["delete", "describe"]
        XCTAssertEqual(completer.press(lineBeforeCursor: "kubectl d", candidates: candidates), .insert("e"))
        XCTAssertEqual(completer.press(lineBeforeCursor: "kubectl x de", candidates: candidates), .beep)
    }

    func testPathsAreListedByTheirLastComponent() {
        var completer = TabCompleter()
        let candidates = ["manifests/pod.yaml", "manifests/probes/"]
        XCTAssertEqual(completer.press(lineBeforeCursor: "apply -f manifests/p", candidates: candidates), .beep)
        XCTAssertEqual(completer.press(lineBeforeCursor: "apply -f manifests/p", candidates: candidates),
                       .list(["pod.yaml", "probes/"]))
    }

    func testCommonPrefixWorksOnWholeCharacters() {
        XCTAssertEqual(TabCompleter.commonPrefix(of: ["ポッド一覧", "ポッド削除"]), "ポッド")
        XCTAssertEqual(TabCompleter.commonPrefix(of: ["abc", "xyz"]), "")
        XCTAssertEqual(TabCompleter.commonPrefix(of: []), "")
    }

    func testTheCurrentWordIsWhatFollowsTheLastSpace() {
        XCTAssertEqual(TabCompleter.currentWord(of: "kubectl get po"), "po")
        XCTAssertEqual(TabCompleter.currentWord(of: "kubectl get "), "")
        XCTAssertEqual(TabCompleter.currentWord(of: "kub"), "kub")
    }
}

final class ColumnLayoutTests: XCTestCase {
    func testItemsRunDownColumnsThenAcross() {
        let text = ColumnLayout.format(["a", "b", "c", "d", "e"], width: 10)
        // Cells are 3 wide ("a" + 2 spaces): 4 columns fit in 10, so 2 rows.
        XCTAssertEqual(text, "a  c  e\nb  d\n")
    }

    func testANarrowTerminalGetsOneColumn() {
        XCTAssertEqual(ColumnLayout.format(["deployments", "pods"], width: 5), "deployments\npods\n")
    }

    func testWideCharactersAreAlignedByDisplayWidth() {
        let text = ColumnLayout.format(["ポッド", "pods", "rs", "x"], width: 16)
        XCTAssertEqual(text, "ポッド  rs\npods    x\n")
    }

    func testNothingToListGivesNothing() {
        XCTAssertEqual(ColumnLayout.format([], width: 80), "")
    }
}
