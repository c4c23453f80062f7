import XCTest
import KubeAPI
import Runtime
@testable import Cluster

/// The file contents of downwardAPI volumes, as pkg/fieldpath formats them.
final class DownwardAPITests: XCTestCase {
    func testLabelsAreSortedGoQuotedLinesWithoutAFinalNewline() {
        XCTAssertEqual(Kubelet.formatMap(["zone": "a\"b", "app": "web\\n", "x": "tab\there"]),
                       "app=\"web\\\\n\"\nx=\"tab\\there\"\nzone=\"a\\\"b\"")
        XCTAssertEqual(Kubelet.formatMap([:]), "")
        XCTAssertEqual(goQuoted("日本\u{1}"), "\"日本\\x01\"")
    }

    func testResourcesRoundUpToTheDivisorAndUnsetLimitsAreTheNodesAllocatable() {
        var pod = Pod()
        pod.metadata.name = "p"
        var c = Container()
        c.name = "app"
        c.resources.limits = ["cpu": "250m", "memory": "100Mi"]
        c.resources.requests = ["cpu": "250m", "memory": "100Mi"]
        var other = Container()
        other.name = "free"
        pod.spec.containers = [c, other]
        func value(_ container: String, _ resource: String, _ divisor: String? = nil) -> String {
            var ref = ResourceFieldSelector(resource: resource)
            ref.containerName = container
            ref.divisor = divisor
            return Kubelet.resourceValue(ref, of: pod, allocatable: ["cpu": "2", "memory": "4Gi"])
        }
        XCTAssertEqual(value("app", "limits.cpu"), "1", "250m in whole cores, rounded up")
        XCTAssertEqual(value("app", "limits.cpu", "1m"), "250")
        XCTAssertEqual(value("app", "requests.memory", "1Mi"), "100")
        XCTAssertEqual(value("app", "limits.memory", "0"), String(100 << 20))
        XCTAssertEqual(value("free", "limits.cpu"), "2", "no limit: the node's allocatable")
        XCTAssertEqual(value("free", "limits.memory", "1Gi"), "4")
        XCTAssertEqual(value("free", "requests.cpu"), "0")
    }
}
