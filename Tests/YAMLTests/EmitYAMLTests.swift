import XCTest

@testable import YAML

/// `emitYAML` against what real kubectl v1.32 printed for the same values
/// (`kubectl create configmap q --from-literal=k=<value> --dry-run=client -o yaml`).
final class EmitYAMLTests: XCTestCase {
    /// The line kubectl prints for `k: <value>` inside a mapping.
    private func line(_ value: String) -> String {
        let text = emitYAML(.object([("k", .string(value))]))
        return String(text.dropFirst(3).dropLast())  // drop "k: " and the final newline
    }

    func testStringsAYAML11ReaderWouldMisreadAreDoubleQuoted() {
        let quoted = [
            "", "123", "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "false", "True", "TRUE", "null", "Null", "~",
            "0755", "1e3", "1_000", ".5", "1.0", "-1", "+1", "0x1F", "0o17", "0b101", "1.", "+.5", ".inf", "-.Inf", ".nan",
            "2026-11-26T01:02:03Z", "2026-11-26", "2026-1-2", "2026-11-26 01:02:03", "2026-11-26T01:02:03.5+01:00", "12:30",
            "1:20:30", "190:20:30", "08", "-.5", "0.", "1__0", "1_",
        ]
        for value in quoted { XCTAssertEqual(line(value), "\"\(value)\"", value) }
    }

    func testStringsThatCannotBePlainAreSingleQuoted() {
        let quoted = [
            " lead", "trail ", "a: b", "- a", "#x", "a #b", "&x", "*x", "!x", "|x", ">x", "%x", "@x", "`x", "{x", "[x",
            "}x", "]x", ",x", "? x", "-", "---", "...", "x:", "x #", ":", "::", "!", "&", "*",
        ]
        for value in quoted { XCTAssertEqual(line(value), "'\(value)'", value) }
        XCTAssertEqual(line("'x"), "'''x'")
        XCTAssertEqual(line("\"x"), "'\"x'")
    }

    func testOrdinaryStringsArePlain() {
        let plain = [
            "a:b", ":a", "-a", "a#b", "?x", "nginx:latest", "ünïcödé", "日本", "x...", "a,b", "a[b]", "a{b}", "=", "<<",
            "0x", "1e", "2026-13-01", "2026-11-26T01:02:03", "+", "_1", "a'b", "a\"b", "a\\b", "x :y", "https://example.com/a?b=c#d", "10.0.0.1", "/bin/sh", "-c", "--port=80",
            "echo \"hi\"; sleep 3600", "$HOME", "100m", "128Mi", "1.5Gi",
        ]
        for value in plain { XCTAssertEqual(line(value), value, value) }
    }

    func testControlCharactersForceDoubleQuotesWithEscapes() {
        XCTAssertEqual(line("tab\tin"), "\"tab\\tin\"")
    }

    func testMultiLineStringsUseLiteralBlocksWithKubectlsChompingAndIndentHints() {
        let cases: [(String, String)] = [
            ("line1\nline2", "|-\n    line1\n    line2"),
            ("line1\nline2\n", "|\n    line1\n    line2"),
            ("line1\n\n", "|+\n    line1\n"),
            (" x\ny", "|2-\n     x\n    y"),
            ("\ny", "|2-\n\n    y"),
            ("- a\n- b", "|-\n    - a\n    - b"),
            // A space before a line break rules out a block scalar.
            ("x \ny", "\"x \\ny\""),
            ("tab\tx\ny", "\"tab\\tx\\ny\""),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(emitYAML(.object([("data", .object([("k", .string(value))]))])), "data:\n  k: \(expected)\n", value.debugDescription)
        }
    }

    func testKeysAreQuotedByTheSameRules() {
        XCTAssertEqual(emitYAML(.object([("n", .int(1)), ("a b", .int(2)), ("- x", .int(3))])), "'- x': 3\na b: 2\n\"n\": 1\n")
    }

    func testKeysAreSortedInGoYAMLsNaturalOrderUnlessAskedNotTo() {
        let keys = ["b10", "b9", "a-b", "aB", "a0", "a00", "a1", "A", "_x", "x.y", "x_y", "X-Y", "b010", "b01"]
        let value = JSONValue.object(keys.map { ($0, .int(0)) })
        let order = emitYAML(value).split(separator: "\n").map { $0.split(separator: ":")[0] }
        // As printed by `kubectl create configmap c --from-literal=b10=1 ... -o yaml`.
        XCTAssertEqual(order, ["_x", "A", "X-Y", "a-b", "a0", "a00", "a1", "aB", "b01", "b9", "b10", "b010", "x.y", "x_y"])
        XCTAssertEqual(emitYAML(.object([("b", .int(1)), ("a", .int(2))]), sortingKeys: false), "b: 1\na: 2\n")
    }

    func testSequencesSitAtTheirKeysIndentAndEmptyCollectionsAreFlow() {
        let pod = JSONValue.object([
            ("spec", .object([
                ("containers", .array([.object([("image", .string("nginx")), ("name", .string("web")),
                                                ("args", .array([.string("-c"), .array([.int(1)])]))])])),
                ("nodeSelector", .object([])),
                ("volumes", .array([])),
            ])),
            ("status", .object([])),
        ])
        XCTAssertEqual(emitYAML(pod), """
            spec:
              containers:
              - args:
                - -c
                - - 1
                image: nginx
                name: web
              nodeSelector: {}
              volumes: []
            status: {}

            """)
    }

    func testScalarsOfOtherTypes() {
        let value = JSONValue.object([
            ("a", .null), ("b", .bool(true)), ("c", .int(-3)), ("d", .double(0.5)), ("e", .double(3)),
            ("f", .double(1234567.5)), ("g", .double(0.00001)),
        ])
        XCTAssertEqual(emitYAML(value), "a: null\nb: true\nc: -3\nd: 0.5\ne: 3\nf: 1.2345675e+06\ng: 1e-05\n")
    }

    func testLongStringsAreNotWrapped() {
        let long = Array(repeating: "word", count: 60).joined(separator: " ")
        XCTAssertEqual(emitYAML(.object([("k", .string(long))])), "k: \(long)\n")
    }

    func testEmittedYAMLParsesBackToTheSameValue() throws {
        let value = JSONValue.object([
            ("apiVersion", .string("v1")),
            ("data", .object([
                ("bools", .array([.string("yes"), .string("on"), .bool(false)])),
                ("numbers", .array([.string("0755"), .int(493), .string("1e3"), .double(1.5)])),
                ("text", .string("line1\n  line2\n")),
                ("odd", .array([.string(" lead"), .string("a: b"), .string("#x"), .string(""), .null])),
            ])),
            ("kind", .string("ConfigMap")),
        ])
        let parsed = try XCTUnwrap(parseYAML(emitYAML(value, sortingKeys: false)).first).toJSONValue()
        XCTAssertEqual(parsed, value)
    }
}
