import Foundation
import KubeAPI
import XCTest
@testable import Kubectl

final class PrintingDescribeTests: XCTestCase {
    typealias F = PrintingFixtures
    let utc = TimeZone(identifier: "UTC") ?? TimeZone.current

    private func samplePod() -> Pod {
        var pod = F.runningPod("sample-pod", age: 5)
        pod.metadata.labels = ["run": "sample-pod"]
        pod.status.containerStatuses[0].containerID = "containerd://4f1c"
        pod.status.containerStatuses[0].imageID = "docker.io/library/nginx@sha256:0a39"
        var notReady = Toleration()
        notReady.key = "node.kubernetes.io/not-ready"
        notReady.operator = "Exists"
        notReady.effect = "NoExecute"
        notReady.tolerationSeconds = 300
        var unreachable = notReady
        unreachable.key = "node.kubernetes.io/unreachable"
        pod.spec.tolerations = [unreachable, notReady]
        return pod
    }

    func testDescribePodMatchesKubectlLayout() {
        let events = [
            F.event("Pulled", "Container image \"nginx:latest\" already present on machine", first: 4),
            F.event("Scheduled", "Successfully assigned default/sample-pod to worker-1", from: "default-scheduler", first: 5),
        ]
        let text = Describe.pod(samplePod(), events: events, now: F.now, timeZone: utc)
        XCTAssertEqual(text, """
            Name:             sample-pod
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             worker-1/172.18.0.3
            Start Time:       Thu, 26 Nov 2026 01:01:58 +0000
            Labels:           run=sample-pod
            Annotations:      <none>
            Status:           Running
            IP:               10.244.1.2
            IPs:
              IP:  10.244.1.2
            Containers:
              nginx:
                Container ID:   containerd://4f1c
                Image:          nginx:latest
                Image ID:       docker.io/library/nginx@sha256:0a39
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Thu, 26 Nov 2026 01:01:59 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type                        Status
              PodReadyToStartContainers   True\u{20}
              Initialized                 True\u{20}
              Ready                       True\u{20}
              ContainersReady             True\u{20}
              PodScheduled                True\u{20}
            Volumes:                      <none>
            QoS Class:                    BestEffort
            Node-Selectors:               <none>
            Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                          node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  5s    default-scheduler  Successfully assigned default/sample-pod to worker-1
              Normal  Pulled     4s    kubelet            Container image "nginx:latest" already present on machine

            """)
    }

    func testDescribePodWithRestartsPortsEnvMountsAndTermination() {
        var pod = samplePod()
        pod.metadata.annotations = ["note": "hello"]
        pod.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8f9c7b6", uid: "rs")]
        pod.metadata.deletionTimestamp = F.ago(3)
        pod.metadata.deletionGracePeriodSeconds = 30
        pod.spec.tolerations = []
        var port = ContainerPort(containerPort: 80)
        port.name = "http"
        pod.spec.containers[0].ports = [port]
        pod.spec.containers[0].env = [EnvVar(name: "GREETING", value: "hi")]
        pod.spec.containers[0].volumeMounts = [VolumeMount(name: "cache", mountPath: "/cache")]
        pod.spec.containers[0].command = ["sh", "-c"]
        pod.spec.volumes = [Volume(name: "cache")]
        pod.status.conditions = []
        var terminated = ContainerStateTerminated(exitCode: 1, reason: "Error", finishedAt: F.ago(60))
        terminated.startedAt = F.ago(70)
        pod.status.containerStatuses[0].lastState = ContainerState(terminated: terminated)
        pod.status.containerStatuses[0].restartCount = 2
        let text = Describe.pod(pod, events: [], now: F.now, timeZone: utc)
        XCTAssertEqual(text, """
            Name:                      sample-pod
            Namespace:                 default
            Priority:                  0
            Service Account:           default
            Node:                      worker-1/172.18.0.3
            Start Time:                Thu, 26 Nov 2026 01:01:58 +0000
            Labels:                    run=sample-pod
            Annotations:               note: hello
            Status:                    Terminating (lasts 3s)
            Termination Grace Period:  30s
            IP:                        10.244.1.2
            IPs:
              IP:           10.244.1.2
            Controlled By:  ReplicaSet/web-5d8f9c7b6
            Containers:
              nginx:
                Container ID:  containerd://4f1c
                Image:         nginx:latest
                Image ID:      docker.io/library/nginx@sha256:0a39
                Port:          80/TCP (http)
                Host Port:     0/TCP (http)
                Command:
                  sh
                  -c
                State:          Running
                  Started:      Thu, 26 Nov 2026 01:01:59 +0000
                Last State:     Terminated
                  Reason:       Error
                  Exit Code:    1
                  Started:      Thu, 26 Nov 2026 01:00:53 +0000
                  Finished:     Thu, 26 Nov 2026 01:01:03 +0000
                Ready:          True
                Restart Count:  2
                Environment:
                  GREETING:  hi
                Mounts:
                  /cache from cache (rw)
            Volumes:
              cache:
                Type:        EmptyDir (a temporary directory that shares a pod's lifetime)
                Medium:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
                SizeLimit:   <unset>
            QoS Class:       BestEffort
            Node-Selectors:  <none>
            Tolerations:     <none>
            Events:          <none>

            """)
    }

    func testRepeatedEventsShowCountAndSpan() {
        var pod = samplePod()
        pod.status.containerStatuses[0].state = F.waiting("CrashLoopBackOff")
        var event = F.event("BackOff", "Back-off restarting failed container nginx in pod sample-pod_default(uid)",
                            type: "Warning", first: 300, last: 20, count: 7)
        event.involvedObject.fieldPath = "spec.containers{nginx}"
        let text = Describe.pod(pod, events: [event], now: F.now, timeZone: utc)
        XCTAssertTrue(text.contains("""
                State:          Waiting
                  Reason:       CrashLoopBackOff
            """), text)
        XCTAssertTrue(text.hasSuffix("""
            Events:
              Type     Reason   Age               From     Message
              ----     ------   ----              ----     -------
              Warning  BackOff  20s (x7 over 5m)  kubelet  Back-off restarting failed container nginx in pod sample-pod_default(uid)

            """), text)
        XCTAssertNil(Describe.pod(pod, events: nil, now: F.now, timeZone: utc).range(of: "Events:"))
    }
}
