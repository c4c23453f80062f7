import Foundation
import KubeAPI

/// `kubectl get deployments` rows (printers.go printDeployment).
public enum DeploymentTable {
    public static let columns: [ResourceTable.Column] = [
        .init("Name"), .init("Ready"), .init("Up-to-date"), .init("Available"), .init("Age"),
        .init("Containers", wideOnly: true), .init("Images", wideOnly: true), .init("Selector", wideOnly: true),
    ]

    public static func table(_ deployments: [Deployment], now: Date) -> ResourceTable {
        ResourceTable(columns: columns, rows: deployments.map { row($0, now: now) })
    }

    public static func row(_ d: Deployment, now: Date) -> ResourceTable.Row {
        let (names, images) = ContainerCells.layout(d.spec.template.spec.containers)
        let cells = [
            d.metadata.name,
            "\(d.status.readyReplicas)/\(d.spec.replicas)",
            String(d.status.updatedReplicas),
            String(d.status.availableReplicas),
            HumanDuration.since(d.metadata.creationTimestamp, now: now),
            names, images,
            LabelFormatting.selector(d.spec.selector),
        ]
        return ResourceTable.Row(cells: cells, namespace: d.metadata.namespace ?? "", labels: d.metadata.labels)
    }
}

/// `kubectl get replicasets` rows (printers.go printReplicaSet).
public enum ReplicaSetTable {
    public static let columns: [ResourceTable.Column] = [
        .init("Name"), .init("Desired"), .init("Current"), .init("Ready"), .init("Age"),
        .init("Containers", wideOnly: true), .init("Images", wideOnly: true), .init("Selector", wideOnly: true),
    ]

    public static func table(_ replicaSets: [ReplicaSet], now: Date) -> ResourceTable {
        ResourceTable(columns: columns, rows: replicaSets.map { row($0, now: now) })
    }

    public static func row(_ rs: ReplicaSet, now: Date) -> ResourceTable.Row {
        let (names, images) = ContainerCells.layout(rs.spec.template.spec.containers)
        let cells = [
            rs.metadata.name,
            String(rs.spec.replicas),
            String(rs.status.replicas),
            String(rs.status.readyReplicas),
            HumanDuration.since(rs.metadata.creationTimestamp, now: now),
            names, images,
            LabelFormatting.formatSelector(rs.spec.selector),
        ]
        return ResourceTable.Row(cells: cells, namespace: rs.metadata.namespace ?? "", labels: rs.metadata.labels)
    }
}

/// printers.go layoutContainerCells: container names and images, comma-joined.
public enum ContainerCells {
    public static func layout(_ containers: [Container]) -> (names: String, images: String) {
        (containers.map(\.name).joined(separator: ","), containers.map(\.image).joined(separator: ","))
    }
}
