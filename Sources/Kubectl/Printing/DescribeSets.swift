import APIServer
import Foundation
import KubeAPI

extension Describe {
    /// `kubectl describe daemonset` (describe.go's DaemonSetDescriber). `pods` may be the namespace's pods.
    public static func daemonSet(_ ds: DaemonSet, pods: [Pod], events: [Event]?, now: Date, timeZone: TimeZone = .current) -> String {
        let clock = DescribeClock(now: now, timeZone: timeZone)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(ds.metadata.name)\n")
        w.write(0, "Namespace:\t\(ds.metadata.namespace ?? "")\n")
        w.write(0, "Selector:\t\(LabelFormatting.formatSelector(ds.spec.selector))\n")
        let nodeSelector = LabelFormatting.labels(ds.spec.template.spec.nodeSelector)
        w.write(0, "Node-Selector:\t\(nodeSelector)\n")
        DescribeSections.labels(&w, "Labels", ds.metadata.labels)
        DescribeSections.annotations(&w, "Annotations", ds.metadata.annotations)
        let s = ds.status
        w.write(0, "Desired Number of Nodes Scheduled: \(s.desiredNumberScheduled)\n")
        w.write(0, "Current Number of Nodes Scheduled: \(s.currentNumberScheduled)\n")
        w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: \(s.updatedNumberScheduled)\n")
        w.write(0, "Number of Nodes Scheduled with Available Pods: \(s.numberAvailable)\n")
        w.write(0, "Number of Nodes Misscheduled: \(s.numberMisscheduled)\n")
        podsStatus(&w, pods, owner: ds.metadata.uid)
        DescribeContainers.podTemplate(&w, ds.spec.template, clock: clock)
        if let events { DescribeSections.events(&w, events, clock: clock) }
        return w.result()
    }

    /// `kubectl describe statefulset` (describe.go's StatefulSetDescriber).
    public static func statefulSet(_ sts: StatefulSet, pods: [Pod], events: [Event]?, now: Date, timeZone: TimeZone = .current) -> String {
        let clock = DescribeClock(now: now, timeZone: timeZone)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(sts.metadata.name)\n")
        w.write(0, "Namespace:\t\(sts.metadata.namespace ?? "")\n")
        w.write(0, "CreationTimestamp:\t\(clock.rfc1123Z(sts.metadata.creationTimestamp))\n")
        w.write(0, "Selector:\t\(LabelFormatting.formatSelector(sts.spec.selector))\n")
        DescribeSections.labels(&w, "Labels", sts.metadata.labels)
        DescribeSections.annotations(&w, "Annotations", sts.metadata.annotations)
        w.write(0, "Replicas:\t\(sts.spec.replicas) desired | \(sts.status.replicas) total\n")
        w.write(0, "Update Strategy:\t\(sts.spec.updateStrategy.type)\n")
        if let rolling = sts.spec.updateStrategy.rollingUpdate {
            w.write(1, "Partition:\t\(rolling.partition)\n")
        }
        podsStatus(&w, pods, owner: sts.metadata.uid)
        DescribeContainers.podTemplate(&w, sts.spec.template, clock: clock)
        w.write(0, "Volume Claims:\t<none>\n")
        if let events { DescribeSections.events(&w, events, clock: clock) }
        return w.result()
    }

    /// `Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed` over the pods `owner` controls.
    private static func podsStatus(_ w: inout DescribeWriter, _ pods: [Pod], owner uid: String) {
        let owned = pods.filter { pod in pod.metadata.ownerReferences.contains { $0.controller == true && $0.uid == uid } }
        let count = { (phase: String) in owned.filter { $0.status.phase == phase }.count }
        w.write(0, "Pods Status:\t\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed\n")
    }
}
