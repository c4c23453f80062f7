import Foundation
import KubeAPI

/// Pieces describe.go shares between kinds: multi-line labels, annotations, tolerations, events.
enum DescribeSections {
    /// printLabelsMultiline: `Labels:  a=b` then one `key=value` per line under the first.
    static func labels(_ w: inout DescribeWriter, _ title: String, _ labels: [String: String]) {
        w.write(0, "\(title):\t")
        if labels.isEmpty {
            w.line("<none>")
            return
        }
        for (i, key) in labels.keys.sorted().enumerated() {
            if i != 0 { w.write(0, "\t") }
            w.write(0, "\(key)=\(labels[key] ?? "")\n")
        }
    }

    private static let maxAnnotationLength = 140

    /// printAnnotationsMultiline: `key: value`; long or multi-line values go on their own lines,
    /// each cut at 138 characters with `...`. The last-applied-configuration annotation is hidden.
    static func annotations(_ w: inout DescribeWriter, _ title: String, _ annotations: [String: String]) {
        w.write(0, "\(title):\t")
        let keys = annotations.keys.filter { $0 != "kubectl.kubernetes.io/last-applied-configuration" }.sorted()
        if keys.isEmpty {
            w.line("<none>")
            return
        }
        for (i, key) in keys.enumerated() {
            if i != 0 { w.write(0, "\t") }
            var value = annotations[key] ?? ""
            if value.hasSuffix("\n") { value.removeLast() }
            // Go measures bytes here.
            if value.utf8.count + key.utf8.count + 2 > maxAnnotationLength || value.contains("\n") {
                w.write(0, "\(key):\n")
                for part in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    w.write(0, "\t  \(shorten(String(part), maxAnnotationLength - 2))\n")
                }
            } else {
                w.write(0, "\(key): \(value)\n")
            }
        }
    }

    private static func shorten(_ text: String, _ maxBytes: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maxBytes else { return text }
        return String(decoding: bytes[..<maxBytes], as: UTF8.self) + "..."
    }

    /// printPodTolerationsMultiline: `key=value:Effect op=Exists for 300s`, sorted by key.
    static func tolerations(_ w: inout DescribeWriter, _ title: String, _ tolerations: [Toleration]) {
        w.write(0, "\(title):\t")
        if tolerations.isEmpty {
            w.line("<none>")
            return
        }
        let sorted = tolerations.enumerated().sorted {
            ($0.element.key ?? "", $0.offset) < ($1.element.key ?? "", $1.offset)
        }.map(\.element)
        for (i, toleration) in sorted.enumerated() {
            if i != 0 { w.write(0, "\t") }
            let key = toleration.key ?? ""
            let value = toleration.value ?? ""
            let effect = toleration.effect ?? ""
            var text = key
            if !value.isEmpty { text += "=\(value)" }
            if !effect.isEmpty { text += ":\(effect)" }
            if toleration.operator == "Exists" && value.isEmpty {
                text += (!key.isEmpty || !effect.isEmpty) ? " op=Exists" : "op=Exists"
            }
            if let seconds = toleration.tolerationSeconds { text += " for \(seconds)s" }
            w.write(0, text + "\n")
        }
    }

    /// DescribeEvents: `Events:  <none>`, or a table of its own sorted by last time seen, with
    /// `Age` as `5s` or `3m (x2 over 5m)` for repeated events.
    static func events(_ w: inout DescribeWriter, _ events: [Event], clock: DescribeClock) {
        if events.isEmpty {
            w.write(0, "Events:\t<none>\n")
            return
        }
        w.flush()
        let sorted = events.enumerated().sorted { a, b in
            let ta = a.element.lastTimestamp ?? .distantPast
            let tb = b.element.lastTimestamp ?? .distantPast
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)
        w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        w.write(1, "----\t------\t----\t----\t-------\n")
        for event in sorted {
            let first = clock.age(event.firstTimestamp)
            let interval = event.count > 1
                ? "\(clock.age(event.lastTimestamp)) (x\(event.count) over \(first))"
                : first
            let source = (event.source.component ?? "").isEmpty ? event.reportingComponent : (event.source.component ?? "")
            let message = event.message.trimmingCharacters(in: .whitespacesAndNewlines)
            w.write(1, "\(event.type)\t\(event.reason)\t\(interval)\t\(source)\t\(message)\n")
        }
    }

    /// printController: `ReplicaSet/web-5d8f9c7b6`.
    static func controller(_ meta: ObjectMeta) -> String? {
        guard let owner = meta.ownerReferences.first(where: { $0.controller == true }) else { return nil }
        return "\(owner.kind)/\(owner.name)"
    }
}
