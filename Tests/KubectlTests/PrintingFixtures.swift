import Foundation
import KubeAPI

/// Objects for printer tests, at a fixed instant: Thu, 26 Nov 2026 01:02:03 UTC.
enum PrintingFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_654_923)

    static func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }

    static func pod(_ name: String, age: TimeInterval = 2, images: [String] = ["nginx:latest"]) -> Pod {
        var pod = Pod()
        pod.metadata.name = name
        pod.metadata.namespace = "default"
        pod.metadata.uid = "uid-\(name)"
        pod.metadata.creationTimestamp = ago(age)
        pod.spec.containers = images.enumerated().map { index, image in
            var container = Container()
            container.name = index == 0 ? "nginx" : "sidecar\(index)"
            container.image = image
            return container
        }
        return pod
    }

    /// A pod whose containers all run and are ready.
    static func runningPod(_ name: String, age: TimeInterval = 2) -> Pod {
        var pod = pod(name, age: age)
        pod.status.phase = "Running"
        pod.spec.nodeName = "worker-1"
        pod.status.hostIP = "172.18.0.3"
        pod.status.podIP = "10.244.1.2"
        pod.status.podIPs = ["10.244.1.2"]
        pod.status.startTime = ago(age)
        pod.status.containerStatuses = pod.spec.containers.map { container in
            var status = ContainerStatus(name: container.name, image: container.image)
            status.state = ContainerState(running: ContainerStateRunning(startedAt: ago(age - 1)))
            status.ready = true
            status.started = true
            return status
        }
        pod.status.conditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
            .map { PodCondition(type: $0, status: "True") }
        return pod
    }

    static func waiting(_ reason: String) -> ContainerState {
        ContainerState(waiting: ContainerStateWaiting(reason: reason))
    }

    static func terminated(exitCode: Int32, reason: String, finished: TimeInterval) -> ContainerState {
        ContainerState(terminated: ContainerStateTerminated(exitCode: exitCode, reason: reason, finishedAt: ago(finished)))
    }

    static func event(_ reason: String, _ message: String, object: String = "sample-pod", kind: String = "Pod",
                      type: String = "Normal", from: String = "kubelet", first: TimeInterval, last: TimeInterval? = nil,
                      count: Int = 1) -> Event {
        var event = Event()
        event.metadata.name = "\(object).\(reason.lowercased())"
        event.metadata.namespace = "default"
        event.involvedObject.kind = kind
        event.involvedObject.name = object
        event.involvedObject.namespace = "default"
        event.reason = reason
        event.message = message
        event.type = type
        event.source = EventSource(component: from)
        event.firstTimestamp = ago(first)
        event.lastTimestamp = ago(last ?? first)
        event.count = count
        return event
    }
}
