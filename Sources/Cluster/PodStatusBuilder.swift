import Foundation
import KubeAPI

/// Computes a pod's status from the kubelet's view of it (phase, conditions, container statuses).
enum PodStatusBuilder {
    static func build(pod: Pod, run: Kubelet.PodRun, node: Node?, now: Date) -> PodStatus {
        var status = pod.status
        status.startTime = status.startTime ?? run.startTime
        status.hostIP = node?.status.addresses.first { $0.type == "InternalIP" }?.address
        status.podIP = run.podIP ?? status.podIP
        status.podIPs = status.podIP.map { [$0] } ?? []
        status.hostIPs = status.hostIP.map { [$0] } ?? []
        let pending = Kubelet.pendingInitContainers(pod, run)
        // Not started yet: init containers wait in order, app containers until initialization ends.
        func placeholder(_ container: Container, _ reason: String) -> ContainerStatus {
            var s = ContainerStatus(name: container.name, image: ImageName.qualified(container.image))
            s.state = ContainerState(waiting: ContainerStateWaiting(reason: reason))
            return s
        }
        let waitingReason = pending.isEmpty ? "ContainerCreating" : "PodInitializing"
        status.initContainerStatuses = pod.spec.initContainers.map { container in
            var s = run.containers[container.name]?.status(specImage: container.image)
                ?? placeholder(container, "PodInitializing")
            // An init container that completed is not "ready" the way a running app container is.
            if s.state.terminated?.exitCode == 0 { s.ready = true } else if s.state.running != nil { s.ready = false }
            return s
        }
        status.containerStatuses = pod.spec.containers.map { container in
            run.containers[container.name]?.status(specImage: container.image) ?? placeholder(container, waitingReason)
        }
        let initFailed = pod.spec.restartPolicy == "Never"
            && status.initContainerStatuses.contains { ($0.state.terminated?.exitCode ?? 0) != 0 }
        status.phase = initFailed ? "Failed" : !pending.isEmpty ? "Pending" : phase(pod: pod, statuses: status.containerStatuses)
        let allReady = !status.containerStatuses.isEmpty && status.containerStatuses.allSatisfy(\.ready)
        let notReady = status.containerStatuses.filter { !$0.ready }.map(\.name)
        let completed = status.phase == "Succeeded" || status.phase == "Failed"
        var conditions: [PodCondition] = []
        conditions.append(condition(pod, "PodReadyToStartContainers", run.sandbox != nil || completed ? "True" : "False", now))
        var initialized = condition(pod, "Initialized", pending.isEmpty ? "True" : "False", now)
        if !pending.isEmpty {
            initialized.reason = "ContainersNotInitialized"
            initialized.message = "containers with incomplete status: [\(pending.joined(separator: " "))]"
        }
        conditions.append(initialized)
        var ready = condition(pod, "Ready", allReady ? "True" : "False", now)
        var containersReady = condition(pod, "ContainersReady", allReady ? "True" : "False", now)
        if !allReady {
            let reason = completed ? "PodCompleted" : "ContainersNotReady"
            let message = completed ? nil : "containers with unready status: [\(notReady.joined(separator: " "))]"
            ready.reason = reason
            ready.message = message
            containersReady.reason = reason
            containersReady.message = message
        }
        conditions.append(ready)
        conditions.append(containersReady)
        conditions.append(condition(pod, "PodScheduled", "True", now))
        status.conditions = conditions
        return status
    }

    /// A condition whose lastTransitionTime only moves when its status changes.
    private static func condition(_ pod: Pod, _ type: String, _ value: String, _ now: Date) -> PodCondition {
        if let old = pod.status.conditions.first(where: { $0.type == type }), old.status == value {
            var c = PodCondition(type: type, status: value, lastTransitionTime: old.lastTransitionTime)
            c.lastProbeTime = nil
            return c
        }
        return PodCondition(type: type, status: value, lastTransitionTime: now)
    }

    /// The kubelet's getPhase: Pending until every container has started once; Succeeded/Failed
    /// only when all have terminated and none will restart.
    static func phase(pod: Pod, statuses: [ContainerStatus]) -> String {
        var pending = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0
        for s in statuses {
            if s.state.running != nil {
                running += 1
            } else if let t = s.state.terminated {
                stopped += 1
                if t.exitCode == 0 { succeeded += 1 }
            } else if s.state.waiting != nil {
                if s.lastState.terminated != nil { stopped += 1 } else { waiting += 1 }
            } else {
                pending += 1
            }
        }
        if waiting > 0 || pending > 0 { return "Pending" }
        if running > 0 { return "Running" }
        if stopped == statuses.count, stopped > 0 {
            switch pod.spec.restartPolicy {
            case "Always": return "Running"
            case "OnFailure": return succeeded == stopped ? "Succeeded" : "Running"
            default: return succeeded == stopped ? "Succeeded" : "Failed"
            }
        }
        return "Pending"
    }
}
