import Foundation
import KubeAPI
import XCTest
@testable import Kubectl
@testable import APIServer

final class PrintingWorkloadTableTests: XCTestCase {
    typealias F = PrintingFixtures

    private func deployment() -> Deployment {
        var d = Deployment()
        d.metadata.name = "web"
        d.metadata.namespace = "default"
        d.metadata.creationTimestamp = F.ago(8 * 86400)
        d.spec.replicas = 3
        d.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        d.spec.template.metadata.labels = ["app": "web"]
        var container = Container()
        container.name = "nginx"
        container.image = "nginx:1.27"
        d.spec.template.spec.containers = [container]
        d.status.replicas = 3
        d.status.updatedReplicas = 3
        d.status.readyReplicas = 2
        d.status.availableReplicas = 2
        d.status.unavailableReplicas = 1
        return d
    }

    func testDeploymentsNarrowAndWide() {
        let table = DeploymentTable.table([deployment()], now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions()), """
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE
            web    2/3     3            2           8d

            """)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions(wide: true)), """
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
            web    2/3     3            2           8d    nginx        nginx:1.27   app=web

            """)
    }

    func testReplicaSetsNarrowAndWide() {
        var rs = ReplicaSet()
        rs.metadata.name = "web-5d8f9c7b6"
        rs.metadata.creationTimestamp = F.ago(48 * 3600)
        rs.spec.replicas = 3
        rs.spec.selector = LabelSelector(matchLabels: ["app": "web", "pod-template-hash": "5d8f9c7b6"])
        rs.spec.template = deployment().spec.template
        rs.status.replicas = 3
        rs.status.readyReplicas = 3
        let table = ReplicaSetTable.table([rs], now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions()), """
            NAME            DESIRED   CURRENT   READY   AGE
            web-5d8f9c7b6   3         3         3       2d

            """)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions(wide: true)), """
            NAME            DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR
            web-5d8f9c7b6   3         3         3       2d    nginx        nginx:1.27   app=web,pod-template-hash=5d8f9c7b6

            """)
    }

    func testSelectorsRenderLikeApimachinery() {
        let selector = LabelSelector(matchLabels: ["tier": "db"], matchExpressions: [
            LabelSelectorRequirement(key: "env", operator: "In", values: ["prod", "dev"]),
            LabelSelectorRequirement(key: "zone", operator: "NotIn", values: ["b"]),
            LabelSelectorRequirement(key: "canary", operator: "DoesNotExist"),
            LabelSelectorRequirement(key: "app", operator: "Exists"),
        ])
        XCTAssertEqual(LabelFormatting.selector(selector), "app,!canary,env in (dev,prod),tier=db,zone notin (b)")
        XCTAssertEqual(LabelFormatting.formatSelector(LabelSelector()), "<none>")
        XCTAssertEqual(LabelFormatting.selector(nil), "")
    }

    func testNodesShowReadinessCordonAndRoles() {
        func node(_ name: String, ready: String?, role: String?, cordoned: Bool = false) -> Node {
            var n = Node()
            n.metadata.name = name
            n.metadata.creationTimestamp = F.ago(600)
            if let role { n.metadata.labels["node-role.kubernetes.io/\(role)"] = "" }
            if let ready { n.status.conditions = [NodeCondition(type: "Ready", status: ready)] }
            n.spec.unschedulable = cordoned
            n.status.addresses = [NodeAddress(type: "InternalIP", address: "172.18.0.2"), NodeAddress(type: "Hostname", address: name)]
            n.status.nodeInfo.osImage = "kubetutor"
            n.status.nodeInfo.kernelVersion = "6.8.0"
            n.status.nodeInfo.containerRuntimeVersion = "kubetutor://0.1"
            return n
        }
        let nodes = [node("control-plane", ready: "True", role: "control-plane"),
                     node("worker-1", ready: "False", role: nil, cordoned: true),
                     node("worker-2", ready: nil, role: nil)]
        let table = NodeTable.table(nodes, now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions()), """
            NAME            STATUS                        ROLES           AGE   VERSION
            control-plane   Ready                         control-plane   10m   v1.32.0
            worker-1        NotReady,SchedulingDisabled   <none>          10m   v1.32.0
            worker-2        Unknown                       <none>          10m   v1.32.0

            """)
        XCTAssertEqual(TablePrinter.render(NodeTable.table([nodes[0]], now: F.now), options: TableOptions(wide: true)), """
            NAME            STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE    KERNEL-VERSION   CONTAINER-RUNTIME
            control-plane   Ready    control-plane   10m   v1.32.0   172.18.0.2    <none>        kubetutor   6.8.0            kubetutor://0.1

            """)
    }

    func testEventsPrintInStoreOrderWithLowercaseObjects() {
        let events = [
            F.event("Scheduled", "Successfully assigned default/sample-pod to worker-1", from: "default-scheduler", first: 5),
            F.event("BackOff", "Back-off restarting failed container nginx in pod sample-pod_default(uid)",
                    type: "Warning", first: 300, last: 20, count: 7),
        ]
        XCTAssertEqual(TablePrinter.render(EventTable.table(events, now: F.now), options: TableOptions()), """
            LAST SEEN   TYPE      REASON      OBJECT           MESSAGE
            5s          Normal    Scheduled   pod/sample-pod   Successfully assigned default/sample-pod to worker-1
            20s         Warning   BackOff     pod/sample-pod   Back-off restarting failed container nginx in pod sample-pod_default(uid)

            """)
        let wide = EventTable.row(events[1], now: F.now).cells
        XCTAssertEqual(wide[4...], ["", "kubelet", events[1].message, "5m", "7", "sample-pod.backoff"])
    }

    func testOutputNameQualifiesNonCoreGroups() {
        XCTAssertEqual(ResourceNames.qualified(kind: "Pod", apiVersion: "v1", name: "sample-pod"), "pod/sample-pod")
        XCTAssertEqual(ResourceNames.qualified(kind: "Deployment", apiVersion: "apps/v1", name: "web"), "deployment.apps/web")
        XCTAssertEqual(ResourceNames.lines(kind: "ReplicaSet", apiVersion: "apps/v1", names: ["a", "b"]),
                       "replicaset.apps/a\nreplicaset.apps/b\n")
    }
}
