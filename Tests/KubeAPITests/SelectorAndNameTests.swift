import XCTest
@testable import KubeAPI

private struct SequenceRandomness: NameRandomness {
    var next = 0
    mutating func nextIndex(below bound: Int) -> Int {
        defer { next += 1 }
        return next % bound
    }
}

final class SelectorAndNameTests: XCTestCase {
    func testLabelSelectorMatchesLabelsAndExpressions() {
        let selector = LabelSelector(matchLabels: ["app": "web"], matchExpressions: [
            LabelSelectorRequirement(key: "tier", operator: "In", values: ["front", "back"]),
            LabelSelectorRequirement(key: "canary", operator: "DoesNotExist"),
        ])
        XCTAssertTrue(selector.matches(["app": "web", "tier": "front"]))
        XCTAssertFalse(selector.matches(["app": "web", "tier": "db"]))
        XCTAssertFalse(selector.matches(["app": "web", "tier": "front", "canary": "yes"]))
        XCTAssertTrue(LabelSelector().matches(["anything": "x"]))
        XCTAssertEqual(selector.formatted, "app=web,!canary,tier in (back,front)")
    }

    func testParsingKubectlSelectors() throws {
        let labels = ["app": "web", "tier": "front"]
        XCTAssertTrue(try Selector.parse("app=web").matches(labels))
        XCTAssertTrue(try Selector.parse("app==web").matches(labels))
        XCTAssertFalse(try Selector.parse("app!=web").matches(labels))
        XCTAssertTrue(try Selector.parse("tier in (back, front)").matches(labels))
        XCTAssertFalse(try Selector.parse("tier notin (front)").matches(labels))
        XCTAssertTrue(try Selector.parse("app,!canary").matches(labels))
        XCTAssertTrue(try Selector.parse("").isEverything)
        XCTAssertEqual(try Selector.parse("tier in (b,a),app=web").description, "app=web,tier in (a,b)")
    }

    func testSelectorParseErrors() {
        XCTAssertThrowsError(try Selector.parse("app in a")) { error in
            XCTAssertEqual((error as? SelectorParseError)?.message, "found 'a' expected: '('")
        }
        XCTAssertThrowsError(try Selector.parse("app=web,")) { error in
            XCTAssertEqual((error as? SelectorParseError)?.message, "found '', expected: identifier after ','")
        }
        XCTAssertThrowsError(try Selector.parse("app=a b")) { error in
            XCTAssertEqual((error as? SelectorParseError)?.message, "found 'b', expected: ',' or 'end of string'")
        }
    }

    func testResourceKindLookup() {
        XCTAssertEqual(ResourceKind.lookup("po"), .pod)
        XCTAssertEqual(ResourceKind.lookup("Deployments"), .deployment)
        XCTAssertEqual(ResourceKind.lookup("deployment.apps"), .deployment)
        XCTAssertEqual(ResourceKind.lookup("sts"), .statefulSet)
        XCTAssertNil(ResourceKind.lookup("services"))
        XCTAssertEqual(ResourceKind.deployment.qualifiedSingular, "deployment.apps")
        XCTAssertEqual(ResourceKind.replicaSet.qualifiedPlural, "replicasets.apps")
        XCTAssertEqual(ResourceKind.pod.qualifiedSingular, "pod")
    }

    func testFNV32aKnownVectors() {
        XCTAssertEqual(fnv32a(Array("".utf8)), 0x811c_9dc5)
        XCTAssertEqual(fnv32a(Array("a".utf8)), 0xe40c_292c)
    }

    func testSafeEncodingMapsDigitsLikeKubernetes() {
        XCTAssertEqual(safeEncode("0123456789"), "456789bcdf")
    }

    func testPodTemplateHashIsStableAndChangesWithTheTemplate() {
        var template = PodTemplateSpec()
        template.metadata.labels = ["app": "web"]
        var c = Container()
        c.name = "nginx"
        c.image = "nginx:1.27"
        template.spec.containers = [c]
        let hash = podTemplateHash(template)
        XCTAssertEqual(hash, podTemplateHash(template))
        XCTAssertTrue(hash.allSatisfy { "456789bcdf".contains($0) }, hash)
        template.spec.containers[0].image = "nginx:1.28"
        XCTAssertNotEqual(hash, podTemplateHash(template))
        XCTAssertNotEqual(podTemplateHash(template), podTemplateHash(template, collisionCount: 1))
    }

    func testGeneratedNamesUseTheSafeAlphabet() {
        var rng = SequenceRandomness()
        XCTAssertEqual(generateName(base: "web-7c5ddbdf54-", using: &rng), "web-7c5ddbdf54-bcdfg")
        let long = String(repeating: "a", count: 70)
        XCTAssertEqual(generateName(base: long, using: &rng).count, 63)
    }
}
