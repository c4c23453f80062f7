import XCTest
import YAML
@testable import KubeAPI

final class ValidationTests: XCTestCase {
    func testMissingImageIsRequired() throws {
        let text = samplePod.replacingOccurrences(of: "      image: nginx:latest\n", with: "")
        XCTAssertEqual(try kubectlError(text), "The Pod \"sample-pod\" is invalid: spec.containers[0].image: Required value")
    }

    func testSeveralErrorsAreListed() throws {
        let text = samplePod.replacingOccurrences(of: "- name: nginx\n      image: nginx:latest", with: "- name: Nginx\n      image: \"\"")
        XCTAssertEqual(try kubectlError(text), """
            The Pod "sample-pod" is invalid: \n\
            * spec.containers[0].name: Invalid value: "Nginx": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
            * spec.containers[0].image: Required value
            """)
    }

    func testPodNameMustBeASubdomain() throws {
        let text = samplePod.replacingOccurrences(of: "name: sample-pod", with: "name: Sample_Pod")
        XCTAssertEqual(try kubectlError(text),
            "The Pod \"Sample_Pod\" is invalid: metadata.name: Invalid value: \"Sample_Pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
    }

    func testDuplicateContainerNames() throws {
        let text = samplePod + "\n    - name: nginx\n      image: busybox\n"
        XCTAssertEqual(try kubectlError(text), "The Pod \"sample-pod\" is invalid: spec.containers[1].name: Duplicate value: \"nginx\"")
    }

    func testPortRange() throws {
        let text = samplePod.replacingOccurrences(of: "containerPort: 80", with: "containerPort: 70000")
        XCTAssertEqual(try kubectlError(text),
            "The Pod \"sample-pod\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")
    }

    func testDeploymentSelectorMustMatchTemplate() throws {
        let text = sampleDeployment.replacingOccurrences(of: "labels:\n        app: web", with: "labels:\n        app: db")
        XCTAssertEqual(try kubectlError(text),
            "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`")
    }

    func testDeploymentWithoutSelector() throws {
        let text = sampleDeployment.replacingOccurrences(of: "  selector:\n    matchLabels:\n      app: web\n", with: "")
        XCTAssertEqual(try kubectlError(text), """
            The Deployment "web" is invalid: \n\
            * spec.selector: Required value
            * spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`
            """)
    }

    func testRecreateWithRollingUpdateIsForbidden() throws {
        let text = sampleDeployment + "\n  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n"
        XCTAssertEqual(try kubectlError(text),
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")
    }

    func testNegativeReplicas() throws {
        let text = sampleDeployment.replacingOccurrences(of: "replicas: 3", with: "replicas: -1")
        XCTAssertEqual(try kubectlError(text), "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0")
    }

    func testLabelKeysAndValues() throws {
        let text = samplePod.replacingOccurrences(of: "app: web", with: "app: \"web site\"")
        XCTAssertTrue(try kubectlError(text).hasPrefix("The Pod \"sample-pod\" is invalid: metadata.labels: Invalid value: \"web site\": a valid label must be an empty string"))
    }

    func testPodUpdateMayChangeImageButNotPorts() throws {
        var old = try admitManifest(try yamlDocument(samplePod))
        var new = old
        guard case .pod(var pod) = new else { return XCTFail("not a pod") }
        pod.spec.containers[0].image = "nginx:1.27"
        pod.metadata.labels["tier"] = "front"
        new = .pod(pod)
        XCTAssertEqual(validateUpdate(old: old, new: new), [])
        pod.spec.containers[0].ports[0].containerPort = 8080
        new = .pod(pod)
        XCTAssertEqual(validateUpdate(old: old, new: new).map(\.description), ["spec: Forbidden: " + podUpdateForbiddenMessage])
        old.metadata.name = "sample-pod"
    }

    func testDeploymentSelectorIsImmutable() throws {
        let old = try admitManifest(try yamlDocument(sampleDeployment))
        let new = try admitManifest(try yamlDocument(sampleDeployment.replacingOccurrences(of: "app: web", with: "app: web2")))
        XCTAssertEqual(validateUpdate(old: old, new: new).map(\.description), [
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
        ])
    }

    func testPullPolicyDefaultsFollowTheTag() {
        XCTAssertEqual(defaultPullPolicy(image: "nginx"), "Always")
        XCTAssertEqual(defaultPullPolicy(image: "nginx:latest"), "Always")
        XCTAssertEqual(defaultPullPolicy(image: "nginx:1.27"), "IfNotPresent")
        XCTAssertEqual(defaultPullPolicy(image: "localhost:5000/nginx"), "Always")
        XCTAssertEqual(defaultPullPolicy(image: "nginx@sha256:abc"), "IfNotPresent")
    }

    func testDefaultTolerationsAreAddedOnce() {
        var pod = Pod()
        addDefaultTolerations(&pod)
        addDefaultTolerations(&pod)
        XCTAssertEqual(pod.spec.tolerations.map { $0.key ?? "" }, ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"])
        XCTAssertEqual(pod.spec.tolerations.first?.tolerationSeconds, 300)
    }
}
