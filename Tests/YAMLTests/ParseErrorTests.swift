import XCTest

@testable import YAML

/// Malformed documents: every expected message below is what real kubectl v1.32 printed after
/// `error: error parsing x.yaml: ` for the same text (`kubectl create -f x.yaml --dry-run=client
/// --validate=false`), and the mark is where the problem really is (1-based, whole source).
final class ParseErrorTests: XCTestCase {
    private struct Case {
        let source: String
        let message: String
        let kind: YAMLError.Kind
        let line: Int
        let column: Int
    }

    private func check(_ cases: [Case], file: StaticString = #filePath, line: UInt = #line) {
        for c in cases {
            do {
                let nodes = try parseYAML(c.source)
                XCTFail("parsed \(c.source.debugDescription) into \(nodes)", file: file, line: line)
            } catch let error as YAMLError {
                XCTAssertEqual(error.kubectlMessage, c.message, c.source.debugDescription, file: file, line: line)
                XCTAssertEqual(error.kind, c.kind, c.source.debugDescription, file: file, line: line)
                XCTAssertEqual(error.mark, Mark(line: c.line, column: c.column), c.source.debugDescription, file: file, line: line)
            } catch {
                XCTFail("unexpected error \(error)", file: file, line: line)
            }
        }
    }

    private let prefix = "error converting YAML to JSON: yaml: "

    func testScannerErrorsNameTheProblemLineCountingFromOne() {
        check([
            Case(source: "apiVersion: v1\nkind: Pod\nmetadata: name: x\n",
                 message: prefix + "line 3: mapping values are not allowed in this context", kind: .scanner, line: 3, column: 15),
            Case(source: "kind: Pod\nmetadata:\n  name: x\n   labels: y\n",
                 message: prefix + "line 4: mapping values are not allowed in this context", kind: .scanner, line: 4, column: 10),
            Case(source: "a:\n\tb: 1\n",
                 message: prefix + "line 2: found character that cannot start any token", kind: .scanner, line: 2, column: 1),
            Case(source: "a: |\n  x\n\tb\n",
                 message: prefix + "line 3: found a tab character where an indentation space is expected", kind: .scanner, line: 3, column: 1),
            Case(source: "apiVersion: v1\nkind\n",
                 message: prefix + "line 3: could not find expected ':'", kind: .scanner, line: 3, column: 1),
            Case(source: "spec:\n  containers:\n  - name: x\n    args: [*]\n",
                 message: prefix + "line 4: did not find expected alphabetic or numeric character", kind: .scanner, line: 4, column: 13),
            Case(source: "a: \"abc\nb: 2\n",
                 message: prefix + "line 3: found unexpected end of stream", kind: .scanner, line: 3, column: 1),
            Case(source: "a: 1\r\nb: c: d\r\n",
                 message: prefix + "line 2: mapping values are not allowed in this context", kind: .scanner, line: 2, column: 5),
        ])
    }

    func testScannerErrorsOnTheFirstLineHaveNoLineNumber() {
        // go-yaml treats 0-based line 0 as "unknown" and drops the prefix.
        check([
            Case(source: "a: b: c\n", message: prefix + "mapping values are not allowed in this context", kind: .scanner, line: 1, column: 5),
            Case(source: "\ta: 1\n", message: prefix + "found character that cannot start any token", kind: .scanner, line: 1, column: 1),
            Case(source: "a: @foo\n", message: prefix + "found character that cannot start any token", kind: .scanner, line: 1, column: 4),
            Case(source: "a: - b\n", message: prefix + "block sequence entries are not allowed in this context", kind: .scanner, line: 1, column: 4),
            Case(source: "a: \"\\q\"\n", message: prefix + "found unknown escape character", kind: .scanner, line: 1, column: 5),
        ])
    }

    func testParserErrorsNameTheLineBeforeTheOffendingToken() {
        // go-yaml prints a parser error's 0-based line: the line before the one at fault.
        check([
            Case(source: "a:\n  b: 1\n c: 2\n", message: prefix + "line 2: did not find expected key", kind: .parser, line: 3, column: 2),
            Case(source: "metadata:\n  labels:\n    app: web\n   tier: fe\n",
                 message: prefix + "line 3: did not find expected key", kind: .parser, line: 4, column: 4),
            Case(source: "spec:\n  containers:\n    - name: nginx\n     image: nginx\n",
                 message: prefix + "line 3: did not find expected '-' indicator", kind: .parser, line: 4, column: 6),
            Case(source: "a:\n  b: 1\n  - c\n", message: prefix + "line 2: did not find expected key", kind: .parser, line: 3, column: 3),
            Case(source: "a: [1, 2\nb: 3\n", message: prefix + "line 1: did not find expected ',' or ']'", kind: .parser, line: 2, column: 2),
            Case(source: "a: {x: 1\n", message: prefix + "line 1: did not find expected ',' or '}'", kind: .parser, line: 2, column: 1),
            Case(source: "a: [1,,2]\n", message: prefix + "did not find expected node content", kind: .parser, line: 1, column: 7),
            Case(source: "- a\nb: 1\n", message: prefix + "line 1: did not find expected '-' indicator", kind: .parser, line: 2, column: 1),
        ])
    }

    func testReaderErrorsHaveNoLineNumber() {
        check([Case(source: "a: \u{01}\n", message: prefix + "control characters are not allowed", kind: .reader, line: 1, column: 4)])
    }

    func testLinesCountFromTheDocumentKubectlCutAtTheLastSeparator() {
        // kubectl splits at `---` lines and go-yaml numbers lines within each piece.
        check([
            Case(source: "a: 1\n\n---\n# c\n---\nb: 2\n---\n\nc:\n  d: 1\n e: 2\n",
                 message: prefix + "line 3: did not find expected key", kind: .parser, line: 11, column: 2),
            Case(source: "kind: Pod\n---\nkind: Pod\nmetadata: name: x\n",
                 message: prefix + "line 2: mapping values are not allowed in this context", kind: .scanner, line: 4, column: 15),
        ])
    }

    func testASeparatorFollowedByTextIsKubectlsOwnError() {
        check([
            Case(source: "apiVersion: v1\n---foo\nkind: Pod\n", message: "invalid Yaml document separator: foo",
                 kind: .documentSeparator, line: 2, column: 4),
            Case(source: "a: 1\n--- !!map\nb: 2\n", message: "invalid Yaml document separator: !!map",
                 kind: .documentSeparator, line: 2, column: 4),
        ])
    }

    func testUnknownAnchorsAreReportedWithoutALine() {
        check([
            Case(source: "a: *x\n", message: prefix + "unknown anchor 'x' referenced", kind: .composer, line: 1, column: 4),
            // Anchors do not reach across documents.
            Case(source: "a: 1\n---\nb: &x 1\n---\nc: *x\n", message: prefix + "unknown anchor 'x' referenced",
                 kind: .composer, line: 5, column: 4),
            // go-yaml decodes after parsing: an unknown anchor wins over an earlier duplicate key.
            Case(source: "a:\n  b: 1\n  b: 2\n  c: *nope\n", message: prefix + "unknown anchor 'nope' referenced",
                 kind: .composer, line: 4, column: 6),
        ])
    }

    func testDuplicateKeysAreRejectedWithGoYAMLsStrictWording() {
        check([
            Case(source: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {}\n  name: b\n",
                 message: "error converting YAML to JSON: yaml: unmarshal errors:\n  line 6: key \"name\" already set in map",
                 kind: .duplicateKey, line: 6, column: 3),
            Case(source: "a: 1\n---\nb: 2\nb: 3\n",
                 message: "error converting YAML to JSON: yaml: unmarshal errors:\n  line 2: key \"b\" already set in map",
                 kind: .duplicateKey, line: 4, column: 1),
        ])
    }

    func testKeysClashByTypedValue() {
        check([
            Case(source: "on: 1\ntrue: 2\n",
                 message: "error converting YAML to JSON: yaml: unmarshal errors:\n  line 2: key true already set in map",
                 kind: .duplicateKey, line: 2, column: 1)
        ])
        XCTAssertNoThrow(try parseYAML("1: a\n\"1\": b\n"))
    }

    func testSyntaxErrorsWinOverDuplicateKeys() {
        check([
            Case(source: "\"a\": 1\n\"a\" b: 2\n", message: prefix + "line 1: did not find expected key", kind: .parser, line: 2, column: 5)
        ])
    }

    func testExcessiveAliasingIsRefused() {
        var source = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            source += "a\(level): &a\(level) [\(refs)]\n"
        }
        check([Case(source: source, message: prefix + "document contains excessive aliasing", kind: .composer, line: 6, column: 45)])
    }

    func testDeepNestingIsRefusedBeforeItCanExhaustTheStack() {
        let source = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try parseYAML(source)) { error in
            XCTAssertEqual((error as? YAMLError)?.problem, "exceeded max depth of \(EventParser.maxDepth)")
        }
    }

    func testABadMergeValueIsReported() {
        check([
            Case(source: "a:\n  <<: 1\n", message: prefix + "map merge requires map or sequence of maps as the value",
                 kind: .composer, line: 2, column: 7)
        ])
    }
}
