import KubeAPI
import Cluster

extension ResourceDefinition {
    /// core/v1 events, written by the cluster's components.
    static let events = typed(
        .event, subresources: [],
        store: { $0.events }, wrap: APIObject.event, unwrap: { if case .event(let e) = $0 { return e } else { return nil } },
        status: nil as WritableKeyPath<Event, String>?, blankStatus: "",
        table: EventTable.table,
        fields: [
            "involvedObject.kind": { $0.involvedObject.kind },
            "involvedObject.namespace": { $0.involvedObject.namespace ?? "" },
            "involvedObject.name": { $0.involvedObject.name },
            "involvedObject.uid": { $0.involvedObject.uid ?? "" },
            "involvedObject.apiVersion": { $0.involvedObject.apiVersion ?? "" },
            "involvedObject.resourceVersion": { $0.involvedObject.resourceVersion ?? "" },
            "involvedObject.fieldPath": { $0.involvedObject.fieldPath ?? "" },
            "reason": { $0.reason },
            "reportingComponent": { $0.reportingComponent },
            "source": { $0.source.component ?? "" },
            "type": { $0.type },
        ])
}
