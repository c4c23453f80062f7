import XCTest

/// Issue 3's scenes through the real binary: a Deployment, self-healing, scaling, rollouts, cleanup.
final class DeploymentSessionTests: XCTestCase {
    static let sampleDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sample-deployment
        spec:
          strategy:
            type: Recreate
          replicas: 1
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              name: sample-pod
              labels:
                app: web
            spec:
              containers:
                - name: nginx
                  image: nginx:latest


        """

    /// Lines of stdout matching a regular expression.
    func lines(_ out: String, _ pattern: String) -> [String] {
        out.split(separator: "\n").map(String.init).filter { $0.range(of: pattern, options: .regularExpression) != nil }
    }

    func testDeploymentRunsAndAPodDeletedIsReplacedUnderANewName() throws {
        let p = try KubetutorProcess()
        p.send(Self.sampleDeployment)
        p.send("kubectl rollout status deployment/sample-deployment\nkubectl get deployment\nkubectl get rs\nkubectl get pod -o name\n")
        XCTAssertTrue(p.waitFor("deployment \"sample-deployment\" successfully rolled out"))
        p.waitFor("pod/sample-deployment-")
        XCTAssertEqual(lines(p.stdout, #"^sample-deployment   1/1     1            1           \d+s$"#).count, 1, p.stdout)
        XCTAssertEqual(lines(p.stdout, #"^sample-deployment-[bcdfghjklmnpqrstvwxz2456789]{10}   1         1         1       \d+s$"#).count, 1, p.stdout)
        let first = try XCTUnwrap(lines(p.stdout, #"^pod/sample-deployment-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$"#).first)
        p.send("kubectl delete \(first)\nkubectl wait --for=condition=Ready pods -l app=web\nkubectl get pods -o name\n")
        XCTAssertTrue(p.waitFor("deleted"))
        p.waitFor("condition met")
        let deadline = Date().addingTimeInterval(10)
        var names: [String] = []
        while Date() < deadline {
            names = lines(p.stdout, #"^pod/sample-deployment-[a-z0-9]{10}-[a-z0-9]{5}$"#)
            if names.count >= 2 { break }
            usleep(10_000)
        }
        XCTAssertEqual(names.count, 2, p.stdout)
        XCTAssertNotEqual(names.last, first, "the replacement has a new name")
        XCTAssertEqual(names.last.map { String($0.dropLast(6)) }, String(first.dropLast(6)), "same ReplicaSet, new suffix")
        p.send("exit\n")
        XCTAssertEqual(p.waitForExit(), 0)
    }

    func testScaleRolloutUndoAndDeleteThroughTheBinary() throws {
        let script = Self.sampleDeployment + """
            kubectl rollout status deployment/sample-deployment
            kubectl scale deployment sample-deployment --replicas=3
            kubectl rollout status deployment/sample-deployment
            kubectl set image deployment/sample-deployment nginx=nginx:1.27
            kubectl rollout status deployment/sample-deployment
            kubectl rollout history deployment/sample-deployment
            kubectl rollout undo deployment/sample-deployment
            kubectl rollout status deployment/sample-deployment
            kubectl get deployment sample-deployment -o jsonpath-less
            kubectl get pods --no-headers
            kubectl delete deployment sample-deployment
            kubectl get deployments

            """
        let (_, out, err) = try KubetutorProcess.run(script: script)
        XCTAssertTrue(out.contains("deployment.apps/sample-deployment scaled"), out)
        XCTAssertTrue(out.contains("deployment.apps/sample-deployment image updated"), out)
        XCTAssertTrue(out.contains("REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n"), out)
        XCTAssertTrue(out.contains("deployment.apps/sample-deployment rolled back"), out)
        XCTAssertEqual(lines(out, #"Running"#).count, 3, "three replicas after the rollback:\n\(out)")
        XCTAssertTrue(out.contains("deployment.apps \"sample-deployment\" deleted"), out)
        XCTAssertTrue(err.contains("error: unable to match a printer suitable for the output format \"jsonpath-less\""), err)
        XCTAssertTrue(err.hasSuffix("No resources found in default namespace.\n"), "no deployment after the delete: \(err)")
    }

    func testSelectorNotMatchingTemplateLabelsIsRejected() throws {
        let bad = Self.sampleDeployment.replacingOccurrences(of: "      labels:\n        app: web", with: "      labels:\n        app: db")
        let (status, out, err) = try KubetutorProcess.run(script: bad + "kubectl get deployments\n")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains(#"The Deployment "sample-deployment" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`"#), err)
        XCTAssertFalse(out.contains("created"))
    }
}
