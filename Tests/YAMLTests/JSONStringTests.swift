import XCTest

@testable import YAML

/// `jsonString()` against `kubectl -o json` (Go's json.MarshalIndent with four spaces).
final class JSONStringTests: XCTestCase {
    func testIndentedLikeKubectlWithKeysInTheValuesOrder() {
        // `kubectl create configmap q --from-literal=f=1 --dry-run=client -o json`, minus the final newline.
        let value = JSONValue.object([
            ("kind", .string("ConfigMap")), ("apiVersion", .string("v1")),
            ("metadata", .object([("name", .string("q")), ("creationTimestamp", .null)])),
            ("data", .object([("f", .string("1"))])),
        ])
        XCTAssertEqual(value.jsonString(), """
            {
                "kind": "ConfigMap",
                "apiVersion": "v1",
                "metadata": {
                    "name": "q",
                    "creationTimestamp": null
                },
                "data": {
                    "f": "1"
                }
            }
            """)
    }

    func testEmptyCollectionsNestedArraysAndScalars() {
        let value = JSONValue.object([
            ("a", .object([])), ("b", .array([])), ("c", .array([.int(1), .array([.bool(true)]), .null])), ("d", .int(-7)),
        ])
        XCTAssertEqual(value.jsonString(), """
            {
                "a": {},
                "b": [],
                "c": [
                    1,
                    [
                        true
                    ],
                    null
                ],
                "d": -7
            }
            """)
        XCTAssertEqual(JSONValue.object([]).jsonString(), "{}")
    }

    func testStringsAreEscapedAsGoDoes() {
        // As kubectl printed `--from-literal=u=$'a\x7fb\x01\t\n"\\/'`, `'<a&b>'`, `$'\b\f\r\x1f'` and U+2028.
        XCTAssertEqual(JSONValue.string("a\u{7F}b\u{01}\t\n\"\\/").jsonString(), #""a\#u{7F}b\u0001\t\n\"\\/""#)
        XCTAssertEqual(JSONValue.string("<a&b>").jsonString(), #""\u003ca\u0026b\u003e""#)
        XCTAssertEqual(JSONValue.string("\u{08}\u{0C}\r\u{1F}").jsonString(), #""\b\f\r\u001f""#)
        XCTAssertEqual(JSONValue.string("\u{2028}é\u{2029}").jsonString(), #""\u2028é\u2029""#)
        XCTAssertEqual(JSONValue.object([("<k>", .int(1))]).compactJSONString(), #"{"\u003ck\u003e":1}"#)
    }

    func testNumbersAsGoFormatsFloat64() {
        let cases: [(Double, String)] = [
            (3, "3"), (-0.5, "-0.5"), (0.1, "0.1"), (1e20, "100000000000000000000"), (1e21, "1e+21"),
            (0.000001, "0.000001"), (1e-7, "1e-7"), (1.5e-10, "1.5e-10"), (123456789.125, "123456789.125"),
        ]
        for (number, text) in cases { XCTAssertEqual(JSONValue.double(number).jsonString(), text, "\(number)") }
        XCTAssertEqual(JSONValue.int(Int.min).jsonString(), "-9223372036854775808")
    }

    func testCompactFormForAnnotations() {
        let value = JSONValue.object([("apiVersion", .string("v1")), ("metadata", .object([("annotations", .object([]))])),
                                      ("list", .array([.int(1), .int(2)]))])
        XCTAssertEqual(value.compactJSONString(), #"{"apiVersion":"v1","metadata":{"annotations":{}},"list":[1,2]}"#)
    }

    func testSortingKeysOrdersBytewiseAtEveryLevel() {
        let value = JSONValue.object([("b", .object([("z", .int(1)), ("B", .int(2))])), ("a", .array([.object([("y", .null), ("x", .null)])]))])
        XCTAssertEqual(value.sortingKeys().compactJSONString(), #"{"a":[{"x":null,"y":null}],"b":{"B":2,"z":1}}"#)
    }
}
