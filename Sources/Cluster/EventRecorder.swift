import Foundation
import KubeAPI

/// Records core/v1 Events about objects, aggregating repeats the way client-go's recorder does
/// (same object, type, reason, message and source → `count` goes up, `lastTimestamp` moves).
final class EventRecorder {
    private let store: ObjectStore<Event>
    private let clock: Clock
    /// Aggregation key → event key, so a repeat updates the existing event.
    private var seen: [String: ObjectKey] = [:]
    private var sequence: UInt64 = 0

    init(store: ObjectStore<Event>, clock: Clock) {
        self.store = store
        self.clock = clock
    }

    func record(
        kind: String, apiVersion: String, meta: ObjectMeta, fieldPath: String? = nil,
        type: String = "Normal", reason: String, message: String, component: String, host: String? = nil
    ) {
        let now = clock.now.truncatedToSeconds
        let aggregate = [meta.uid, fieldPath ?? "", type, reason, message, component, host ?? ""].joined(separator: "\u{1}")
        if let key = seen[aggregate], store.get(key) != nil {
            _ = try? store.update(key) {
                $0.count += 1
                $0.lastTimestamp = now
            }
            return
        }
        var e = Event()
        sequence += 1
        // Kubernetes names events <object>.<hex of the creation time in ns>; a sequence keeps ours unique.
        let nanos = UInt64(max(0, clock.now.timeIntervalSince1970) * 1_000_000_000) &+ sequence
        e.metadata.name = "\(meta.name).\(String(nanos, radix: 16))"
        e.metadata.namespace = meta.namespace ?? "default"
        var ref = ObjectReference()
        ref.kind = kind
        ref.namespace = meta.namespace
        ref.name = meta.name
        ref.uid = meta.uid
        ref.apiVersion = apiVersion
        ref.resourceVersion = meta.resourceVersion
        ref.fieldPath = fieldPath
        e.involvedObject = ref
        e.type = type
        e.reason = reason
        e.message = message
        e.source = EventSource(component: component, host: host)
        e.reportingComponent = component
        e.reportingInstance = host ?? ""
        e.firstTimestamp = now
        e.lastTimestamp = now
        e.count = 1
        if let created = try? store.create(e) { seen[aggregate] = created.key }
    }
}
