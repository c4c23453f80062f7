import Foundation
import KubeAPI

/// `kubectl get namespaces` (printers.go printNamespace).
public enum NamespaceTable {
    public static let columns: [ResourceTable.Column] = [.init("Name"), .init("Status"), .init("Age")]

    public static func table(_ namespaces: [Namespace], now: Date) -> ResourceTable {
        ResourceTable(columns: columns, rows: namespaces.map {
            ResourceTable.Row(cells: [$0.metadata.name, $0.status.phase ?? "", HumanDuration.since($0.metadata.creationTimestamp, now: now)],
                              labels: $0.metadata.labels)
        })
    }
}
