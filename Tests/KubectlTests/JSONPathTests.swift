import XCTest
import YAML
@testable import Kubectl
import KubeAPI

/// kubectl's JSONPath dialect on plain JSON (the end-to-end tests compare with the real kubectl).
final class JSONPathTests: XCTestCase {
    let list: JSONValue = .object([("items", .array([
        .object([("metadata", .object([("name", .string("a")), ("labels", .object([("app", .string("web"))]))])),
                 ("spec", .object([("replicas", .int(3))]))]),
        .object([("metadata", .object([("name", .string("b"))])), ("spec", .object([("replicas", .int(1))]))]),
    ]))])

    func render(_ template: String) throws -> String { try JSONPath(template).render(list) }

    func testFieldsWildcardsIndexesSlicesAndUnions() throws {
        XCTAssertEqual(try render("{.items[*].metadata.name}"), "a b")
        XCTAssertEqual(try render("{.items[-1].metadata.name}"), "b")
        XCTAssertEqual(try render("{.items[0:1].metadata.name}"), "a")
        XCTAssertEqual(try render("{.items[0].metadata.labels}"), #"{"app":"web"}"#)
        XCTAssertEqual(try render("{.items[*].metadata['name','labels']}"), #"a b {"app":"web"}"#)
        XCTAssertEqual(try render("{..replicas}"), "3 1")
        XCTAssertEqual(try render("n={.items[5].metadata.name}."), "n=.", "missing is nothing")
    }

    func testFiltersRangesAndLiterals() throws {
        XCTAssertEqual(try render(#"{.items[?(@.spec.replicas>2)].metadata.name}"#), "a")
        XCTAssertEqual(try render(#"{.items[?(@.metadata.name=="b")].spec.replicas}"#), "1")
        XCTAssertEqual(try render("{.items[?(@.metadata.labels)].metadata.name}"), "a")
        XCTAssertEqual(try render(#"{range .items[*]}{.metadata.name}{"\t"}{.spec.replicas}{"\n"}{end}"#), "a\t3\nb\t1\n")
    }

    func testSyntaxErrorsAreKubectls() {
        XCTAssertThrowsError(try JSONPath("{.items[")) { XCTAssertEqual(($0 as? JSONPath.ParseError)?.message, "error parsing jsonpath {.items[, unterminated array") }
        XCTAssertThrowsError(try JSONPath("{.items")) { XCTAssertEqual(($0 as? JSONPath.ParseError)?.message, "error parsing jsonpath {.items, unclosed action") }
        XCTAssertThrowsError(try JSONPath("{end}"))
        XCTAssertThrowsError(try JSONPath("{range .items[*]}{.x}"))
    }

    func testCustomColumnsPrintGoValuesAndNone() throws {
        let columns = try CustomColumns(spec: "NAME:.metadata.name,LABELS:.metadata.labels,R:spec.replicas")
        XCTAssertEqual(columns.render(list.asArray("items"), noHeaders: false),
                       "NAME   LABELS         R\na      map[app:web]   3\nb      <none>         1\n")
        XCTAssertThrowsError(try CustomColumns(spec: "bad"))
    }
}

private extension JSONValue {
    func asArray(_ key: String) -> [JSONValue] {
        if case .array(let items)? = self[key] { return items }
        return []
    }
}

/// `--sort-by` as kubectl orders: byte order for strings, numbers by value, objects without the
/// field first (kubectl's comparison and Go's insertion sort reverse them among themselves).
final class SortByTests: XCTestCase {
    func item(_ name: String, _ app: String?) -> APIObjectJSON {
        var meta: [(String, JSONValue)] = [("name", .string(name))]
        if let app { meta.append(("labels", .object([("app", .string(app))]))) }
        var pod = Pod()
        pod.metadata.name = name
        return APIObjectJSON(object: .pod(pod), json: .object([("metadata", .object(meta))]))
    }

    func testOrderAsKubectlPrintsIt() throws {
        let items = [item("a", nil), item("pod-1", "zzz"), item("pod-10", nil), item("pod-9", nil), item("web", "web")]
        let byApp = try XCTUnwrap(SortBy(".metadata.labels.app").sorted(items)).map { $0.object.name }
        XCTAssertEqual(byApp, ["pod-9", "pod-10", "a", "web", "pod-1"])
        let byName = try XCTUnwrap(SortBy("{.metadata.name}").sorted(items)).map { $0.object.name }
        XCTAssertEqual(byName, ["a", "pod-1", "pod-10", "pod-9", "web"])
        XCTAssertNil(try SortBy(".nosuch").sorted(items), "no object has it")
    }
}
