import XCTest

@testable import YAML

final class CaretSnippetTests: XCTestCase {
    private func error(_ source: String) throws -> YAMLError {
        do {
            _ = try parseYAML(source)
        } catch let error as YAMLError {
            return error
        }
        throw XCTSkip("no error for \(source.debugDescription)")
    }

    func testACaretPointsAtTheProblemColumn() throws {
        let source = "apiVersion: v1\nkind: Pod\nmetadata: name: x\n"
        XCTAssertEqual(try error(source).caretSnippet(source: source), """
            3 | metadata: name: x
              |               ^
            """)
    }

    func testTabsAreExpandedOnTheLineAndUnderIt() throws {
        let source = "a:\n  b:\t\tc: d\n"
        XCTAssertEqual(try error(source).caretSnippet(source: source), """
            2 |   b:        c: d
              |              ^
            """)
        XCTAssertEqual(YAMLError.caretSnippet(source: "\tx\n", at: Mark(line: 1, column: 2)), "1 |     x\n  |     ^")
    }

    func testTheConstructBeingParsedIsShownWhenItStartsOnAnotherLine() throws {
        let source = "metadata:\n  labels:\n    app: web\n   tier: fe\n"
        XCTAssertEqual(try error(source).caretSnippet(source: source), """
            2 |   labels:
              |   ^ while parsing a block mapping
            4 |    tier: fe
              |    ^ did not find expected key
            """)
    }

    func testProblemsAtTheEndOfInputPointPastTheLastLine() throws {
        let source = "a: \"abc\nb: 2\n"
        let snippet = try error(source).caretSnippet(source: source)
        XCTAssertTrue(snippet.hasSuffix("3 | \n  | ^ found unexpected end of stream"), snippet)
    }

    func testCarriageReturnsAndByteOrderMarksDoNotShiftTheCaret() throws {
        let crlf = "a: 1\r\nb: c: d\r\n"
        XCTAssertEqual(try error(crlf).caretSnippet(source: crlf), "2 | b: c: d\n  |     ^")
        let bom = "\u{FEFF}a: b: c\n"
        XCTAssertEqual(try error(bom).caretSnippet(source: bom), "1 | a: b: c\n  |     ^")
    }

    func testColumnsCountCharactersNotBytes() {
        XCTAssertEqual(YAMLError.caretSnippet(source: "ü: é: x\n", at: Mark(line: 1, column: 5)), "1 | ü: é: x\n  |     ^")
    }
}
