import Foundation
import KubeAPI

/// `kubectl describe` text, as kubectl v1.32's describe.go lays it out.
public enum Describe {
    /// `kubectl describe pod`. `events` are those about this pod (nil: `--show-events=false`).
    /// Times print in `timeZone`, as kubectl prints them in the viewer's local zone.
    /// `limitsNotEnforced`: why this machine cannot enforce limits (shown under a container's Limits).
    public static func pod(_ pod: Pod, events: [Event]?, now: Date, timeZone: TimeZone = .current,
                           limitsNotEnforced: String? = nil) -> String {
        let clock = DescribeClock(now: now, timeZone: timeZone)
        var w = DescribeWriter()
        let meta = pod.metadata
        w.write(0, "Name:\t\(meta.name)\n")
        w.write(0, "Namespace:\t\(meta.namespace ?? "")\n")
        w.write(0, "Priority:\t\(pod.spec.priority)\n")
        if !pod.spec.serviceAccountName.isEmpty {
            w.write(0, "Service Account:\t\(pod.spec.serviceAccountName)\n")
        }
        if let node = pod.spec.nodeName, !node.isEmpty {
            w.write(0, "Node:\t\(node)/\(pod.status.hostIP ?? "")\n")
        } else {
            w.write(0, "Node:\t<none>\n")
        }
        if let start = pod.status.startTime {
            w.write(0, "Start Time:\t\(clock.rfc1123Z(start))\n")
        }
        DescribeSections.labels(&w, "Labels", meta.labels)
        DescribeSections.annotations(&w, "Annotations", meta.annotations)
        let phase = pod.status.phase
        if let deletion = meta.deletionTimestamp, phase != "Failed" && phase != "Succeeded" {
            w.write(0, "Status:\tTerminating (lasts \(clock.age(deletion)))\n")
            let grace = meta.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds
            w.write(0, "Termination Grace Period:\t\(grace)s\n")
        } else {
            w.write(0, "Status:\t\(phase)\n")
        }
        if let reason = pod.status.reason, !reason.isEmpty { w.write(0, "Reason:\t\(reason)\n") }
        if let message = pod.status.message, !message.isEmpty { w.write(0, "Message:\t\(message)\n") }
        w.write(0, "IP:\t\(pod.status.podIP ?? "")\n")
        if pod.status.podIPs.isEmpty {
            w.write(0, "IPs:\t<none>\n")
        } else {
            w.write(0, "IPs:\n")
            for ip in pod.status.podIPs { w.write(1, "IP:\t\(ip)\n") }
        }
        if let controller = DescribeSections.controller(meta) {
            w.write(0, "Controlled By:\t\(controller)\n")
        }
        if !pod.spec.initContainers.isEmpty {
            DescribeContainers.containers(&w, label: "Init Containers", pod.spec.initContainers,
                                          statuses: pod.status.initContainerStatuses, space: "", clock: clock,
                                          limitsNotEnforced: limitsNotEnforced)
        }
        DescribeContainers.containers(&w, label: "Containers", pod.spec.containers,
                                      statuses: pod.status.containerStatuses, space: "", clock: clock,
                                      limitsNotEnforced: limitsNotEnforced)
        if !pod.status.conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\n")
            // describe.go writes "%v \t%v \n": both cells keep a trailing space.
            for condition in pod.status.conditions {
                w.write(1, "\(condition.type) \t\(condition.status) \n")
            }
        }
        DescribeContainers.volumes(&w, pod.spec.volumes, space: "")
        w.write(0, "QoS Class:\t\(pod.status.qosClass)\n")
        DescribeSections.labels(&w, "Node-Selectors", pod.spec.nodeSelector)
        DescribeSections.tolerations(&w, "Tolerations", pod.spec.tolerations)
        if let events { DescribeSections.events(&w, events, clock: clock) }
        return w.result()
    }
}
