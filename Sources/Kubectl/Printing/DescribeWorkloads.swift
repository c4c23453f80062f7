import APIServer
import Foundation
import KubeAPI

extension Describe {
    /// `kubectl describe deployment`. `newReplicaSet`/`oldReplicaSets` are the deployment's
    /// ReplicaSets (the one matching its current template, and the others it owns).
    public static func deployment(_ d: Deployment, newReplicaSet: ReplicaSet?, oldReplicaSets: [ReplicaSet],
                                  events: [Event]?, now: Date, timeZone: TimeZone = .current) -> String {
        let clock = DescribeClock(now: now, timeZone: timeZone)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(d.metadata.name)\n")
        w.write(0, "Namespace:\t\(d.metadata.namespace ?? "")\n")
        w.write(0, "CreationTimestamp:\t\(clock.rfc1123Z(d.metadata.creationTimestamp))\n")
        DescribeSections.labels(&w, "Labels", d.metadata.labels)
        DescribeSections.annotations(&w, "Annotations", d.metadata.annotations)
        w.write(0, "Selector:\t\(LabelFormatting.selector(d.spec.selector))\n")
        let s = d.status
        w.write(0, "Replicas:\t\(d.spec.replicas) desired | \(s.updatedReplicas) updated | \(s.replicas) total | "
            + "\(s.availableReplicas) available | \(s.unavailableReplicas) unavailable\n")
        w.write(0, "StrategyType:\t\(d.spec.strategy.type)\n")
        w.write(0, "MinReadySeconds:\t\(d.spec.minReadySeconds)\n")
        if let rolling = d.spec.strategy.rollingUpdate {
            w.write(0, "RollingUpdateStrategy:\t\(text(rolling.maxUnavailable)) max unavailable, "
                + "\(text(rolling.maxSurge)) max surge\n")
        }
        DescribeContainers.podTemplate(&w, d.spec.template, clock: clock)
        if !d.status.conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
            w.write(1, "----\t------\t------\n")
            for condition in d.status.conditions {
                w.write(1, "\(condition.type) \t\(condition.status)\t\(condition.reason ?? "")\n")
            }
        }
        if !oldReplicaSets.isEmpty || newReplicaSet != nil {
            w.write(0, "OldReplicaSets:\t\(replicaSetList(oldReplicaSets))\n")
            w.write(0, "NewReplicaSet:\t\(replicaSetList(newReplicaSet.map { [$0] } ?? []))\n")
        }
        if let events { DescribeSections.events(&w, events, clock: clock) }
        return w.result()
    }

    /// `kubectl describe replicaset`. `pods` may be all pods of the namespace: only those the
    /// ReplicaSet controls count toward "Pods Status".
    public static func replicaSet(_ rs: ReplicaSet, pods: [Pod], events: [Event]?, now: Date,
                                  timeZone: TimeZone = .current) -> String {
        let clock = DescribeClock(now: now, timeZone: timeZone)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(rs.metadata.name)\n")
        w.write(0, "Namespace:\t\(rs.metadata.namespace ?? "")\n")
        w.write(0, "Selector:\t\(LabelFormatting.formatSelector(rs.spec.selector))\n")
        DescribeSections.labels(&w, "Labels", rs.metadata.labels)
        DescribeSections.annotations(&w, "Annotations", rs.metadata.annotations)
        if let controller = DescribeSections.controller(rs.metadata) {
            w.write(0, "Controlled By:\t\(controller)\n")
        }
        w.write(0, "Replicas:\t\(rs.status.replicas) current / \(rs.spec.replicas) desired\n")
        let owned = pods.filter { pod in
            pod.metadata.ownerReferences.contains { $0.controller == true && $0.uid == rs.metadata.uid }
        }
        let count = { (phase: String) in owned.filter { $0.status.phase == phase }.count }
        w.write(0, "Pods Status:\t")
        w.write(0, "\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / "
            + "\(count("Failed")) Failed\n")
        DescribeContainers.podTemplate(&w, rs.spec.template, clock: clock)
        if let events { DescribeSections.events(&w, events, clock: clock) }
        return w.result()
    }

    /// printReplicaSetsByLabels: `web-5d8f9c7b6 (3/3 replicas created)`, comma-joined, `<none>`.
    private static func replicaSetList(_ sets: [ReplicaSet]) -> String {
        let text = sets.map { "\($0.metadata.name) (\($0.status.replicas)/\($0.spec.replicas) replicas created)" }
            .joined(separator: ", ")
        return text.isEmpty ? "<none>" : text
    }

    private static func text(_ value: IntOrString) -> String {
        switch value {
        case .int(let n): return String(n)
        case .string(let s): return s
        }
    }
}

extension Describe {
    /// The `Pod Template:` block alone, as `kubectl rollout history --revision=N` prints it.
    public static func podTemplateText(_ template: PodTemplateSpec, now: Date = Date(), timeZone: TimeZone = .current) -> String {
        var w = DescribeWriter()
        DescribeContainers.podTemplate(&w, template, clock: DescribeClock(now: now, timeZone: timeZone))
        return w.result()
    }
}
