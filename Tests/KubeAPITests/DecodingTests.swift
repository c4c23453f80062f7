import XCTest
import YAML
@testable import KubeAPI

final class DecodingTests: XCTestCase {
    func testSamplePodDecodesWithItsFields() throws {
        guard case .pod(let pod) = try decode(try yamlDocument(samplePod)) else { return XCTFail("not a pod") }
        XCTAssertEqual(pod.metadata.name, "sample-pod")
        XCTAssertEqual(pod.metadata.labels, ["app": "web"])
        XCTAssertEqual(pod.spec.containers.first?.image, "nginx:latest")
        XCTAssertEqual(pod.spec.containers.first?.ports.first?.containerPort, 80)
    }

    func testUnknownFieldsAreAllReportedWithIndexedPathsInSortedOrder() throws {
        let text = samplePod.replacingOccurrences(of: "image: nginx:latest", with: "imagee: nginx:latest\n      colour: blue")
            + "\n  hostnamee: x\n"
        XCTAssertEqual(try kubectlError(text),
            "Error from server (BadRequest): error when creating \"sample.yaml\": Pod in version \"v1\" cannot be handled as a Pod: "
            + "strict decoding error: unknown field \"spec.containers[0].colour\", unknown field \"spec.containers[0].imagee\", "
            + "unknown field \"spec.hostnamee\"")
    }

    func testUnknownFieldErrorPointsAtTheKey() throws {
        let text = samplePod.replacingOccurrences(of: "image: nginx:latest", with: "imagee: nginx:latest")
        let error = try admitError(text)
        XCTAssertEqual(error?.mark, Mark(line: 10, column: 7))
        XCTAssertEqual(error?.fieldPath, "spec.containers[0].imagee")
    }

    func testQuotedReplicasIsATypeErrorWordedLikeEncodingJSON() throws {
        let text = sampleDeployment.replacingOccurrences(of: "replicas: 3", with: "replicas: \"3\"")
        XCTAssertEqual(try kubectlError(text),
            "Error from server (BadRequest): error when creating \"sample.yaml\": Deployment in version \"v1\" cannot be handled as a "
            + "Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")
    }

    func testNumberIntoStringFieldNamesTheGoStructAndPathWithoutIndices() throws {
        let text = sampleDeployment.replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n          env:\n            - name: PORT\n              value: 8080")
        XCTAssertTrue(try kubectlError(text).hasSuffix(
            "json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"))
    }

    func testFractionalReplicasReportsTheNumber() throws {
        let text = sampleDeployment.replacingOccurrences(of: "replicas: 3", with: "replicas: 2.5")
        XCTAssertTrue(try kubectlError(text).hasSuffix("cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32"))
    }

    func testMetadataTypeErrorsAreCaughtClientSide() throws {
        let text = samplePod.replacingOccurrences(of: "name: sample-pod", with: "name: 123")
        XCTAssertEqual(try kubectlError(text),
            "error: unable to decode \"sample.yaml\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string")
        let labels = samplePod.replacingOccurrences(of: "app: web", with: "version: 1.0")
        XCTAssertEqual(try kubectlError(labels),
            "error: unable to decode \"sample.yaml\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")
        let whole = "apiVersion: v1\nkind: Pod\nmetadata: 3\n"
        XCTAssertEqual(try kubectlError(whole),
            "error: unable to decode \"sample.yaml\": json: cannot unmarshal number into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta")
    }

    func testMissingKindAndApiVersionAreClientSideValidationErrors() throws {
        XCTAssertEqual(try kubectlError("apiVersion: v1\nmetadata:\n  name: x\n"),
            "error: error validating \"sample.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false")
        XCTAssertEqual(try kubectlError("metadata:\n  name: x\n"),
            "error: error validating \"sample.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false")
        XCTAssertEqual(try kubectlError("apiVersion: 1\nkind: true\n"),
            "error: error validating \"sample.yaml\": error validating data: [apiVersion isn't string type, kind isn't string type]; if you choose to ignore these errors, turn validation off with --validate=false")
    }

    func testWrongVersionOrKindHasNoMatch() throws {
        let text = sampleDeployment.replacingOccurrences(of: "apps/v1", with: "v1")
        XCTAssertEqual(try kubectlError(text),
            "error: resource mapping not found for name: \"web\" namespace: \"\" from \"sample.yaml\": no matches for kind \"Deployment\" in version \"v1\"\nensure CRDs are installed first")
        let lower = samplePod.replacingOccurrences(of: "kind: Pod", with: "kind: pod")
        XCTAssertTrue(try kubectlError(lower).contains("no matches for kind \"pod\" in version \"v1\""))
    }

    func testNullIsAllowedAndLeavesTheZeroValue() throws {
        let text = samplePod + "\n  nodeSelector:\n  tolerations: ~\n"
        guard case .pod(let pod) = try decode(try yamlDocument(text)) else { return XCTFail("not a pod") }
        XCTAssertEqual(pod.spec.nodeSelector, [:])
        XCTAssertEqual(pod.spec.tolerations, [])
    }

    func testYAML11BooleansAreBooleans() throws {
        let text = samplePod.replacingOccurrences(of: "image: nginx:latest", with: "image: nginx:latest\n      tty: yes\n      stdin: on")
        guard case .pod(let pod) = try decode(try yamlDocument(text)) else { return XCTFail("not a pod") }
        XCTAssertTrue(pod.spec.containers[0].tty)
        XCTAssertTrue(pod.spec.containers[0].stdin)
        let asString = samplePod.replacingOccurrences(of: "image: nginx:latest", with: "image: yes")
        XCTAssertTrue(try kubectlError(asString).hasSuffix("cannot unmarshal bool into Go struct field Container.spec.containers.image of type string"))
    }

    func testIntOrStringAcceptsPercentAndInt() throws {
        let text = sampleDeployment + "\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 50%\n"
        guard case .deployment(let d) = try decode(try yamlDocument(text)) else { return XCTFail("not a deployment") }
        XCTAssertEqual(d.spec.strategy.rollingUpdate?.maxSurge, .int(1))
        XCTAssertEqual(d.spec.strategy.rollingUpdate?.maxUnavailable, .string("50%"))
    }

    func testMarksLetValidationErrorsPointAtTheSource() throws {
        let text = samplePod.replacingOccurrences(of: "image: nginx:latest", with: "image: \"\"")
        let error = try admitError(text)
        XCTAssertEqual(error?.fieldPath, "spec.containers[0].image")
        XCTAssertEqual(error?.mark?.line, 10)
    }

    func testEveryKindDecodes() throws {
        let texts = [
            "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}}",
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}}",
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {serviceName: s, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}}",
            "apiVersion: v1\nkind: Node\nmetadata: {name: worker-9}\nspec: {taints: [{key: k, effect: NoSchedule}]}",
            "apiVersion: v1\nkind: Event\nmetadata: {name: e}\ninvolvedObject: {kind: Pod, name: x}\nreason: Scheduled\neventTime: null",
        ]
        let kinds = try texts.map { try admitManifest(try yamlDocument($0)).kind }
        XCTAssertEqual(kinds, ["ReplicaSet", "DaemonSet", "StatefulSet", "Node", "Event"])
    }
}
