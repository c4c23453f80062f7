import XCTest
import Cluster
import KubeAPI
import Runtime
@testable import Kubectl

/// `kubectl cordon`, `uncordon` and `drain` against a real embedded cluster, and drain's filters.
final class NodeVerbTests: XCTestCase {
    var runtime: LinuxRuntime!
    var cluster: Cluster!
    var kubectl: Kubectl!

    override func setUpWithError() throws {
        runtime = try LinuxRuntime()
        cluster = Cluster(runtime: runtime, images: CatalogImages(runtime.images), makeLog: { try ContainerLog(name: "test") })
        kubectl = Kubectl(cluster: cluster)
    }

    override func tearDown() { cluster?.shutdown() }

    @discardableResult
    func run(_ line: String) throws -> (Int32, String, String) {
        let (io, captured) = CommandIO.capturing()
        let status = kubectl.run(try CommandLineSplitter.split(line), io: io)
        return (status, captured.stdout, captured.stderr)
    }

    func testCordonAndUncordonSayWhatChanged() throws {
        XCTAssertEqual(try run("cordon worker-1").1, "node/worker-1 cordoned\n")
        XCTAssertEqual(try run("cordon worker-1").1, "node/worker-1 already cordoned\n")
        XCTAssertTrue(try run("get nodes").1.contains("Ready,SchedulingDisabled"))
        XCTAssertEqual(try run("uncordon worker-1").1, "node/worker-1 uncordoned\n")
        XCTAssertEqual(try run("uncordon worker-1").1, "node/worker-1 already uncordoned\n")
    }

    func testNodeVerbsWithoutANodeOrWithAnUnknownOne() throws {
        XCTAssertEqual(try run("cordon").2, "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n")
        XCTAssertEqual(try run("drain").0, 1)
        XCTAssertEqual(try run("uncordon nope").2, "Error from server (NotFound): nodes \"nope\" not found\n")
    }

    func testDrainingAnEmptyNode() throws {
        let (status, out, err) = try run("drain worker-2 --ignore-daemonsets")
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, "node/worker-2 cordoned\nnode/worker-2 drained\n")
    }

    func pod(_ name: String, controller: String? = nil, emptyDir: Bool = false) -> Pod {
        var p = Pod()
        p.metadata.name = name
        p.metadata.namespace = "default"
        if let controller {
            p.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: controller, name: "owner", uid: "u1")]
        }
        if emptyDir {
            p.spec.volumes = [Volume(name: "scratch")]
        }
        return p
    }

    func testDrainFiltersFollowKubectl() {
        func verdict(_ p: Pod, ignore: Bool = false, emptyDir: Bool = false, force: Bool = false) -> NodeVerbs.Verdict {
            NodeVerbs.verdict(p, daemonSetExists: { _, _ in true }, ignoreDaemonSets: ignore, deleteEmptyDirData: emptyDir, force: force)
        }
        XCTAssertEqual(verdict(pod("ds", controller: "DaemonSet")).error, NodeVerbs.daemonSetFatal)
        XCTAssertEqual(verdict(pod("ds", controller: "DaemonSet"), ignore: true).warning, "ignoring DaemonSet-managed Pods")
        XCTAssertFalse(verdict(pod("ds", controller: "DaemonSet"), ignore: true).delete)
        XCTAssertEqual(verdict(pod("bare")).error, "cannot delete Pods that declare no controller (use --force to override)")
        XCTAssertEqual(verdict(pod("bare"), force: true).warning, "deleting Pods that declare no controller")
        XCTAssertEqual(verdict(pod("tmp", controller: "ReplicaSet", emptyDir: true)).error,
                       "Pods with local storage (use --delete-emptydir-data to override)")
        XCTAssertTrue(verdict(pod("tmp", controller: "ReplicaSet", emptyDir: true), emptyDir: true).delete)
        XCTAssertTrue(verdict(pod("web", controller: "ReplicaSet")).delete)
        let grouped = NodeVerbs.grouped([(NodeVerbs.localStorageFatal, "default/a"), (NodeVerbs.unmanagedFatal, "default/b"),
                                         (NodeVerbs.localStorageFatal, "default/c")], prefix: "cannot delete")
        XCTAssertEqual(NodeVerbs.aggregate(grouped),
                       "[cannot delete Pods with local storage (use --delete-emptydir-data to override): default/a, default/c, "
                       + "cannot delete Pods that declare no controller (use --force to override): default/b]")
    }
}
