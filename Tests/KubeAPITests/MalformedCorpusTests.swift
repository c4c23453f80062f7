import XCTest
import YAML
@testable import KubeAPI

/// Every document in Fixtures/malformed-manifests.yaml must be rejected with a kubectl-worded error
/// containing its `# expect:` text, which names the offending field.
final class MalformedCorpusTests: XCTestCase {
    private struct Case {
        var expect: String
        var text: String
        var line: Int
    }

    private func loadCases() throws -> [Case] {
        guard let url = Bundle.module.url(forResource: "malformed-manifests", withExtension: "yaml", subdirectory: "Fixtures") else {
            XCTFail("fixture missing")
            return []
        }
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var cases: [Case] = []
        var current: [String] = []
        var expect: String? = nil
        var start = 1
        func flush() {
            if let e = expect { cases.append(Case(expect: e, text: current.joined(separator: "\n"), line: start)) }
            current = []
            expect = nil
        }
        for (i, line) in lines.enumerated() {
            if line == "---" {
                flush()
            } else if line.hasPrefix("# expect: ") {
                expect = String(line.dropFirst("# expect: ".count))
                start = i + 1
            } else if !line.hasPrefix("#") {
                current.append(line)
            }
        }
        flush()
        return cases
    }

    func testEveryMalformedManifestIsRejectedNamingItsField() throws {
        let cases = try loadCases()
        XCTAssertGreaterThanOrEqual(cases.count, 100)
        for c in cases {
            let docs: [YNode]
            do {
                docs = try parseYAML(c.text)
            } catch {
                XCTFail("fixture line \(c.line): not YAML: \(error)")
                continue
            }
            guard docs.count == 1, let doc = docs.first else {
                XCTFail("fixture line \(c.line): \(docs.count) documents")
                continue
            }
            do {
                let object = try admitManifest(doc)
                XCTFail("fixture line \(c.line): accepted \(object.qualifiedName), expected: \(c.expect)")
            } catch let error as ManifestError {
                let message = error.kubectlMessage(verb: "creating", source: "corpus.yaml")
                XCTAssertTrue(message.contains(c.expect), "fixture line \(c.line):\n  got:      \(message)\n  expected: \(c.expect)")
                XCTAssertNotNil(error.mark, "fixture line \(c.line): no source position for \(message)")
            }
        }
    }
}
