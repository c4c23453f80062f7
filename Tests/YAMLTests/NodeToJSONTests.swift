import XCTest

@testable import YAML

/// Generic typing of plain scalars, as kubectl's YAML→JSON conversion (go-yaml v2, YAML 1.1) does it.
final class NodeToJSONTests: XCTestCase {
    private func value(_ scalar: String) throws -> JSONValue {
        let node = try XCTUnwrap(parseYAML("v: \(scalar)\n").first)
        return try XCTUnwrap(node.toJSONValue()["v"])
    }

    func testBooleansIncludeYAML11Words() throws {
        for word in ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"] {
            XCTAssertEqual(try value(word), .bool(true), word)
        }
        for word in ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"] {
            XCTAssertEqual(try value(word), .bool(false), word)
        }
        XCTAssertEqual(try value("tRue"), .string("tRue"))
    }

    func testNulls() throws {
        for word in ["~", "null", "Null", "NULL", ""] { XCTAssertEqual(try value(word), .null, word) }
    }

    func testIntegersInGoSyntaxWithUnderscores() throws {
        XCTAssertEqual(try value("3"), .int(3))
        XCTAssertEqual(try value("-12"), .int(-12))
        XCTAssertEqual(try value("+7"), .int(7))
        XCTAssertEqual(try value("0755"), .int(0o755))
        XCTAssertEqual(try value("0o17"), .int(15))
        XCTAssertEqual(try value("0x1F"), .int(31))
        XCTAssertEqual(try value("0b101"), .int(5))
        XCTAssertEqual(try value("1_000"), .int(1000))
        XCTAssertEqual(try value("9223372036854775807"), .int(Int.max))
    }

    func testFloats() throws {
        XCTAssertEqual(try value("1.5"), .double(1.5))
        XCTAssertEqual(try value("1e3"), .double(1000))
        XCTAssertEqual(try value(".5"), .double(0.5))
        XCTAssertEqual(try value("-.5"), .double(-0.5))
        XCTAssertEqual(try value("1."), .double(1))
        // Not valid octal, so go-yaml falls back to reading it as a float.
        XCTAssertEqual(try value("08"), .double(8))
        XCTAssertEqual(try value(".inf"), .double(.infinity))
        XCTAssertEqual(try value("-.Inf"), .double(-.infinity))
    }

    func testEverythingElseIsAString() throws {
        for text in ["nginx:latest", "100m", "128Mi", "1.5Gi", "12:30", "2026-11-26", "2026-11-26T01:02:03Z", "0x", "1e", "a-", "a b"] {
            XCTAssertEqual(try value(text), .string(text), text)
        }
    }

    func testQuotedAndBlockScalarsAreAlwaysStrings() throws {
        XCTAssertEqual(try value("'3'"), .string("3"))
        XCTAssertEqual(try value("\"true\""), .string("true"))
        XCTAssertEqual(try value("\"\""), .string(""))
        XCTAssertEqual(try value("|\n  yes"), .string("yes\n"))
    }

    func testKeysBecomeStringsAfterTyping() throws {
        let node = try XCTUnwrap(parseYAML("1: a\non: b\n~: c\n0x10: d\n\"2\": e\n").first)
        XCTAssertEqual(try node.toJSONValue(), .object([
            ("1", .string("a")), ("true", .string("b")), ("null", .string("c")), ("16", .string("d")), ("2", .string("e")),
        ]))
    }

    func testKeysThatCollideOnlyAsJSONStringsKeepTheLastValue() throws {
        // go-yaml sees the integer 1 and the string "1" as different keys; JSON cannot.
        let node = try XCTUnwrap(parseYAML("1: a\n\"1\": b\n").first)
        XCTAssertEqual(try node.toJSONValue(), .object([("1", .string("b"))]))
    }
}
