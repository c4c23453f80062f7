import Foundation
import XCTest

/// The real kubectl v1.32 against a running kubetutor, through the kubeconfig kubetutor writes: the
/// course scenario, each command compared with the shell's own kubectl on the same cluster state.
final class RealKubectlTests: XCTestCase {
    /// kubectl.1.32 beside the target of `kubectl` on PATH (the `kubectl` there is a dispatcher).
    static var realKubectl: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let link = "\(dir)/kubectl"
            guard FileManager.default.isExecutableFile(atPath: link) else { continue }
            let target = URL(fileURLWithPath: link).resolvingSymlinksInPath().deletingLastPathComponent()
            let versioned = target.appendingPathComponent("kubectl.1.32").path
            if FileManager.default.isExecutableFile(atPath: versioned) { return versioned }
        }
        return nil
    }

    private var session: KubetutorProcess!
    private var state = ""
    private var home = ""
    private var kubectl = ""
    private var markers = 0

    override func setUpWithError() throws {
        guard let k = Self.realKubectl else { throw XCTSkip("no kubectl.1.32 beside the kubectl on PATH") }
        kubectl = k
        state = try TerminalSession.makeTemporaryDirectory()
        home = try TerminalSession.makeTemporaryDirectory()
        session = try KubetutorProcess(stateDirectory: state)
        session.waitFor("export KUBECONFIG=", inStderr: true)
    }

    override func tearDown() {
        session?.closeInput()
        _ = session?.waitForExit(timeout: 10)
        for dir in [state, home] where !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) }
    }

    var kubeconfig: String { state + "/kubetutor/kubeconfig" }

    /// Runs the real kubectl: (stdout, stderr, status).
    @discardableResult
    func real(_ args: [String], stdin: String? = nil) throws -> (String, String, Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: kubectl)
        p.arguments = args
        p.environment = ["KUBECONFIG": kubeconfig, "HOME": home, "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
    }

    /// The shell's kubectl: (stdout, stderr), cut out between marker commands.
    func shell(_ line: String) -> (String, String) {
        markers += 1
        let marker = "zz-marker-\(markers)"
        let (outStart, errStart) = (session.stdout.utf8.count, session.stderr.utf8.count)
        session.send("kubectl \(line)\nkubectl get pod \(marker) -o name\n")
        let errMarker = "Error from server (NotFound): pods \"\(marker)\" not found\n"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let err = String(decoding: session.stderr.utf8.dropFirst(errStart), as: UTF8.self)
            if let r = err.range(of: errMarker) {
                usleep(20_000)
                let out = String(decoding: session.stdout.utf8.dropFirst(outStart), as: UTF8.self)
                // kubetutor's own notes (`kubetutor: …`, e.g. the node timing) are not kubectl's output.
                let kubectlErr = err[..<r.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("kubetutor: ") }.joined(separator: "\n")
                return (out, kubectlErr)
            }
            usleep(10_000)
        }
        XCTFail("no answer from the shell for \(line)")
        return ("", "")
    }

    /// Both kubectls on the same state give the same stdout and stderr (retried when a second
    /// boundary moved an AGE between the two runs).
    func assertSame(_ line: String, file: StaticString = #filePath, line at: UInt = #line) throws {
        var last = ("", "", "", "")
        for _ in 0..<3 {
            let (so, se) = shell(line)
            let (ro, re, _) = try real(line.split(separator: " ").map(String.init))
            if so == ro && se == re { return }
            last = (so, se, ro, re)
            usleep(300_000)
        }
        XCTFail("`kubectl \(line)` differs\n--- shell stdout:\n\(last.0)--- real stdout:\n\(last.2)--- shell stderr:\n\(last.1)--- real stderr:\n\(last.3)", file: file, line: at)
    }

    /// As `assertSame`, for arguments that hold spaces or quotes (single-quoted on the shell's line).
    func assertSame(args: [String], file: StaticString = #filePath, line at: UInt = #line) throws {
        let line = args.map { arg -> String in
            if arg.contains("'") { return "\"" + arg.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            return arg.contains(where: { " \"{}[]?()*$\\".contains($0) }) ? "'" + arg + "'" : arg
        }.joined(separator: " ")
        var last = ("", "", "", "")
        for _ in 0..<3 {
            let (so, se) = shell(line)
            let (ro, re, _) = try real(args)
            if so == ro && se == re { return }
            last = (so, se, ro, re)
            usleep(300_000)
        }
        XCTFail("`kubectl \(line)` differs\n--- shell stdout:\n\(last.0)--- real stdout:\n\(last.2)--- shell stderr:\n\(last.1)--- real stderr:\n\(last.3)", file: file, line: at)
    }

    func waitUntil(_ what: String, timeout: TimeInterval = 20, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(100_000)
        }
        XCTFail("timed out waiting for \(what)")
    }

    func testTheArticlesPodWithTheRealKubectl() throws {
        var (out, err, status) = try real(["apply", "-f", "-"], stdin: PipedSessionTests.samplePod)
        XCTAssertEqual(out, "pod/sample-pod created\n", err)
        XCTAssertEqual(status, 0)
        try waitUntil("sample-pod Running") { try real(["get", "pod", "sample-pod"]).0.contains("Running") }
        (out, err, status) = try real(["apply", "-f", "-"], stdin: PipedSessionTests.samplePod)
        XCTAssertEqual(out, "pod/sample-pod unchanged\n", err)
        for line in ["get pods", "get pods -o wide", "get pod sample-pod -o yaml", "get pod sample-pod -o json",
                     "describe pod sample-pod", "get nodes", "get pod nosuch", "get pods --show-labels", "get ns", "delete ns default",
                     "logs sample-pod --tail=2", "logs sample-pod -p", "logs sample-pod -c nosuch", "get pods --sort-by=.metadata.name",
                     "get pods --field-selector=status.phase=Running", "get pods --field-selector=status.phase!=Running",
                     "get pods --field-selector=spec.nosuch=x", "get po,no", "get pods -A",
                     "port-forward nosuch 80", "port-forward sample-pod", "port-forward sample-pod 8080:http",
                     "port-forward sample-pod 70000:80", "port-forward sample-pod 8080:0",
                     "port-forward --address=nowhere sample-pod :80"] {
            try assertSame(line)
        }
        (out, err, status) = try real(["exec", "sample-pod", "--", "hostname"])
        XCTAssertEqual(out, "sample-pod\n", err)
        XCTAssertEqual(status, 0)
        (out, err, status) = try real(["exec", "sample-pod", "--", "sh", "-c", "echo out; echo err >&2; exit 3"])
        XCTAssertEqual(out, "out\n")
        XCTAssertEqual(err, "err\ncommand terminated with exit code 3\n")
        XCTAssertEqual(status, 3)
        (out, _, _) = try real(["exec", "-i", "sample-pod", "--", "cat"], stdin: "typed into stdin\n")
        XCTAssertEqual(out, "typed into stdin\n")
        (out, err, status) = try real(["delete", "pod", "sample-pod", "--now"])
        XCTAssertEqual(out, "pod \"sample-pod\" deleted\n", err)
        XCTAssertEqual(status, 0)
        try assertSame("get pod sample-pod")
    }

    /// The real kubectl's port-forward (SPDY tunnelled in WebSocket): "Forwarding from" lines, the page
    /// through the forwarded port, and for a port nothing listens on the kubelet's error and "lost connection".
    func testPortForwardWithTheRealKubectl() throws {
        let wget = "/bin/busybox"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: wget), "needs busybox (busybox-static) for wget")
        _ = try real(["run", "web", "--image=nginx"])
        try waitUntil("web Running") { try real(["get", "pod", "web"]).0.contains("Running") }
        func forward(_ spec: String) throws -> (Process, Pipe, Pipe, UInt16?) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: kubectl)
            p.arguments = ["port-forward", "pod/web", spec]
            p.environment = ["KUBECONFIG": kubeconfig, "HOME": home, "PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            var text = ""
            while !text.contains("\n"), case let d = out.fileHandleForReading.availableData, !d.isEmpty {
                text += String(decoding: d, as: UTF8.self)
            }
            let port = text.split(separator: "\n").first.flatMap { line -> UInt16? in
                guard line.hasPrefix("Forwarding from 127.0.0.1:") else { return nil }
                return line.dropFirst("Forwarding from 127.0.0.1:".count).split(separator: " ").first.flatMap { UInt16($0) }
            }
            return (p, out, err, port)
        }
        func get(_ port: UInt16) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: wget)
            p.arguments = ["wget", "-qO-", "http://127.0.0.1:\(port)/"]  // no -T: Debian's busybox wget crashes on it
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self) + String(decoding: e, as: UTF8.self))
        }
        let (p, _, err, port) = try forward(":80")
        let local = try XCTUnwrap(port, "no Forwarding line")
        var page = ""
        let deadline = Date().addingTimeInterval(10)
        while !page.contains("Welcome to nginx!") && Date() < deadline { page = try get(local).1 }
        if !page.contains("Welcome to nginx!") {
            p.interrupt()
            p.waitUntilExit()
            return XCTFail("no page through port \(local): \(page)\n" + String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        XCTAssertTrue(page.contains("<p>Served by pod web</p>"), page)
        XCTAssertTrue(try get(local).1.contains("Welcome to nginx!"), "a second connection on the same forward")
        p.interrupt()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))

        let (q, _, qerr, qport) = try forward(":8080")
        _ = try get(try XCTUnwrap(qport))
        let killer = DispatchWorkItem { q.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 15, execute: killer)
        let stderr = String(decoding: qerr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        q.waitUntilExit()
        killer.cancel()
        XCTAssertEqual(q.terminationStatus, 1, stderr)
        XCTAssertTrue(stderr.contains("error forwarding port 8080 to pod "), stderr)
        XCTAssertTrue(stderr.contains("IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused"), stderr)
        XCTAssertTrue(stderr.hasSuffix("error: lost connection to pod\n"), stderr)
    }

    func testTheDeploymentSelfHealsWithTheRealKubectl() throws {
        var (out, err, status) = try real(["create", "deployment", "web", "--image=nginx", "--replicas=3"])
        XCTAssertEqual(out, "deployment.apps/web created\n", err)
        (out, err, status) = try real(["rollout", "status", "deployment/web", "--timeout=30s"])
        XCTAssertEqual(out, "deployment \"web\" successfully rolled out\n", err)
        XCTAssertEqual(status, 0)
        for line in ["get deploy", "get deploy -o wide", "get rs", "get pods -l app=web", "describe deploy web", "get all"] {
            try assertSame(line)
        }
        // -o jsonpath and -o custom-columns, as tutorials use them.
        for format in ["jsonpath={.items[*].metadata.name}", "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
                       "jsonpath={.items[0].metadata.labels}", "jsonpath={..image}", "jsonpath={.items[-1].spec.containers[0].image} x",
                       "jsonpath={.items[?(@.status.phase==\"Running\")].spec.nodeName}", "jsonpath={.items[0:2].metadata.name}",
                       "jsonpath={.items[*].metadata['name','namespace']}", "jsonpath={.nosuch}", "jsonpath={.items[",
                       "jsonpath={.items[0].spec.terminationGracePeriodSeconds} {.items[0].spec.enableServiceLinks}",
                       "custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,LABELS:.metadata.labels,IMAGE:.spec.containers[*].image,X:.nosuch",
                       "custom-columns=bad", "bogus"] {
            try assertSame(args: ["get", "pods", "-l", "app=web", "-o", format])
        }
        try assertSame(args: ["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}/{.status.readyReplicas}"])
        try assertSame(args: ["get", "pods", "-l", "app=nosuch", "-o", "custom-columns=N:.metadata.name"])
        for sort in [".spec.nodeName", "{.metadata.name}", ".metadata.deletionTimestamp", ".status.podIP"] {
            try assertSame(args: ["get", "pods", "--sort-by=" + sort])
            try assertSame(args: ["get", "pods", "--sort-by=" + sort, "-o", "name"])
        }
        try assertSame(args: ["get", "pods,rs", "--sort-by=.metadata.name"])
        try assertSame(args: ["get", "pods", "-l", "app=nosuch", "-o", "jsonpath={.items[*].metadata.name}"])
        let pods = try real(["get", "pods", "-l", "app=web", "-o", "name"]).0.split(separator: "\n").map(String.init)
        XCTAssertEqual(pods.count, 3)
        (out, err, status) = try real(["delete", pods[0]])
        XCTAssertEqual(status, 0, err)
        try waitUntil("a replacement pod") {
            let names = try real(["get", "pods", "-l", "app=web", "-o", "name"]).0.split(separator: "\n").map(String.init)
            return names.count == 3 && !names.contains(pods[0])
        }
        for line in ["scale deployment web --current-replicas=5 --replicas=4", "scale deployment nosuch --replicas=1",
                     "scale deployment web --replicas=x", "scale ds nosuch --replicas=2", "get pod nosuch --ignore-not-found",
                     "get pods -l app=nosuch --ignore-not-found", "get pod nosuch,web --ignore-not-found"] {
            try assertSame(line)
        }
        (out, err, _) = try real(["scale", "deployment", "web", "--current-replicas=3", "--replicas=2"])
        XCTAssertEqual(out, "deployment.apps/web scaled\n", err)
        (out, err, _) = try real(["set", "image", "deployment/web", "nginx=nginx:1.27"])
        XCTAssertEqual(out, "deployment.apps/web image updated\n", err)
        (out, err, status) = try real(["rollout", "status", "deployment/web", "--timeout=30s"])
        XCTAssertEqual(status, 0, err)
        try assertSame("rollout history deployment/web")
        (out, err, status) = try real(["create", "namespace", "dev"])
        XCTAssertEqual(out, "namespace/dev created\n", err)
        (out, err, status) = try real(["run", "one", "-n", "nosuch", "--image=busybox", "--", "sleep", "60"])
        XCTAssertEqual(err, "Error from server (NotFound): namespaces \"nosuch\" not found\n")
        XCTAssertEqual(status, 1)
        for line in ["create deployment two --image=nginx --image=busybox:1.36 --port=80 --dry-run=client -o yaml",
                     "create deployment cmd --image=busybox --dry-run=client -o yaml -- sleep 10",
                     "create deployment bad --image=nginx --image=busybox -- sleep 10"] {
            try assertSame(line)
        }
        for line in ["delete pod nosuch --force", "delete pod nosuch --force --grace-period=3"] { try assertSame(line) }
        // Two pods, one deleted by each: the same words for each.
        let victims = try real(["get", "pods", "-l", "app=web", "-o", "name"]).0.split(separator: "\n").map(String.init)
        XCTAssertGreaterThanOrEqual(victims.count, 2)
        let (shellOut, shellErr) = shell("delete \(victims[0]) --force")
        let (realOut, realErr, _) = try real(["delete", victims[1], "--force"])
        XCTAssertEqual(shellOut.replacingOccurrences(of: victims[0].dropFirst(4), with: "X"), realOut.replacingOccurrences(of: victims[1].dropFirst(4), with: "X"))
        XCTAssertEqual(shellErr, realErr)
        XCTAssertTrue(realOut.hasSuffix("\" force deleted\n"), realOut)
        (out, err, status) = try real(["delete", "deployment", "web"])
        XCTAssertEqual(out, "deployment.apps \"web\" deleted\n", err)
    }

    /// The real kubectl's explain walks the served OpenAPI v3 schemas; the shell reads the same field
    /// docs. (A sweep of all 644 documented paths matched when this was written.)
    func testExplainIsTheSameTextFromTheServedSchemas() throws {
        for line in ["explain pod", "explain pod.spec.containers", "explain pod.spec.restartPolicy", "explain deploy.spec --recursive",
                     "explain sts.spec.template.spec.containers.resources", "explain ns", "explain pod.spec.nosuch", "explain widgets"] {
            try assertSame(line)
        }
    }

    /// `auth can-i` and `auth whoami` post reviews that are answered for kubetutor's one user, the
    /// administrator; `api-versions` lists their groups.
    func testAuthCanIAndWhoAmI() throws {
        var (out, err, status) = try real(["auth", "can-i", "create", "pods"])
        XCTAssertEqual(out, "yes\n", err)
        XCTAssertEqual(status, 0)
        (out, err, status) = try real(["auth", "can-i", "delete", "deployments.apps", "-n", "kube-system"])
        XCTAssertEqual(out, "yes\n", err)
        (out, err, _) = try real(["auth", "can-i", "--list"])
        XCTAssertTrue(out.hasPrefix("Resources"), out + err)
        XCTAssertTrue(out.contains("\n*.*  "), out)
        (out, err, status) = try real(["auth", "whoami"])
        XCTAssertEqual(out, "ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n", err)
        (out, _, _) = try real(["api-versions"])
        XCTAssertEqual(out, "apps/v1\nauthentication.k8s.io/v1\nauthorization.k8s.io/v1\nv1\n")
    }

    /// apply of a directory (-R for its subdirectories) and -o name|yaml|json print what the server holds.
    func testApplyADirectoryRecursivelyWithOutputFormats() throws {
        let dir = home + "/manifests"
        try FileManager.default.createDirectory(atPath: dir + "/more", withIntermediateDirectories: true)
        try PipedSessionTests.samplePod.write(toFile: dir + "/pod.yaml", atomically: true, encoding: .utf8)
        try DeploymentSessionTests.sampleDeployment.write(toFile: dir + "/more/deploy.yaml", atomically: true, encoding: .utf8)
        try "not a manifest".write(toFile: dir + "/README.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try real(["apply", "-f", dir]).0, "pod/sample-pod created\n")
        // filepath.Walk's order: `more/` comes before `pod.yaml`.
        XCTAssertEqual(try real(["apply", "-R", "-f", dir]).0, "deployment.apps/sample-deployment created\npod/sample-pod unchanged\n")
        for line in ["apply -f \(dir)", "apply -R -f \(dir)", "apply -R -f \(dir) -o name", "apply -f \(dir)/pod.yaml -o yaml",
                     "apply -f \(dir)/more -o json", "apply -R -f \(dir) -o yaml", "apply -R -f \(dir) -o json", "apply -f \(dir) -o wide"] {
            try assertSame(line)
        }
    }

    /// logs with an init container and two containers: --all-containers, --prefix, -c, --tail, the
    /// defaulted-container note, and the options kubetutor cannot honour said plainly.
    func testLogsOfSeveralContainers() throws {
        let manifest = """
        apiVersion: v1
        kind: Pod
        metadata: {name: two}
        spec:
          initContainers:
          - {name: init, image: busybox, command: [sh, -c, "echo init done"]}
          containers:
          - {name: a, image: busybox, command: [sh, -c, "echo a1; echo a2; sleep 600"]}
          - {name: b, image: busybox, command: [sh, -c, "echo b1; sleep 600"]}
        """
        XCTAssertEqual(try real(["apply", "-f", "-"], stdin: manifest).2, 0)
        try waitUntil("two Running") { try real(["logs", "two", "-c", "b"]).0 == "b1\n" && real(["logs", "two", "-c", "a"]).0 == "a1\na2\n" }
        for line in ["logs two --all-containers --prefix", "logs two -c b --prefix", "logs two --prefix", "logs two --all-containers --tail=1",
                     "logs two", "logs two --timestamps", "logs two -c init", "exec two -- echo hi", "logs two --limit-bytes=3",
                     "logs two --since=1h", "logs two -c b --limit-bytes=0", "logs two -c b --limit-bytes=-1"] {
            try assertSame(line)
        }
    }

    /// `attach` streams a running container's output from then on and ends when it exits.
    func testAttachFollowsTheContainersOutputUntilItExits() throws {
        var (out, err, status) = try real(["run", "ticker", "--image=busybox", "--restart=Never", "--",
                                           "sh", "-c", "sleep 1; for i in 1 2 3; do echo line $i; sleep 0.3; done"])
        XCTAssertEqual(status, 0, err)
        try waitUntil("ticker Running") { try real(["get", "pod", "ticker"]).0.contains("Running") }
        (out, err, status) = try real(["attach", "ticker"])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.hasSuffix("line 2\nline 3\n"), out + err)
        (out, err, status) = try real(["attach", "ticker"])
        XCTAssertEqual(status, 1)
        XCTAssertEqual(err, "error: cannot attach a container in a completed pod; current phase is Succeeded\n")
    }

    /// The article's last scene, watched by both: the shell's `kubectl get pod -o wide --watch` and
    /// the real one print the same rows for the same node failure (AGE aside, which each reads at
    /// its own moment).
    func testANodeFailureWatchedByTheRealKubectlMatchesTheShell() throws {
        let (_, err, status) = try real(["apply", "-f", "-"], stdin: DeploymentSessionTests.sampleDeployment)
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(try real(["rollout", "status", "deployment/sample-deployment", "--timeout=30s"]).2, 0)
        let row = try real(["get", "pods", "-o", "wide", "--no-headers"]).0.split(separator: "\n").first.map(String.init) ?? ""
        let node = row.split(separator: " ", omittingEmptySubsequences: true).dropFirst(6).first.map(String.init) ?? "worker-1"
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: kubectl)
        watcher.arguments = ["get", "pod", "-o", "wide", "--watch"]
        watcher.environment = ["KUBECONFIG": kubeconfig, "HOME": home, "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        let seen = LockedText()
        watcher.standardOutput = pipe
        watcher.standardError = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { seen.append(String(decoding: $0.availableData, as: UTF8.self)) }
        try watcher.run()
        defer { if watcher.isRunning { watcher.terminate() } }
        try waitUntil("the real watch's first listing") { seen.text.contains("sample-deployment-") }
        let mark = session.stdout.count
        session.send("node stop \(node)\nkubectl get pod -o wide --watch\n")
        func rows(_ text: String) -> [String] {
            text.split(separator: "\n").filter { $0.hasPrefix("sample-deployment-") }.map { line in
                var columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                if columns.count > 4 { columns.remove(at: 4) }  // AGE
                return columns.joined(separator: " ")
            }
        }
        try waitUntil("the replacement Running in both watches", timeout: 40) {
            let other = node == "worker-1" ? "worker-2" : "worker-1"
            return [seen.text, String(session.stdout.dropFirst(mark))].allSatisfy { text in
                rows(text).contains { $0.contains(" Running ") && $0.contains(" \(other) ") && !row.hasPrefix($0.prefix(30)) }
            }
        }
        usleep(300_000)
        kill(session.pid, SIGINT)  // Ctrl-C ends the shell's watch
        watcher.terminate()
        let real = rows(seen.text), shell = rows(String(session.stdout.dropFirst(mark)))
        XCTAssertGreaterThanOrEqual(real.count, 6, "\(real)")
        XCTAssertEqual(shell, real)
    }

    func testRequestsWithoutTheTokenAreRefused() throws {
        let config = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        let attributes = try FileManager.default.attributesOfItem(atPath: kubeconfig)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let wrong = config.replacingOccurrences(of: #"token: [0-9a-f]+"#, with: "token: wrong", options: .regularExpression)
        let path = home + "/wrong-kubeconfig"
        try wrong.write(toFile: path, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: kubectl)
        p.arguments = ["--kubeconfig", path, "get", "pods"]
        p.environment = ["HOME": home]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1)
        // kubectl words a 401 during discovery this way (kube-apiserver answers the same Status).
        XCTAssertTrue(e.contains("error: You must be logged in to the server"), e)
    }
}

/// `kubetutor serve`: the cluster and API without the shell, until SIGTERM; nothing left behind.
final class ServeCommandTests: XCTestCase {
    func testServeAnswersUntilSIGTERMAndLeavesNoProcess() throws {
        let state = try TerminalSession.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let serve = try KubetutorProcess(arguments: ["serve"], stateDirectory: state)
        serve.waitFor("export KUBECONFIG=\(state)/kubetutor/kubeconfig", inStderr: true)
        let config = try String(contentsOfFile: state + "/kubetutor/kubeconfig", encoding: .utf8)
        XCTAssertTrue(config.contains("server: https://127.0.0.1:"), config)
        XCTAssertTrue(config.contains("current-context: kubetutor"), config)
        XCTAssertFalse(HostProcesses.descendants(of: serve.pid).isEmpty, "the cluster's init runs under serve")
        kill(serve.pid, SIGTERM)
        XCTAssertNotNil(serve.waitForExit(timeout: 15), "serve did not stop on SIGTERM")
        usleep(200_000)
        XCTAssertEqual(HostProcesses.descendants(of: serve.pid), [])
        // A second start reuses the CA (clients that trusted it keep working).
        let ca = try String(contentsOfFile: state + "/kubetutor/pki/ca.crt", encoding: .utf8)
        let again = try KubetutorProcess(arguments: ["serve"], stateDirectory: state)
        again.waitFor("export KUBECONFIG=", inStderr: true)
        XCTAssertEqual(try String(contentsOfFile: state + "/kubetutor/pki/ca.crt", encoding: .utf8), ca)
        kill(again.pid, SIGINT)
        XCTAssertNotNil(again.waitForExit(timeout: 15), "serve did not stop on SIGINT")
    }
}

/// Text a pipe handler appends to while a test reads it.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    var text: String { lock.withLock { value } }
    func append(_ more: String) { lock.withLock { value += more } }
}
