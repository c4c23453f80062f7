import Foundation
import KubeAPI
import XCTest
@testable import Kubectl
@testable import APIServer

final class PrintingPodTableTests: XCTestCase {
    typealias F = PrintingFixtures

    private func status(_ pod: Pod) -> String { PodSummary(pod).status }

    func testARunningPodPrintsLikeKubectlGetPod() {
        let table = PodTable.table([F.runningPod("sample-pod")], now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions()), """
            NAME         READY   STATUS    RESTARTS   AGE
            sample-pod   1/1     Running   0          2s

            """)
    }

    func testWideAddsIPNodeNominatedNodeAndReadinessGates() {
        let pending = F.pod("web-2", age: 300)
        let table = PodTable.table([F.runningPod("web-1", age: 300), pending], now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions(wide: true)), """
            NAME    READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES
            web-1   1/1     Running   0          5m    10.244.1.2   worker-1   <none>           <none>
            web-2   0/1     Pending   0          5m    <none>       <none>     <none>           <none>

            """)
    }

    func testNoHeadersShowLabelsAndLabelColumns() {
        var pod = F.runningPod("web", age: 130)
        pod.metadata.labels = ["tier": "x", "app": "web"]
        let bare = F.runningPod("db", age: 130)
        let table = PodTable.table([pod, bare], now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions(noHeaders: true)), """
            web   1/1   Running   0     2m10s
            db    1/1   Running   0     2m10s

            """)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions(showLabels: true, labelColumns: ["example.com/app", "app"])), """
            NAME   READY   STATUS    RESTARTS   AGE     APP   APP   LABELS
            web    1/1     Running   0          2m10s         web   app=web,tier=x
            db     1/1     Running   0          2m10s               <none>

            """)
    }

    func testAllNamespacesAndKindPrefix() {
        let table = PodTable.table([F.runningPod("web", age: 3 * 3600)], now: F.now)
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions(withNamespace: true, kindPrefix: "pod")), """
            NAMESPACE   NAME      READY   STATUS    RESTARTS   AGE
            default     pod/web   1/1     Running   0          3h

            """)
    }

    func testAnEmptyListPrintsNothingAndTheMessageNamesTheNamespace() {
        XCTAssertEqual(TablePrinter.render(PodTable.table([], now: F.now), options: TableOptions()), "")
        XCTAssertEqual(EmptyResult.message(namespace: "default"), "No resources found in default namespace.")
        XCTAssertEqual(EmptyResult.message(namespace: nil), "No resources found")
    }

    func testRestartsShowTheNewestTerminationAge() {
        var pod = F.runningPod("crashy", age: 600)
        pod.status.containerStatuses[0].restartCount = 3
        pod.status.containerStatuses[0].lastState = F.terminated(exitCode: 1, reason: "Error", finished: 45)
        pod.status.containerStatuses[0].state = F.waiting("CrashLoopBackOff")
        pod.status.containerStatuses[0].ready = false
        let row = PodTable.row(pod, now: F.now)
        XCTAssertEqual(Array(row.cells[0..<5]), ["crashy", "0/1", "CrashLoopBackOff", "3 (45s ago)", "10m"])
    }

    func testStatusFollowsContainerWaitingAndTerminatedReasons() {
        var pod = F.pod("p")
        XCTAssertEqual(status(pod), "Pending")
        for reason in ["ContainerCreating", "ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff"] {
            var status = ContainerStatus(name: "nginx", image: "nginx")
            status.state = F.waiting(reason)
            pod.status.containerStatuses = [status]
            XCTAssertEqual(self.status(pod), reason)
        }
        pod.status.phase = "Succeeded"
        pod.status.containerStatuses[0].state = F.terminated(exitCode: 0, reason: "Completed", finished: 1)
        XCTAssertEqual(status(pod), "Completed")
        pod.status.phase = "Failed"
        pod.status.containerStatuses[0].state = F.terminated(exitCode: 1, reason: "Error", finished: 1)
        XCTAssertEqual(status(pod), "Error")
        pod.status.containerStatuses[0].state = F.terminated(exitCode: 137, reason: "", finished: 1)
        XCTAssertEqual(status(pod), "ExitCode:137")
        pod.status.containerStatuses[0].state.terminated?.signal = 9
        XCTAssertEqual(status(pod), "Signal:9")
    }

    func testTheFirstContainersReasonWinsAndCompletedWithARunningSidecarIsRunning() {
        var pod = F.runningPod("two")
        pod.spec.containers.append(Container())
        var second = ContainerStatus(name: "sidecar1", image: "busybox")
        second.state = F.terminated(exitCode: 0, reason: "Completed", finished: 1)
        pod.status.containerStatuses.append(second)
        // Walking from the last container, "Completed" is seen, then nginx still runs.
        XCTAssertEqual(status(pod), "Running")
        pod.status.conditions.removeAll { $0.type == "Ready" }
        XCTAssertEqual(status(pod), "NotReady")
        XCTAssertEqual(PodSummary(pod).readyContainers, 1)
        XCTAssertEqual(PodSummary(pod).totalContainers, 2)
    }

    func testDeletionShowsTerminatingOrUnknownWhenTheNodeIsLost() {
        var pod = F.runningPod("going")
        pod.metadata.deletionTimestamp = F.ago(1)
        XCTAssertEqual(status(pod), "Terminating")
        pod.status.reason = "NodeLost"
        XCTAssertEqual(status(pod), "Unknown")
        var done = F.pod("done")
        done.status.phase = "Succeeded"
        done.metadata.deletionTimestamp = F.ago(1)
        XCTAssertEqual(status(done), "Succeeded")
    }

    func testCJKCellsStayAligned() {
        let table = ResourceTable(columns: [.init("Name"), .init("Team")], rows: [
            .init(cells: ["api", "数据"]), .init(cells: ["frontend", "ui"]), .init(cells: ["数据库", "db"]),
        ])
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions()), """
            NAME       TEAM
            api        数据
            frontend   ui
            数据库     db

            """)
    }

    func testCellsStopAtALineBreak() {
        let table = ResourceTable(columns: [.init("Name"), .init("Message")], rows: [.init(cells: ["x", "one\ntwo"])])
        XCTAssertEqual(TablePrinter.render(table, options: TableOptions()), "NAME   MESSAGE\nx      one...\n")
    }

    func testWatchPrintsTheHeaderOnceAndKeepsWidths() {
        var printer = TablePrinter(watch: true)
        let first = printer.print(PodTable.table([F.pod("sample-pod")], now: F.now), options: TableOptions())
        XCTAssertEqual(first, """
            NAME         READY   STATUS    RESTARTS   AGE
            sample-pod   0/1     Pending   0          2s

            """)
        let next = printer.print(PodTable.table([F.runningPod("a")], now: F.now), options: TableOptions())
        XCTAssertEqual(next, "a            1/1     Running   0          2s\n")
    }
}
