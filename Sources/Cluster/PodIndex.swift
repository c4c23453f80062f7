import KubeAPI

/// Pods indexed by controller UID, orphans per namespace and pod counts per node, kept current by a
/// pods watcher, so controllers and the scheduler never walk every pod on each event.
final class PodIndex {
    private let store: ObjectStore<Pod>
    private struct Entry {
        var controller: String?
        var node: String?
    }
    private var entries: [ObjectKey: Entry] = [:]
    private var byController: [String: Set<ObjectKey>] = [:]
    private var orphansByNamespace: [String: Set<ObjectKey>] = [:]
    private var countByNode: [String: Int] = [:]

    init(store: ObjectStore<Pod>) {
        self.store = store
        store.watch { [unowned self] in self.apply($0) }
    }

    /// Pods whose controller ownerReference has this UID (terminating ones included).
    func pods(controlledBy uid: String) -> [Pod] {
        (byController[uid] ?? []).compactMap { store.get($0) }
    }

    func countControlled(by uid: String) -> Int { byController[uid]?.count ?? 0 }

    /// Pods with no controller in `namespace`, candidates for adoption.
    func orphans(in namespace: String) -> [Pod] {
        (orphansByNamespace[namespace] ?? []).compactMap { store.get($0) }
    }

    /// Pods bound to `node`, in any phase (they hold a slot until removed).
    func podCount(onNode node: String) -> Int { countByNode[node] ?? 0 }

    private func apply(_ event: WatchEvent<Pod>) {
        let pod = event.object
        let key = pod.key
        if let old = entries.removeValue(forKey: key) { forget(key, old) }
        if case .deleted = event { return }
        let entry = Entry(controller: pod.metadata.controllerRef?.uid, node: pod.spec.nodeName)
        entries[key] = entry
        if let uid = entry.controller {
            byController[uid, default: []].insert(key)
        } else {
            orphansByNamespace[key.namespace, default: []].insert(key)
        }
        if let node = entry.node { countByNode[node, default: 0] += 1 }
    }

    private func forget(_ key: ObjectKey, _ entry: Entry) {
        if let uid = entry.controller {
            byController[uid]?.remove(key)
            if byController[uid]?.isEmpty == true { byController[uid] = nil }
        } else {
            orphansByNamespace[key.namespace]?.remove(key)
        }
        if let node = entry.node { countByNode[node, default: 1] -= 1 }
    }
}
