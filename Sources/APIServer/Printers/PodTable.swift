import Foundation
import KubeAPI

/// `kubectl get pods` rows (printers.go printPod).
public enum PodTable {
    public static let columns: [ResourceTable.Column] = [
        .init("Name"), .init("Ready"), .init("Status"), .init("Restarts"), .init("Age"),
        .init("IP", wideOnly: true), .init("Node", wideOnly: true),
        .init("Nominated Node", wideOnly: true), .init("Readiness Gates", wideOnly: true),
    ]

    public static func table(_ pods: [Pod], now: Date) -> ResourceTable {
        ResourceTable(columns: columns, rows: pods.map { row($0, now: now) })
    }

    public static func row(_ pod: Pod, now: Date) -> ResourceTable.Row {
        let summary = PodSummary(pod)
        var restarts = String(summary.restarts)
        if summary.restarts != 0, let last = summary.lastRestart {
            restarts = "\(summary.restarts) (\(HumanDuration.since(last, now: now)) ago)"
        }
        let cells = [
            pod.metadata.name,
            "\(summary.readyContainers)/\(summary.totalContainers)",
            summary.status,
            restarts,
            HumanDuration.since(pod.metadata.creationTimestamp, now: now),
            nonEmpty(pod.status.podIP),
            nonEmpty(pod.spec.nodeName),
            "<none>",  // nominatedNodeName: kubetutor's scheduler never preempts
            "<none>",  // readinessGates: not modelled
        ]
        return ResourceTable.Row(cells: cells, namespace: pod.metadata.namespace ?? "", labels: pod.metadata.labels)
    }

    private static func nonEmpty(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "<none>" }
        return text
    }
}

/// READY, STATUS and RESTARTS of a pod, reasoned exactly as printPod does (init containers first:
/// the first one not completed decides `Init:N/M`, `Init:<reason>`; restartable sidecar init
/// containers are not modelled).
public struct PodSummary: Equatable, Sendable {
    public var readyContainers = 0
    public var totalContainers = 0
    /// The STATUS column: a phase, a container reason, `Terminating`, …
    public var status = ""
    public var restarts = 0
    /// Newest `lastState.terminated.finishedAt` over all containers.
    public var lastRestart: Date? = nil

    public init(_ pod: Pod) {
        totalContainers = pod.spec.containers.count
        let phase = pod.status.phase
        var reason = phase
        if let podReason = pod.status.reason, !podReason.isEmpty { reason = podReason }
        for condition in pod.status.conditions
        where condition.type == "PodScheduled" && condition.reason == "SchedulingGated" {
            reason = "SchedulingGated"
        }

        var initializing = false
        for (i, container) in pod.status.initContainerStatuses.enumerated() {
            restarts += container.restartCount
            if let finished = container.lastState.terminated?.finishedAt, lastRestart.map({ $0 < finished }) ?? true {
                lastRestart = finished
            }
            if let t = container.state.terminated, t.exitCode == 0 { continue }
            if let t = container.state.terminated {
                if !t.reason.isEmpty {
                    reason = "Init:" + t.reason
                } else if let signal = t.signal, signal != 0 {
                    reason = "Init:Signal:\(signal)"
                } else {
                    reason = "Init:ExitCode:\(t.exitCode)"
                }
            } else if let w = container.state.waiting, !w.reason.isEmpty, w.reason != "PodInitializing" {
                reason = "Init:" + w.reason
            } else {
                reason = "Init:\(i)/\(pod.spec.initContainers.count)"
            }
            initializing = true
            break
        }
        if !initializing {
            restarts = 0
            lastRestart = nil
            appContainers(pod, &reason)
        }
        if pod.metadata.deletionTimestamp != nil && pod.status.reason == "NodeLost" {
            reason = "Unknown"
        } else if pod.metadata.deletionTimestamp != nil && phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating"
        }
        status = reason
    }

    /// The app containers' part of printPod, once initialization is over.
    private mutating func appContainers(_ pod: Pod, _ reason: inout String) {
        var hasRunning = false
        // printPod walks statuses last to first, so the first container's reason wins.
        for container in pod.status.containerStatuses.reversed() {
            restarts += container.restartCount
            if let finished = container.lastState.terminated?.finishedAt,
               lastRestart.map({ $0 < finished }) ?? true {
                lastRestart = finished
            }
            if let waiting = container.state.waiting, !waiting.reason.isEmpty {
                reason = waiting.reason
            } else if let terminated = container.state.terminated, !terminated.reason.isEmpty {
                reason = terminated.reason
            } else if let terminated = container.state.terminated {
                if let signal = terminated.signal, signal != 0 {
                    reason = "Signal:\(signal)"
                } else {
                    reason = "ExitCode:\(terminated.exitCode)"
                }
            } else if container.ready && container.state.running != nil {
                hasRunning = true
                readyContainers += 1
            }
        }

        // A pod whose last-listed container completed but another still runs is not "Completed".
        if reason == "Completed" && hasRunning {
            let ready = pod.status.conditions.contains { $0.type == "Ready" && $0.status == "True" }
            reason = ready ? "Running" : "NotReady"
        }
    }
}
