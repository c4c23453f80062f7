import Foundation
import KubeAPI

/// `kubectl get nodes` rows (printers.go printNode).
public enum NodeTable {
    public static let columns: [ResourceTable.Column] = [
        .init("Name"), .init("Status"), .init("Roles"), .init("Age"), .init("Version"),
        .init("Internal-IP", wideOnly: true), .init("External-IP", wideOnly: true),
        .init("OS-Image", wideOnly: true), .init("Kernel-Version", wideOnly: true),
        .init("Container-Runtime", wideOnly: true),
    ]

    public static func table(_ nodes: [Node], now: Date) -> ResourceTable {
        ResourceTable(columns: columns, rows: nodes.map { row($0, now: now) })
    }

    public static func row(_ node: Node, now: Date) -> ResourceTable.Row {
        let info = node.status.nodeInfo
        let cells = [
            node.metadata.name,
            status(node),
            roles(node),
            HumanDuration.since(node.metadata.creationTimestamp, now: now),
            info.kubeletVersion,
            address(node, type: "InternalIP"),
            address(node, type: "ExternalIP"),
            info.osImage.isEmpty ? "<unknown>" : info.osImage,
            info.kernelVersion.isEmpty ? "<unknown>" : info.kernelVersion,
            info.containerRuntimeVersion.isEmpty ? "<unknown>" : info.containerRuntimeVersion,
        ]
        return ResourceTable.Row(cells: cells, labels: node.metadata.labels)
    }

    /// `Ready`, `NotReady`, `Unknown` (no Ready condition), plus `,SchedulingDisabled` when cordoned.
    public static func status(_ node: Node) -> String {
        var parts: [String] = []
        // Go keeps the last condition of each type.
        if let ready = node.status.conditions.last(where: { $0.type == "Ready" }) {
            parts.append(ready.status == "True" ? "Ready" : "NotReady")
        } else {
            parts.append("Unknown")
        }
        if node.spec.unschedulable { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    /// Roles from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted.
    public static func roles(_ node: Node) -> String {
        let list = roleList(node)
        return list.isEmpty ? "<none>" : list.joined(separator: ",")
    }

    public static func roleList(_ node: Node) -> [String] {
        var roles = Set<String>()
        let prefix = "node-role.kubernetes.io/"
        for (key, value) in node.metadata.labels {
            if key.hasPrefix(prefix) {
                let role = String(key.dropFirst(prefix.count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role" && !value.isEmpty {
                roles.insert(value)
            }
        }
        return roles.sorted()
    }

    private static func address(_ node: Node, type: String) -> String {
        node.status.addresses.first { $0.type == type }?.address ?? "<none>"
    }
}
