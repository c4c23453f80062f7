import Foundation
import KubeAPI
import Runtime

/// downwardAPI volumes as the kubelet fills them (pkg/fieldpath, pkg/kubelet/volume downwardapi):
/// written before the pod's containers start and written again, atomically, when what they show
/// changes (a `kubectl label`), so a running container sees the new labels.
extension Kubelet {
    /// Writes each downwardAPI volume whose files changed. False (with a FailedMount event) when a
    /// volume could not be written: the containers then wait, as for a volume not yet mounted.
    func refreshProjectedVolumes(_ pod: Pod, _ run: PodRun) -> Bool {
        guard let sandbox = run.sandbox else { return false }
        // Every sync passes here: pods without such volumes (nearly all) cost nothing more.
        guard pod.spec.volumes.contains(where: { $0.downwardAPI != nil }) else { return true }
        let allocatable = cluster.nodes.get(ObjectKey(namespace: "", name: nodeName))?.status.allocatable ?? [:]
        for volume in pod.spec.volumes {
            guard let source = volume.downwardAPI else { continue }
            let files = Self.downwardAPIFiles(source, pod: pod, allocatable: allocatable)
            if run.projected[volume.name] == files { continue }
            do {
                try cluster.runtime.writeVolumeFiles(in: sandbox, volume: volume.name, files: files)
                run.projected[volume.name] = files
            } catch {
                event(pod, type: "Warning", reason: "FailedMount",
                      message: "MountVolume.SetUp failed for volume \"\(volume.name)\" : \(Kubelet.startErrorMessage(error))")
                return false
            }
        }
        return true
    }

    static func downwardAPIFiles(_ source: DownwardAPIVolumeSource, pod: Pod, allocatable: [String: String]) -> [ProjectedFile] {
        source.items.map { item in
            let mode = Int(item.mode ?? source.defaultMode ?? 0o644)
            var text = ""
            if let field = item.fieldRef {
                text = fieldValue(field.fieldPath, of: pod)
            } else if let ref = item.resourceFieldRef {
                text = resourceValue(ref, of: pod, allocatable: allocatable)
            }
            return ProjectedFile(path: item.path, mode: mode, text: text)
        }
    }

    /// ExtractFieldPathAsString for the fields a volume may show.
    static func fieldValue(_ fieldPath: String, of pod: Pod) -> String {
        func subscripted(_ prefix: String, _ map: [String: String]) -> String? {
            guard fieldPath.hasPrefix(prefix + "['"), fieldPath.hasSuffix("']") else { return nil }
            let key = String(fieldPath.dropFirst(prefix.count + 2).dropLast(2))
            return map[key] ?? ""
        }
        if let v = subscripted("metadata.labels", pod.metadata.labels) { return v }
        if let v = subscripted("metadata.annotations", pod.metadata.annotations) { return v }
        switch fieldPath {
        case "metadata.labels": return formatMap(pod.metadata.labels)
        case "metadata.annotations": return formatMap(pod.metadata.annotations)
        case "metadata.name": return pod.metadata.name
        case "metadata.namespace": return pod.metadata.namespace ?? "default"
        case "metadata.uid": return pod.metadata.uid
        default: return ""
        }
    }

    /// ExtractContainerResourceValue: rounded up to whole divisors; an unset limit is the node's allocatable.
    static func resourceValue(_ ref: ResourceFieldSelector, of pod: Pod, allocatable: [String: String]) -> String {
        guard let container = pod.spec.container(named: ref.containerName ?? "") else { return "" }
        let parts = ref.resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "" }
        let list = parts[0] == "limits" ? container.resources.limits : container.resources.requests
        var quantity = list[parts[1]]
        if quantity == nil, parts[0] == "limits" { quantity = allocatable[parts[1]] }
        let divisor = ref.divisor ?? "0"
        if parts[1] == "cpu" {
            let milli = quantity.flatMap(Quantity.millicores) ?? 0
            let perDivisor = Quantity.millicores(divisor) ?? 0
            let per = perDivisor > 0 ? perDivisor : 1000
            return String((milli + per - 1) / per)
        }
        let bytes = quantity.flatMap(Quantity.bytes) ?? 0
        let by = Quantity.bytes(divisor).flatMap { $0 > 0 ? $0 : nil } ?? 1
        return String((bytes + by - 1) / by)
    }

    /// fieldpath.FormatMap: `key="value"` lines in key order, Go-quoted, no final newline.
    static func formatMap(_ map: [String: String]) -> String {
        map.keys.sorted().map { "\($0)=\(goQuoted(map[$0] ?? ""))" }.joined(separator: "\n")
    }
}
