import XCTest

/// Drives the real binary through stdin, as a script or a test would.
final class PipedSessionTests: XCTestCase {
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

    func testEditOpensTheLastTypedManifestInTheEditorAndAppliesWhatWasSaved() throws {
        let script = Self.samplePod + """
            edit
            kubectl get pod sample-pod -o yaml
            kubectl edit pod sample-pod
            label pod sample-pod a=b

            """
        // An "editor" that changes the image, as a learner fixing a typo would.
        let (_, out, err) = try KubetutorProcess.run(script: script, environment: ["EDITOR": "sed -i s/nginx:latest/nginx:1.27/", "KUBE_EDITOR": ""])
        XCTAssertTrue(out.contains("pod/sample-pod created\npod/sample-pod configured\n"), out + err)
        XCTAssertTrue(out.contains("image: nginx:1.27"), out)
        XCTAssertTrue(err.contains("kubetutor does not simulate `kubectl edit` yet"), err)
        XCTAssertTrue(err.contains("kubetutor does not simulate `kubectl label` yet"), err)
        XCTAssertFalse(err.contains("Did you mean"), err)
    }

    func testTypedPodRunsAndAnswersLikeKubectl() throws {
        let script = Self.samplePod + """
            kubectl wait --for=condition=Ready pod/sample-pod --timeout=10s
            kubectl get pod
            get pods --no-headers
            k get po sample-pod -o name
            kubectl exec sample-pod -- hostname
            kubectl apply -f -

            """
        let (status, out, err) = try KubetutorProcess.run(script: script)
        XCTAssertEqual(status, 1, "the last command (apply -f - with no input) fails, so the exit status is 1")
        XCTAssertTrue(err.contains("cluster \"tutor\" ready"), "banner goes to stderr: \(err)")
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "pod/sample-pod created")
        XCTAssertTrue(lines.contains("pod/sample-pod condition met"))
        XCTAssertTrue(lines.contains("NAME         READY   STATUS    RESTARTS   AGE"), out)
        XCTAssertTrue(lines.contains { $0.range(of: #"^sample-pod   1/1     Running   0          \d+s$"#, options: .regularExpression) != nil }, out)
        XCTAssertTrue(lines.contains("pod/sample-pod"))
        XCTAssertTrue(lines.contains("sample-pod"), "hostname inside the pod is the pod name")
    }

    func testExitStatusIsZeroWhenEveryCommandSucceeds() throws {
        let (status, out, _) = try KubetutorProcess.run(script: "kubectl get nodes\nversion --client\n")
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("control-plane   Ready    control-plane"), out)
        XCTAssertTrue(out.contains("worker-1"), out)
    }

    func testYAMLSyntaxErrorNamesLineAndAppliesNothing() throws {
        let dir = NSTemporaryDirectory() + "kt-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/sample-pod.yaml"
        try "apiVersion: v1\nkind: Pod\nmetadata: name: sample-pod\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let (status, out, err) = try KubetutorProcess.run(script: "kubectl apply -f \(bad)\nkubectl get pods\n")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("error: error parsing \(bad): error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context"), err)
        XCTAssertTrue(err.contains("No resources found in default namespace."), err)
        XCTAssertFalse(out.contains("created"))
    }

    func testUnknownFieldIsAStrictDecodingErrorAndNothingIsApplied() throws {
        let script = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: first
            spec:
              containers:
                - name: nginx
                  image: nginx
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: sample-pod
            spec:
              containers:
                - name: nginx
                  imagee: nginx:latest

            kubectl get pods

            """
        let (status, out, err) = try KubetutorProcess.run(script: script)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains(#"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee""#), err)
        XCTAssertFalse(out.contains("created"), "the valid first document is not applied either")
    }

    func testNoProcessOutlivesANormalExit() throws {
        let p = try KubetutorProcess()
        p.send(Self.samplePod + "kubectl wait --for=condition=Ready pod/sample-pod\n")
        p.waitFor("condition met")
        let children = HostProcesses.descendants(of: p.pid)
        XCTAssertGreaterThanOrEqual(children.count, 3, "init, holder and nginx")
        p.send("exit\n")
        XCTAssertEqual(p.waitForExit(), 0)
        XCTAssertEqual(HostProcesses.waitGone(children), [])
    }

    func testCtrlCEndsAWatchAndEndOfInputThenEndsKubetutor() throws {
        let p = try KubetutorProcess()
        p.send("kubectl get pods -w\n")
        XCTAssertTrue(p.waitFor("No resources found", inStderr: true))
        usleep(100_000)
        kill(p.pid, SIGINT)
        p.send("kubectl get nodes --no-headers\n")
        XCTAssertTrue(p.waitFor("worker-2"))
        kill(p.pid, SIGINT)  // a Ctrl-C while idle changes nothing either
        p.send("kubectl get pods -w\n")
        usleep(200_000)
        kill(p.pid, SIGINT)
        p.closeInput()
        XCTAssertNotNil(p.waitForExit(timeout: 10), "kubetutor ends at end of input after an interrupted watch")
    }

    func testAShellPipeGetsAClearWordInsteadOfAStrangeKubectlError() throws {
        let (status, out, err) = try KubetutorProcess.run(script: "kubectl get pods | grep web\n")
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, "")
        XCTAssertTrue(err.contains("`|` is a shell operator"), err)
    }
}
