import Foundation
import KubeAPI

/// What controllers need to count a pod, taken once per pod change instead of once per sync.
struct PodSummary: Equatable {
    let key: ObjectKey
    let labels: [String: String]
    /// No deletionTimestamp and not Succeeded/Failed (controller.FilterActivePods).
    let active: Bool
    let ready: Bool
    /// When the Ready condition last turned True (for minReadySeconds).
    let readySince: Date?

    init(_ pod: Pod) {
        key = pod.key
        labels = pod.metadata.labels
        active = ControllerSupport.isActive(pod)
        let condition = ControllerSupport.readyCondition(pod)
        ready = condition?.status == "True"
        readySince = ready ? condition?.lastTransitionTime : nil
    }

    /// podutil.IsPodAvailable on the summary.
    func available(minReadySeconds: Int, now: Date) -> Bool {
        guard ready else { return false }
        if minReadySeconds == 0 { return true }
        guard let since = readySince else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) < now
    }
}

/// Pods indexed by controller UID (with summaries), orphans per namespace and pod counts per node,
/// kept current by a pods watcher, so controllers and the scheduler never walk every pod on each event.
/// Controllers watch the index rather than the store: it tells them only of changes that can move
/// their counts (a pod added or removed, its controller, labels, activity or readiness changed),
/// not of every status write of the kubelet.
final class PodIndex {
    typealias Watcher = (_ pod: Pod, _ removed: Bool) -> Void
    private var watchers: [Watcher] = []
    private let store: ObjectStore<Pod>
    private struct Entry {
        var controller: String?
        var node: String?
        var labels: [String: String]
        /// What the pod holds of its node's allocatable (nothing once it finished).
        var requests: NodeRequests
        /// For orphans (no summary kept): whether it was active, so adoption sees deletions.
        var orphanActive: Bool? = nil
    }
    private var entries: [ObjectKey: Entry] = [:]
    private var byController: [String: [ObjectKey: PodSummary]] = [:]
    private var orphansByNamespace: [String: Set<ObjectKey>] = [:]
    private var countByNode: [String: Int] = [:]
    private var requestsByNode: [String: NodeRequests] = [:]

    init(store: ObjectStore<Pod>) {
        self.store = store
        store.watch { [weak self] in self?.apply($0) }
    }

    /// Pods whose controller ownerReference has this UID (terminating ones included).
    func pods(controlledBy uid: String) -> [Pod] {
        (byController[uid] ?? [:]).keys.compactMap { store.get($0) }
    }

    /// The same pods as summaries: cheap enough to walk on every sync.
    func summaries(controlledBy uid: String) -> Dictionary<ObjectKey, PodSummary>.Values {
        (byController[uid] ?? [:]).values
    }

    /// Pods with no controller in `namespace`, candidates for adoption.
    func orphans(in namespace: String) -> [Pod] {
        (orphansByNamespace[namespace] ?? []).compactMap { store.get($0) }
    }

    /// Every pod in the store (terminating and finished ones included): what the cluster holds now.
    var liveCount: Int { entries.count }

    /// Pods bound to `node`, in any phase (they hold a slot until removed).
    func podCount(onNode node: String) -> Int { countByNode[node] ?? 0 }

    /// The requests of the unfinished pods bound to `node` (NodeResourcesFit's "requested").
    func requests(onNode node: String) -> NodeRequests { requestsByNode[node] ?? NodeRequests() }

    /// Registers a watcher for material pod changes (runs synchronously: only enqueue work in it).
    func watch(_ watcher: @escaping Watcher) { watchers.append(watcher) }

    private func apply(_ event: WatchEvent<Pod>) {
        let pod = event.object
        let key = pod.key
        let old = entries.removeValue(forKey: key)
        let oldSummary = old?.controller.flatMap { byController[$0]?[key] }
        if let old { forget(key, old) }
        if case .deleted = event {
            for w in watchers { w(pod, true) }
            return
        }
        let finished = pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
        let entry = Entry(controller: pod.metadata.controllerRef?.uid, node: pod.spec.nodeName, labels: pod.metadata.labels,
                          requests: finished ? NodeRequests() : NodeRequests(PodResources(pod.spec)))
        entries[key] = entry
        var summary: PodSummary?
        if let uid = entry.controller {
            let s = PodSummary(pod)
            byController[uid, default: [:]][key] = s
            summary = s
        } else {
            orphansByNamespace[key.namespace, default: []].insert(key)
        }
        if let node = entry.node {
            countByNode[node, default: 0] += 1
            requestsByNode[node, default: NodeRequests()].add(entry.requests)
        }
        let material = old == nil || old?.controller != entry.controller || old?.labels != entry.labels
            || (summary != nil && summary != oldSummary) || (summary == nil && ControllerSupport.isActive(pod) != old?.orphanActive)
        if summary == nil { entries[key]?.orphanActive = ControllerSupport.isActive(pod) }
        if material { for w in watchers { w(pod, false) } }
    }

    private func forget(_ key: ObjectKey, _ entry: Entry) {
        if let uid = entry.controller {
            byController[uid]?[key] = nil
            if byController[uid]?.isEmpty == true { byController[uid] = nil }
        } else {
            orphansByNamespace[key.namespace]?.remove(key)
        }
        if let node = entry.node {
            countByNode[node, default: 1] -= 1
            requestsByNode[node, default: NodeRequests()].subtract(entry.requests)
        }
    }
}

/// Summed cpu and memory requests and limits.
struct NodeRequests: Equatable {
    var cpuMilli: Int64 = 0
    var memoryBytes: Int64 = 0
    var cpuLimitMilli: Int64 = 0
    var memoryLimitBytes: Int64 = 0
    init() {}
    init(_ r: PodResources) {
        cpuMilli = r.cpuRequestMilli
        memoryBytes = r.memoryRequestBytes
        cpuLimitMilli = r.cpuLimitMilli
        memoryLimitBytes = r.memoryLimitBytes
    }
    mutating func add(_ o: NodeRequests) {
        cpuMilli &+= o.cpuMilli
        memoryBytes &+= o.memoryBytes
        cpuLimitMilli &+= o.cpuLimitMilli
        memoryLimitBytes &+= o.memoryLimitBytes
    }
    mutating func subtract(_ o: NodeRequests) {
        cpuMilli &-= o.cpuMilli
        memoryBytes &-= o.memoryBytes
        cpuLimitMilli &-= o.cpuLimitMilli
        memoryLimitBytes &-= o.memoryLimitBytes
    }
}
