import XCTest

@testable import YAML

/// Valid documents: tree shape, scalar styles, marks, multiple documents, anchors and merges.
final class ParseDocumentTests: XCTestCase {
    private func m(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }

    private func json(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        try parseYAML(source).map { try $0.toJSONValue().compactJSONString() }
    }

    func testABlockMappingKeepsKeyOrderStylesAndOneBasedMarks() throws {
        let source = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: 'sample-pod'
            spec:
              containers:
                - name: nginx
                  image: "nginx:latest"
            """
        let nodes = try parseYAML(source)
        XCTAssertEqual(nodes.count, 1)
        let expected = Node.mapping(
            [
                (.scalar("apiVersion", .plain, m(1, 1)), .scalar("v1", .plain, m(1, 13))),
                (.scalar("kind", .plain, m(2, 1)), .scalar("Pod", .plain, m(2, 7))),
                (
                    .scalar("metadata", .plain, m(3, 1)),
                    .mapping([(.scalar("name", .plain, m(4, 3)), .scalar("sample-pod", .singleQuoted, m(4, 9)))], m(4, 3))
                ),
                (
                    .scalar("spec", .plain, m(5, 1)),
                    .mapping(
                        [
                            (
                                .scalar("containers", .plain, m(6, 3)),
                                .sequence(
                                    [
                                        .mapping(
                                            [
                                                (.scalar("name", .plain, m(7, 7)), .scalar("nginx", .plain, m(7, 13))),
                                                (.scalar("image", .plain, m(8, 7)), .scalar("nginx:latest", .doubleQuoted, m(8, 14))),
                                            ], m(7, 7))
                                    ], m(7, 5))
                            )
                        ], m(6, 3))
                ),
            ], m(1, 1))
        XCTAssertEqual(nodes[0], expected)
    }

    func testFlowStyleAndJSONParseToTheSameValues() throws {
        XCTAssertEqual(try json("a: {b: [1, two, \"3\"], c: {}}\nd: []\n"), [#"{"a":{"b":[1,"two","3"],"c":{}},"d":[]}"#])
        XCTAssertEqual(try json(#"{"kind": "Pod", "spec": {"containers": [{"name": "x"}]}}"#), [#"{"kind":"Pod","spec":{"containers":[{"name":"x"}]}}"#])
    }

    func testScalarStylesAreRecorded() throws {
        let source = "a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\n  text\n"
        guard case .mapping(let entries, _) = try XCTUnwrap(parseYAML(source).first) else { return XCTFail("not a mapping") }
        let values = entries.map { entry -> (String, ScalarStyle) in
            guard case .scalar(let text, let style, _) = entry.value else { return ("", .plain) }
            return (text, style)
        }
        XCTAssertEqual(values.map(\.0), ["plain", "single", "double", "literal\n", "folded text\n"])
        XCTAssertEqual(values.map(\.1), [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
    }

    func testQuotingEscapesAndFoldingFollowYAML() throws {
        XCTAssertEqual(try json("a: 'it''s'\nb: \"tab\\tq\\\"\\u263A\"\nc: >\n  one\n  two\n\n  para\nd: b\n c\n"),
                       [#"{"a":"it's","b":"tab\tq\"☺","c":"one two\npara\n","d":"b c"}"#])
    }

    func testCommentsAreIgnored() throws {
        XCTAssertEqual(try json("# header\na: 1 # trailing\n# between\nb: \"# not a comment\"\nc: a#b\n"),
                       [##"{"a":1,"b":"# not a comment","c":"a#b"}"##])
    }

    func testMultipleDocumentsGiveOneNodeEachAndEmptyOnesAreSkipped() throws {
        let source = "---\na: 1\n---\n# only a comment\n---\n\n---\nb: 2\n--- # trailing comment\nc: 3\n---\n~\n"
        XCTAssertEqual(try json(source), [#"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#])
        XCTAssertEqual(try parseYAML("").count, 0)
        XCTAssertEqual(try parseYAML("# nothing\n").count, 0)
    }

    func testMarksCountFromTheWholeSourceAcrossDocuments() throws {
        let nodes = try parseYAML("a: 1\n---\nkind: Pod\nname: x\n")
        XCTAssertEqual(nodes.count, 2)
        XCTAssertEqual(nodes[1].mark, m(3, 1))
        guard case .mapping(let entries, _) = nodes[1] else { return XCTFail("not a mapping") }
        XCTAssertEqual(entries[1].value.mark, m(4, 7))
    }

    func testWhatFollowsTheFirstDocumentOfAPieceIsIgnoredAsKubectlDoes() throws {
        // go-yaml decodes only the first document; kubectl accepts this.
        XCTAssertEqual(try json(" a: 1\nb: 2\n"), [#"{"a":1}"#])
        XCTAssertEqual(try json("a: 1\n...\nb: 2\n"), [#"{"a":1}"#])
    }

    func testAliasesCopyTheAnchoredNode() throws {
        XCTAssertEqual(try json("base: &b {x: 1}\none: *b\ntwo: *b\nname: &n web\nlabel: *n\n"),
                       [#"{"base":{"x":1},"one":{"x":1},"two":{"x":1},"name":"web","label":"web"}"#])
    }

    func testMergeKeysFoldInMappingsWithExplicitKeysWinning() throws {
        let source = """
            defaults: &d {image: nginx, pull: Always}
            extra: &e {port: 80, pull: Never}
            one:
              <<: *d
              name: one
            two:
              name: two
              pull: IfNotPresent
              <<: [*d, *e]
            """
        XCTAssertEqual(try json(source), [
            #"{"defaults":{"image":"nginx","pull":"Always"},"extra":{"port":80,"pull":"Never"},"#
                + #""one":{"image":"nginx","pull":"Always","name":"one"},"#
                + #""two":{"name":"two","pull":"IfNotPresent","image":"nginx","port":80}}"#
        ])
    }

    func testAStrTagMakesAPlainScalarAString() throws {
        XCTAssertEqual(try json("a: !!str 123\nb: !!str true\n"), [#"{"a":"123","b":"true"}"#])
    }

    func testComplexKeysParseButCannotBecomeJSON() throws {
        let node = try XCTUnwrap(parseYAML("? [a]\n: 1\n").first)
        XCTAssertThrowsError(try node.toJSONValue())
    }

    func testUnicodeAndByteOrderMark() throws {
        XCTAssertEqual(try json("\u{FEFF}name: ünïcödé\njp: 日本\n"), [#"{"name":"ünïcödé","jp":"日本"}"#])
    }

    func testIsNullFollowsGoYAML() throws {
        let nodes = try XCTUnwrap(parseYAML("- ~\n- null\n- Null\n- NULL\n-\n- 'null'\n- nil\n").first)
        guard case .sequence(let items, _) = nodes else { return XCTFail("not a sequence") }
        XCTAssertEqual(items.map(\.isNull), [true, true, true, true, true, false, false])
    }
}
