import Foundation
import KubeAPI

/// `kubectl get daemonsets` and `kubectl get statefulsets` tables (printers.go column definitions).
public enum WorkloadTables {
    public static func daemonSets(_ sets: [DaemonSet], now: Date) -> ResourceTable {
        ResourceTable(
            columns: [.init("Name"), .init("Desired"), .init("Current"), .init("Ready"), .init("Up-to-date"),
                      .init("Available"), .init("Node Selector"), .init("Age"), .init("Containers", wideOnly: true),
                      .init("Images", wideOnly: true), .init("Selector", wideOnly: true)],
            rows: sets.map { d in
                let s = d.status
                let selector = d.spec.template.spec.nodeSelector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                return .init(cells: [d.metadata.name, "\(s.desiredNumberScheduled)", "\(s.currentNumberScheduled)", "\(s.numberReady)",
                                     "\(s.updatedNumberScheduled)", "\(s.numberAvailable)", selector.isEmpty ? "<none>" : selector,
                                     HumanDuration.since(d.metadata.creationTimestamp, now: now),
                                     d.spec.template.spec.containers.map(\.name).joined(separator: ","),
                                     d.spec.template.spec.containers.map(\.image).joined(separator: ","),
                                     LabelFormatting.selector(d.spec.selector)],
                             namespace: d.metadata.namespace ?? "", labels: d.metadata.labels)
            })
    }

    public static func statefulSets(_ sets: [StatefulSet], now: Date) -> ResourceTable {
        ResourceTable(
            columns: [.init("Name"), .init("Ready"), .init("Age"), .init("Containers", wideOnly: true), .init("Images", wideOnly: true)],
            rows: sets.map { s in
                .init(cells: [s.metadata.name, "\(s.status.readyReplicas)/\(s.spec.replicas)",
                              HumanDuration.since(s.metadata.creationTimestamp, now: now),
                              s.spec.template.spec.containers.map(\.name).joined(separator: ","),
                              s.spec.template.spec.containers.map(\.image).joined(separator: ",")],
                      namespace: s.metadata.namespace ?? "", labels: s.metadata.labels)
            })
    }
}
