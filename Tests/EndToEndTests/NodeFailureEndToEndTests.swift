import XCTest

/// `node stop` on the teaching clock: the node turns NotReady, its Deployment pods are evicted and
/// come back Running on the other worker; `node start` cleans up the stale pod.
final class NodeFailureEndToEndTests: XCTestCase {
    func testAStoppedWorkersPodComesBackOnTheOtherWorker() throws {
        let p = try KubetutorProcess()
        defer { p.closeInput(); _ = p.waitForExit() }
        p.send("kubectl create deployment web --image=nginx --replicas=2\n")
        p.send("kubectl rollout status deployment/web --timeout=20s\n")
        p.waitFor("deployment \"web\" successfully rolled out")
        let before = p.podRows()
        XCTAssertEqual(Set(before.values.map(\.node)), ["worker-1", "worker-2"], "one pod per worker: \(before)")
        let lost = try XCTUnwrap(before.first { $0.value.node == "worker-2" }?.key)

        let stop = p.output(of: "node stop worker-2")
        XCTAssertTrue(stop.hasPrefix("node/worker-2 stopped"), stop + p.stderr)
        let stoppedAt = Date()
        let rows = p.waitForPods(timeout: 4 + 4 + 6) { rows in
            rows[lost]?.status == "Terminating"
                && rows.filter { $0.key != lost && $0.value.status == "Running" && $0.value.node == "worker-1" }.count == 2
        }
        let healed = Date().timeIntervalSince(stoppedAt)
        XCTAssertLessThan(healed, 4 + 4 + 6, "grace + toleration + margin")
        XCTAssertEqual(rows[lost]?.node, "worker-2", "the old pod stays Terminating on its node")
        let nodes = p.output(of: "kubectl get nodes")
        XCTAssertTrue(nodes.split(separator: "\n").contains { $0.hasPrefix("worker-2") && $0.contains("NotReady") }, nodes)
        let describe = p.output(of: "kubectl describe node worker-2")
        XCTAssertTrue(describe.contains("node.kubernetes.io/unreachable:NoExecute"), describe)
        XCTAssertTrue(describe.contains("Kubelet stopped posting node status."), describe)

        XCTAssertTrue(p.output(of: "node start worker-2").hasPrefix("node/worker-2 started"))
        p.waitForPods(timeout: 10) { $0[lost] == nil && $0.count == 2 }
        let back = p.output(of: "kubectl get nodes")
        XCTAssertTrue(back.split(separator: "\n").contains { $0.hasPrefix("worker-2") && $0.contains(" Ready ") }, back)
    }

    func testCordonDrainAndUncordon() throws {
        let p = try KubetutorProcess()
        defer { p.closeInput(); _ = p.waitForExit() }
        p.send("kubectl create deployment web --image=nginx --replicas=2\n")
        p.send("apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  nodeName: worker-1\n  containers:\n  - name: nginx\n    image: nginx\n\n")
        p.send("kubectl rollout status deployment/web --timeout=20s\n")
        p.send("kubectl wait --for=condition=Ready pod/solo --timeout=15s\n")
        p.waitFor("pod/solo condition met")
        XCTAssertEqual(p.output(of: "kubectl cordon worker-1"), "node/worker-1 cordoned\n")
        XCTAssertEqual(p.output(of: "kubectl cordon worker-1"), "node/worker-1 already cordoned\n")
        XCTAssertTrue(p.output(of: "kubectl get nodes").contains("worker-1        Ready,SchedulingDisabled   <none>"), p.stdout)
        XCTAssertEqual(p.output(of: "kubectl uncordon worker-1"), "node/worker-1 uncordoned\n")

        XCTAssertEqual(p.output(of: "kubectl drain worker-1 --ignore-daemonsets"), "node/worker-1 cordoned\n")
        let refusal = "cannot delete Pods that declare no controller (use --force to override): default/solo"
        XCTAssertTrue(p.stderr.contains("error: unable to drain node \"worker-1\" due to error: \(refusal), continuing command...\n"
                                        + "There are pending nodes to be drained:\n worker-1\nerror: \(refusal)\n"), p.stderr)
        XCTAssertEqual(p.podRows()["solo"]?.status, "Running", "nothing is evicted when a pod blocks the drain")

        let onWorker1 = p.podRows().filter { $0.value.node == "worker-1" }.map(\.key).sorted()
        let out = p.output(of: "kubectl drain worker-1 --ignore-daemonsets --force")
        XCTAssertTrue(out.hasPrefix("node/worker-1 already cordoned\n" + onWorker1.map { "evicting pod default/\($0)\n" }.joined()), out)
        for name in onWorker1 { XCTAssertTrue(out.contains("pod/\(name) evicted\n"), out) }
        XCTAssertTrue(out.hasSuffix("node/worker-1 drained\n"), out)
        XCTAssertTrue(p.stderr.contains("Warning: deleting Pods that declare no controller: default/solo\n"), p.stderr)
        p.waitForPods(timeout: 10) { rows in
            rows["solo"] == nil && rows.values.filter { $0.status == "Running" && $0.node == "worker-2" }.count == 2
        }
    }
}
