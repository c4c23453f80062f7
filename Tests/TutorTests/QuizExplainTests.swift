import XCTest
@testable import APIServer
@testable import Kubectl
@testable import KubeAPI

/// `kubectl explain`, offline: kubectl's layout, fields, recursion, errors, and a field reference
/// that lists exactly the fields kubetutor's decoder knows.
final class QuizExplainTests: XCTestCase {
    func explain(_ target: String, recursive: Bool = false) throws -> String {
        try ExplainVerb.explain(target, recursive: recursive).get()
    }

    func testExplainPodHasKubectlsLayout() throws {
        let text = try explain("pod")
        XCTAssertTrue(text.hasPrefix("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    "), text)
        XCTAssertTrue(text.contains("\nFIELDS:\n  apiVersion\t<string>\n    "), text)
        XCTAssertTrue(text.contains("  spec\t<PodSpec>\n"), text)
    }

    func testExplainAFieldShowsItsTypeAndRequiredFields() throws {
        let text = try explain("pods.spec.containers")
        XCTAssertTrue(text.contains("FIELD: containers <[]Container>\n"), text)
        XCTAssertTrue(text.contains("  name\t<string> -required-\n"), text)
        XCTAssertTrue(text.contains("  image\t<string>\n"), text)
        let deploy = try explain("deploy.spec.strategy.type")
        XCTAssertTrue(deploy.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: type <string>\n"), deploy)
        XCTAssertFalse(deploy.contains("FIELDS:"))
    }

    func testRecursiveListsNestedFieldsIndented() throws {
        let text = try explain("deployment.spec", recursive: true)
        XCTAssertTrue(text.contains("  template\t<PodTemplateSpec> -required-\n    metadata\t<ObjectMeta>\n"), text)
        XCTAssertTrue(text.contains("\n      containers\t<[]Container> -required-\n        args\t<[]string>\n"), text)
    }

    func testUnknownResourceOrFieldIsKubectlsError() {
        // As kubectl v1.32 against a server: the header first, then the path's last element.
        XCTAssertEqual(ExplainVerb.explain("pod.spec.container", recursive: false),
                       .failure(.init(output: "KIND:       Pod\nVERSION:    v1\n\n", message: "error: field \"container\" does not exist")))
        XCTAssertEqual(ExplainVerb.explain("pod.nosuch.containers", recursive: false),
                       .failure(.init(output: "KIND:       Pod\nVERSION:    v1\n\n", message: "error: field \"containers\" does not exist")))
        XCTAssertEqual(ExplainVerb.explain("widgets", recursive: false), .failure(.init(message: "the server doesn't have a resource type \"widgets\"")))
        XCTAssertEqual(ExplainVerb.explain("pod", recursive: false, apiVersion: "apps/v1"),
                       .failure(.init(message: "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema")))
    }

    func testEveryResourceHasDocsAndEveryDescriptionIsWritten() {
        for kind in ResourceKind.all { XCTAssertNotNil(FieldDocs.type(for: kind), kind.kind) }
        for type in FieldDocs.types.values {
            XCTAssertFalse(type.description.isEmpty, type.name)
            for field in type.fields { XCTAssertFalse(field.description.isEmpty, "\(type.name).\(field.name)") }
        }
    }

    /// The reference mirrors the decoding schemas, so explain covers every field kubetutor accepts.
    func testTheFieldReferenceListsExactlyTheFieldsTheDecoderKnows() {
        let schemas: [(String, [String])] = [
            ("Pod", podSchema.fields.map(\.name)), ("PodSpec", podSpecSchema.fields.map(\.name)),
            ("Container", containerSchema.fields.map(\.name)), ("ContainerPort", containerPortSchema.fields.map(\.name)),
            ("EnvVar", envVarSchema.fields.map(\.name)), ("VolumeMount", volumeMountSchema.fields.map(\.name)),
            ("Volume", volumeSchema.fields.map(\.name)), ("ResourceRequirements", resourceRequirementsSchema.fields.map(\.name)),
            ("Toleration", tolerationSchema.fields.map(\.name)), ("PodSecurityContext", podSecurityContextSchema.fields.map(\.name)),
            ("PodTemplateSpec", podTemplateSpecSchema.fields.map(\.name)), ("PodStatus", podStatusSchema.fields.map(\.name)),
            ("PodCondition", podConditionSchema.fields.map(\.name)), ("ContainerStatus", containerStatusSchema.fields.map(\.name)),
            ("ContainerState", containerStateSchema.fields.map(\.name)),
            ("ContainerStateTerminated", containerStateTerminatedSchema.fields.map(\.name)),
            ("ObjectMeta", objectMetaSchema.fields.map(\.name)), ("OwnerReference", ownerReferenceSchema.fields.map(\.name)),
            ("LabelSelector", labelSelectorSchema.fields.map(\.name)),
            ("LabelSelectorRequirement", labelSelectorRequirementSchema.fields.map(\.name)),
            ("ObjectReference", objectReferenceSchema.fields.map(\.name)),
            ("Deployment", deploymentSchema.fields.map(\.name)), ("DeploymentSpec", deploymentSpecSchema.fields.map(\.name)),
            ("DeploymentStrategy", deploymentStrategySchema.fields.map(\.name)),
            ("RollingUpdateDeployment", rollingUpdateDeploymentSchema.fields.map(\.name)),
            ("DeploymentStatus", deploymentStatusSchema.fields.map(\.name)),
            ("DeploymentCondition", deploymentConditionSchema.fields.map(\.name)),
            ("ReplicaSet", replicaSetSchema.fields.map(\.name)), ("ReplicaSetSpec", replicaSetSpecSchema.fields.map(\.name)),
            ("ReplicaSetStatus", replicaSetStatusSchema.fields.map(\.name)),
            ("DaemonSet", daemonSetSchema.fields.map(\.name)), ("DaemonSetSpec", daemonSetSpecSchema.fields.map(\.name)),
            ("DaemonSetStatus", daemonSetStatusSchema.fields.map(\.name)),
            ("DaemonSetUpdateStrategy", daemonSetUpdateStrategySchema.fields.map(\.name)),
            ("StatefulSet", statefulSetSchema.fields.map(\.name)), ("StatefulSetSpec", statefulSetSpecSchema.fields.map(\.name)),
            ("StatefulSetStatus", statefulSetStatusSchema.fields.map(\.name)),
            ("Node", nodeSchema.fields.map(\.name)), ("NodeSpec", nodeSpecSchema.fields.map(\.name)),
            ("NodeStatus", nodeStatusSchema.fields.map(\.name)), ("Taint", taintSchema.fields.map(\.name)),
            ("NodeCondition", nodeConditionSchema.fields.map(\.name)), ("NodeSystemInfo", nodeSystemInfoSchema.fields.map(\.name)),
            ("Event", eventSchema.fields.map(\.name)), ("EventSource", eventSourceSchema.fields.map(\.name)),
        ]
        for (type, fields) in schemas {
            XCTAssertEqual(FieldDocs.types[type]?.fields.map(\.name).sorted(), fields.sorted(), type)
        }
    }
}
