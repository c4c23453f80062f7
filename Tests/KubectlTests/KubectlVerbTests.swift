import XCTest
import Cluster
import Runtime
@testable import Kubectl

/// kubectl verbs against a real embedded cluster (real namespaced processes), output compared with
/// what kubectl v1.32 prints.
final class KubectlVerbTests: XCTestCase {
    var runtime: LinuxRuntime!
    var cluster: Cluster!
    var kubectl: Kubectl!
    var dir: String!

    override func setUpWithError() throws {
        runtime = try LinuxRuntime()
        cluster = Cluster(runtime: runtime, images: CatalogImages(runtime.images), makeLog: { try ContainerLog(name: "test") })
        kubectl = Kubectl(cluster: cluster)
        dir = NSTemporaryDirectory() + "kubectl-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        cluster?.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs one command line; returns (status, stdout, stderr).
    @discardableResult
    func run(_ line: String, stdin: String? = nil) throws -> (Int32, String, String) {
        var (io, captured) = CommandIO.capturing()
        io.workingDirectory = dir
        let status = kubectl.run(try CommandLineSplitter.split(line), io: io)
        return (status, captured.stdout, captured.stderr)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    static let samplePod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sample-pod
        spec:
          containers:
            - name: nginx
              image: nginx:latest
        """

    /// The article's pod with a busybox sidecar: the nginx image has no wget, the sidecar has.
    static let webWithSidecar = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx
            - name: sidecar
              image: busybox
              command: ["sleep", "3600"]
        """

    func testApplyCreatesThenIsUnchangedThenConfigured() throws {
        try write("sample-pod.yaml", Self.samplePod)
        XCTAssertEqual(try run("apply -f sample-pod.yaml").1, "pod/sample-pod created\n")
        XCTAssertEqual(try run("apply -f sample-pod.yaml").1, "pod/sample-pod unchanged\n")
        try write("sample-pod.yaml", Self.samplePod.replacingOccurrences(of: "nginx:latest", with: "nginx:1.27"))
        XCTAssertEqual(try run("apply -f sample-pod.yaml").1, "pod/sample-pod configured\n")
        try write("sample-pod.yaml", Self.samplePod + "\n      ports:\n        - containerPort: 80\n")
        let (status, _, err) = try run("apply -f sample-pod.yaml")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.hasPrefix("The Pod \"sample-pod\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"), err)
    }

    func testGetShowsKubectlColumnsAndFormats() throws {
        try write("sample-pod.yaml", Self.samplePod)
        try run("apply -f sample-pod.yaml")
        XCTAssertEqual(try run("wait --for=condition=Ready pod/sample-pod --timeout=10s").1, "pod/sample-pod condition met\n")
        let table = try run("get pods").1.split(separator: "\n")
        XCTAssertEqual(table.first, "NAME         READY   STATUS    RESTARTS   AGE")
        XCTAssertNotNil(table.last?.range(of: #"^sample-pod   1/1     Running   0          \d+s$"#, options: .regularExpression))
        XCTAssertEqual(try run("get po sample-pod -o name").1, "pod/sample-pod\n")
        XCTAssertTrue(try run("get pod -o wide").1.hasPrefix("NAME         READY   STATUS    RESTARTS   AGE   IP"))
        XCTAssertTrue(try run("get pod sample-pod -o yaml").1.contains("\n  phase: Running\n"))
        XCTAssertTrue(try run("get pod sample-pod -o json").1.contains("\"phase\": \"Running\""))
        XCTAssertEqual(try run("get pods -l app=web").2, "No resources found in default namespace.\n")
        XCTAssertTrue(try run("get pods --show-labels").1.contains("LABELS"))
    }

    func testErrorsUseKubectlWording() throws {
        XCTAssertEqual(try run("get pod nope").2, "Error from server (NotFound): pods \"nope\" not found\n")
        XCTAssertEqual(try run("get podz").2, "error: the server doesn't have a resource type \"podz\"\n")
        XCTAssertEqual(try run("get pods --bogus").2, "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n")
        XCTAssertEqual(try run("delete pod nope").2, "Error from server (NotFound): pods \"nope\" not found\n")
        XCTAssertEqual(try run("run x").2, "error: required flag(s) \"image\" not set\n")
        let (status, _, err) = try run("gett pods")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.hasPrefix("error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tget"), err)
    }

    func testExecRunsInThePodAndReturnsTheExitStatus() throws {
        try run("run web --image=nginx")
        try run("wait --for=condition=Ready pod/web")
        XCTAssertEqual(try run("exec web -- hostname").1, "web\n")
        let (status, out, err) = try run("exec web -- sh -c 'echo hi; exit 3'")
        XCTAssertEqual(status, 3)
        XCTAssertEqual(out, "hi\n")
        XCTAssertEqual(err, "command terminated with exit code 3\n")
    }

    func testLogsShowNginxAccessLines() throws {
        try write("web.yaml", Self.webWithSidecar)
        try run("apply -f web.yaml")
        try run("wait --for=condition=Ready pod/web")
        try run("exec web -c sidecar -- wget -qO- localhost")
        // nginx logs a request after answering it, as the real one does: the line may trail the reply.
        var logs = ""
        let deadline = Date().addingTimeInterval(5)
        repeat { logs = try run("logs web -c web").1 } while !logs.contains("\"GET / HTTP/1.1\"") && Date() < deadline
        XCTAssertTrue(logs.contains("\"GET / HTTP/1.1\" 200 640"), logs)
        XCTAssertEqual(try run("logs web --tail=1").1.split(separator: "\n").count, 1)
    }

    func testDescribeShowsTheEventsOfAPodStart() throws {
        try run("run web --image=nginx")
        try run("wait --for=condition=Ready pod/web")
        let text = try run("describe pod web").1
        for reason in ["Scheduled", "Pulling", "Pulled", "Created", "Started"] {
            XCTAssertTrue(text.contains("  Normal  \(reason) "), "missing \(reason) in\n\(text)")
        }
        XCTAssertTrue(text.hasPrefix("Name:             web\nNamespace:        default\n"), text)
    }

    func testDeleteWaitsForTheProcessesAndForgetsThePod() throws {
        try run("run web --image=nginx")
        try run("wait --for=condition=Ready pod/web")
        let holder = try XCTUnwrap(cluster.sync { cluster.sandboxProcess(pod: ObjectKey(namespace: "default", name: "web")) })
        let hostPID = try XCTUnwrap(cluster.hostPID(of: holder))
        XCTAssertEqual(try run("delete pod web").1, "pod \"web\" deleted\n")
        XCTAssertEqual(try run("get pods").2, "No resources found in default namespace.\n")
        let deadline = Date().addingTimeInterval(5)
        while kill(hostPID, 0) == 0 && Date() < deadline { usleep(10_000) }
        XCTAssertNotEqual(kill(hostPID, 0), 0, "the pod's holder is gone")
    }

    func testRunDryRunPrintsTheGeneratedPod() throws {
        XCTAssertEqual(try run("run web --image=nginx --dry-run=client -o yaml").1, """
            apiVersion: v1
            kind: Pod
            metadata:
              creationTimestamp: null
              labels:
                run: web
              name: web
            spec:
              containers:
              - image: nginx
                name: web
                resources: {}
              dnsPolicy: ClusterFirst
              restartPolicy: Always
            status: {}

            """)
    }

    func testUnknownImageShowsErrImagePullWithTheCatalog() throws {
        try run("run bad --image=ngnix")
        let deadline = Date().addingTimeInterval(5)
        var row = ""
        while Date() < deadline {
            row = try run("get pod bad --no-headers").1
            if row.contains("ErrImagePull") || row.contains("ImagePullBackOff") { break }
            usleep(10_000)
        }
        XCTAssertTrue(row.contains("ErrImagePull") || row.contains("ImagePullBackOff"), row)
        let events = try run("get events").1
        XCTAssertTrue(events.contains("Failed to pull image \"ngnix\""), events)
        XCTAssertTrue(events.contains("nginx, busybox"), "the event lists what the catalog offers: \(events)")
    }

    func testKillingTheContainersMainProcessFromInsideMakesTheKubeletRestartIt() throws {
        try run("run web --image=nginx")
        try run("wait --for=condition=Ready pod/web")
        try run("exec web -- kill 1")
        let deadline = Date().addingTimeInterval(10)
        var restarts = 0
        while Date() < deadline {
            restarts = cluster.sync { cluster.pods.get(ObjectKey(namespace: "default", name: "web"))?.status.containerStatuses.first?.restartCount ?? 0 }
            if restarts >= 1 { break }
            usleep(10_000)
        }
        XCTAssertEqual(restarts, 1)
        XCTAssertEqual(try run("wait --for=condition=Ready pod/web").0, 0)
    }

    func testLogsFollowPrintsNewLinesUntilInterrupted() throws {
        try write("web.yaml", Self.webWithSidecar)
        try run("apply -f web.yaml")
        try run("wait --for=condition=Ready pod/web")
        let (captured, done) = (CapturedOutput(), DispatchSemaphore(value: 0))
        let stop = StopFlag()
        let io = CommandIO(out: { captured.append(out: $0) }, err: { captured.append(err: $0) }, isInterrupted: { stop.isSet })
        let kubectl = self.kubectl!
        DispatchQueue.global().async {
            _ = kubectl.run(["logs", "-f", "web", "-c", "web"], io: io)
            done.signal()
        }
        // The request is repeated until it is logged: under a loaded CI machine one wget can fail to connect,
        // which says nothing about following.
        let deadline = Date().addingTimeInterval(20)
        var attempts: [String] = []
        while !captured.stdout.contains("GET /followed") && Date() < deadline {
            let (status, out, err) = try run("exec web -c sidecar -- wget -qO- localhost/followed")
            attempts.append("\(status) \(out) \(err)")
            let settle = Date().addingTimeInterval(2)
            while !captured.stdout.contains("GET /followed") && Date() < settle { usleep(10_000) }
        }
        stop.set()
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success, "Ctrl-C ends logs -f")
        XCTAssertTrue(captured.stdout.contains("\"GET /followed HTTP/1.1\" 404"),
                      "stdout: \(captured.stdout)\nstderr: \(captured.stderr)\nwget: \(attempts)")
    }
}

/// A thread-safe "Ctrl-C was pressed" for tests.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
