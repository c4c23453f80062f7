import Foundation
import KubeAPI

/// `kubectl get events` rows (printers.go printEvent). kubectl prints events in the order the
/// server lists them (no sorting); `kubectl events` (a different command) sorts by time.
public enum EventTable {
    public static let columns: [ResourceTable.Column] = [
        .init("Last Seen"), .init("Type"), .init("Reason"), .init("Object"),
        .init("Subobject", wideOnly: true), .init("Source", wideOnly: true),
        .init("Message"),
        .init("First Seen", wideOnly: true), .init("Count", wideOnly: true), .init("Name", wideOnly: true),
    ]

    public static func table(_ events: [Event], now: Date) -> ResourceTable {
        ResourceTable(columns: columns, rows: events.map { row($0, now: now) })
    }

    public static func row(_ event: Event, now: Date) -> ResourceTable.Row {
        let first = HumanDuration.since(event.firstTimestamp, now: now)
        let last = event.lastTimestamp == nil ? first : HumanDuration.since(event.lastTimestamp, now: now)
        let kind = event.involvedObject.kind.lowercased()
        let target = event.involvedObject.name.isEmpty ? kind : "\(kind)/\(event.involvedObject.name)"
        let cells = [
            last,
            event.type,
            event.reason,
            target,
            event.involvedObject.fieldPath ?? "",
            source(event),
            event.message.trimmingCharacters(in: .whitespacesAndNewlines),
            first,
            String(event.count == 0 ? 1 : event.count),
            event.metadata.name,
        ]
        return ResourceTable.Row(cells: cells, namespace: event.metadata.namespace ?? "", labels: event.metadata.labels)
    }

    /// printers.go formatEventSource: `component, host`, falling back to the reporting fields.
    public static func source(_ event: Event) -> String {
        let component = firstNonEmpty(event.source.component, event.reportingComponent)
        let host = firstNonEmpty(event.source.host, event.reportingInstance)
        return host.isEmpty ? component : "\(component), \(host)"
    }

    private static func firstNonEmpty(_ a: String?, _ b: String) -> String {
        if let a, !a.isEmpty { return a }
        return b
    }
}
