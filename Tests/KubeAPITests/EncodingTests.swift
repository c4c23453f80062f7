import XCTest
import YAML
@testable import KubeAPI

final class EncodingTests: XCTestCase {
    private func defaultedPod() throws -> APIObject {
        var object = try decode(try yamlDocument(samplePod))
        setDefaults(&object)
        return object
    }

    func testPodPrintsLikeKubectlGetOYaml() throws {
        let yaml = emitYAML(encode(try defaultedPod()))
        XCTAssertTrue(yaml.hasPrefix("apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: sample-pod\nspec:\n"), yaml)
        for line in ["    imagePullPolicy: Always", "    resources: {}", "    terminationMessagePath: /dev/termination-log",
                     "  dnsPolicy: ClusterFirst", "  enableServiceLinks: true", "  restartPolicy: Always",
                     "  schedulerName: default-scheduler", "  securityContext: {}", "  serviceAccount: default",
                     "  terminationGracePeriodSeconds: 30", "      protocol: TCP", "  qosClass: BestEffort"] {
            XCTAssertTrue(yaml.contains(line + "\n"), "missing \(line) in\n\(yaml)")
        }
    }

    func testKeysAreSortedAndEmptyOptionalFieldsOmitted() throws {
        guard case .object(let top) = encode(try defaultedPod()), case .object(let meta)? = encode(try defaultedPod())["metadata"] else {
            return XCTFail("not an object")
        }
        XCTAssertEqual(top.map(\.0), ["apiVersion", "kind", "metadata", "spec", "status"])
        XCTAssertEqual(meta.map(\.0), ["creationTimestamp", "labels", "name"])
    }

    func testDeploymentTemplateOmitsPodOnlyDefaultsAndGetsStrategyDefaults() throws {
        var object = try decode(try yamlDocument(sampleDeployment))
        setDefaults(&object)
        let yaml = emitYAML(encode(object))
        XCTAssertTrue(yaml.contains("  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n    type: RollingUpdate\n"), yaml)
        XCTAssertTrue(yaml.contains("  progressDeadlineSeconds: 600\n"))
        XCTAssertTrue(yaml.contains("  revisionHistoryLimit: 10\n"))
        XCTAssertTrue(yaml.contains("    metadata:\n      creationTimestamp: null\n"))
        XCTAssertFalse(yaml.contains("serviceAccountName"), yaml)
        XCTAssertTrue(yaml.contains("        imagePullPolicy: IfNotPresent\n"))
    }

    func testTimestampsAreRFC3339UTCSeconds() {
        var pod = Pod()
        pod.metadata.creationTimestamp = Date(timeIntervalSince1970: 1_700_000_000.75)
        XCTAssertEqual(encode(.pod(pod))["metadata"]?["creationTimestamp"], .string("2023-11-14T22:13:20Z"))
        XCTAssertEqual(parseRFC3339("2023-11-14T23:13:20+01:00"), Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertNil(parseRFC3339("yesterday"))
    }

    func testEveryKindRoundTripsThroughJSON() throws {
        let t = Date(timeIntervalSince1970: 1_700_000_000)
        var pod = Pod()
        pod.metadata.name = "p"
        pod.metadata.namespace = "default"
        pod.metadata.uid = "u-1"
        pod.metadata.creationTimestamp = t
        pod.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u-0")]
        var c = Container()
        c.name = "c"
        c.image = "busybox"
        c.command = ["sh", "-c", "sleep 1"]
        c.env = [EnvVar(name: "A", value: "1")]
        c.resources = ResourceRequirements(limits: ["cpu": "500m"], requests: ["memory": "64Mi"])
        pod.spec.containers = [c]
        pod.spec.nodeName = "worker-1"
        pod.status.phase = "Running"
        pod.status.startTime = t
        var cs = ContainerStatus(name: "c", image: "busybox")
        cs.state = ContainerState(running: ContainerStateRunning(startedAt: t))
        var terminated = ContainerStateTerminated(exitCode: 1, reason: "Error", finishedAt: t)
        terminated.startedAt = t
        cs.lastState = ContainerState(terminated: terminated)
        pod.status.containerStatuses = [cs]
        pod.status.conditions = [PodCondition(type: "Ready", status: "True", lastTransitionTime: t)]

        var deployment = Deployment()
        deployment.metadata.name = "d"
        deployment.spec.selector = LabelSelector(matchLabels: ["a": "b"], matchExpressions: [LabelSelectorRequirement(key: "t", operator: "In", values: ["x"])])
        deployment.spec.template.metadata.labels = ["a": "b"]
        deployment.spec.template.spec.containers = [c]
        deployment.status.conditions = [DeploymentCondition(type: "Available", status: "True")]
        deployment.status.replicas = 2

        var node = Node()
        node.metadata.name = "worker-1"
        node.spec.taints = [Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: t)]
        node.status.capacity = ["cpu": "2", "pods": "110"]
        var ready = NodeCondition(type: "Ready", status: "True")
        ready.lastHeartbeatTime = t
        node.status.conditions = [ready]
        node.status.addresses = [NodeAddress(type: "InternalIP", address: "10.0.0.2")]

        var event = Event()
        event.metadata.name = "p.1"
        event.involvedObject.kind = "Pod"
        event.involvedObject.name = "p"
        event.reason = "Scheduled"
        event.firstTimestamp = t
        event.source = EventSource(component: "default-scheduler")

        var objects: [APIObject] = [.pod(pod), .deployment(deployment), .node(node), .event(event),
                                    .replicaSet(ReplicaSet()), .daemonSet(DaemonSet()), .statefulSet(StatefulSet())]
        for i in objects.indices { setDefaults(&objects[i]) }
        for object in objects {
            XCTAssertEqual(try decode(encode(object)), object, "\(object.kind) does not round-trip")
        }
    }
}
