import Foundation
import KubeAPI

/// Runs StatefulSet pods with stable names `<sts>-0`, `<sts>-1`, … (Kubernetes' StatefulSet controller).
/// OrderedReady creates the next ordinal only when every lower one is Running and Ready, removes from
/// the highest ordinal down one at a time, and re-creates a deleted pod under the same name once the
/// old one is gone. RollingUpdate replaces outdated pods from the highest ordinal down, one at a time.
final class StatefulSetController {
    static let component = "statefulset-controller"
    static let podNameLabel = "statefulset.kubernetes.io/pod-name"
    static let podIndexLabel = "apps.kubernetes.io/pod-index"
    static let revisionLabel = "controller-revision-hash"
    private unowned let cluster: Cluster
    private var work: WorkQueue<ObjectKey>?

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<ObjectKey>(queue: cluster.queue) { [weak self] in self?.sync($0) }
        self.work = work
        cluster.statefulSets.watch { work.add($0.object.key) }
        cluster.podIndex.watch { pod, _ in
            guard let ref = pod.metadata.controllerRef, ref.kind == StatefulSet.kind else { return }
            work.add(ObjectKey(namespace: pod.metadata.namespace ?? "", name: ref.name))
        }
    }

    /// `web-3` → 3 for a set named `web`; nil for a name that is not one of its ordinals.
    static func ordinal(of pod: Pod, in set: String) -> Int? {
        let name = pod.metadata.name
        guard name.hasPrefix(set + "-") else { return nil }
        return Int(name.dropFirst(set.count + 1)).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `<sts>-<hash of the template>`, the value of controller-revision-hash.
    static func revision(_ sts: StatefulSet) -> String { "\(sts.metadata.name)-\(podTemplateHash(sts.spec.template))" }

    private static func runningAndReady(_ pod: Pod) -> Bool { pod.status.phase == "Running" && ControllerSupport.isReady(pod) }

    // MARK: Sync

    func sync(_ key: ObjectKey) {
        guard let sts = cluster.statefulSets.get(key), let selector = ControllerSupport.usable(sts.spec.selector) else { return }
        let name = sts.metadata.name
        var byOrdinal: [Int: Pod] = [:]
        for pod in cluster.podIndex.pods(controlledBy: sts.metadata.uid) where selector.matches(pod.metadata.labels) {
            if let i = StatefulSetController.ordinal(of: pod, in: name) { byOrdinal[i] = pod }
        }
        if sts.metadata.deletionTimestamp == nil { manage(sts, byOrdinal) }
        writeStatus(sts)
    }

    private func manage(_ sts: StatefulSet, _ byOrdinal: [Int: Pod]) {
        let ordered = sts.spec.podManagementPolicy != "Parallel"
        let revision = StatefulSetController.revision(sts)
        // Failed pods are deleted; their replacements come when they are gone.
        for pod in byOrdinal.values where pod.status.phase == "Failed" && pod.metadata.deletionTimestamp == nil {
            delete(pod, of: sts)
            if ordered { return }
        }
        for i in 0..<max(0, sts.spec.replicas) {
            guard let pod = byOrdinal[i] else {
                create(sts, ordinal: i, revision: revision)
                if ordered { return }
                continue
            }
            if ordered && !(StatefulSetController.runningAndReady(pod) && pod.metadata.deletionTimestamp == nil) { return }
        }
        let condemned = byOrdinal.filter { $0.key >= sts.spec.replicas }.sorted { $0.key > $1.key }
        for (_, pod) in condemned {
            if pod.metadata.deletionTimestamp != nil {
                if ordered { return }
                continue
            }
            delete(pod, of: sts)
            if ordered { return }
        }
        guard sts.spec.updateStrategy.type == "RollingUpdate" else { return }
        let partition = sts.spec.updateStrategy.rollingUpdate?.partition ?? 0
        for i in stride(from: sts.spec.replicas - 1, through: max(0, partition), by: -1) {
            guard let pod = byOrdinal[i] else { return }
            if pod.metadata.labels[StatefulSetController.revisionLabel] != revision {
                if pod.metadata.deletionTimestamp == nil { delete(pod, of: sts) }
                return
            }
            if !StatefulSetController.runningAndReady(pod) { return }
        }
    }

    private func create(_ sts: StatefulSet, ordinal: Int, revision: String) {
        let name = "\(sts.metadata.name)-\(ordinal)"
        var pod = ControllerSupport.pod(from: sts.spec.template, namespace: sts.metadata.namespace ?? "default",
                                        owner: ControllerSupport.ownerReference(to: sts))
        pod.metadata.name = name
        pod.metadata.labels[StatefulSetController.revisionLabel] = revision
        pod.metadata.labels[StatefulSetController.podNameLabel] = name
        pod.metadata.labels[StatefulSetController.podIndexLabel] = String(ordinal)
        pod.spec.hostname = name
        do {
            try cluster.createPod(pod)
            event(sts, reason: "SuccessfulCreate", message: "create Pod \(name) in StatefulSet \(sts.metadata.name) successful")
        } catch StoreError.alreadyExists {
            // The previous pod of this name (someone else's) is still there; try again when it changes.
        } catch {
            event(sts, type: "Warning", reason: "FailedCreate",
                  message: "create Pod \(name) in StatefulSet \(sts.metadata.name) failed error: \(error)")
        }
    }

    private func delete(_ pod: Pod, of sts: StatefulSet) {
        do {
            try cluster.deletePod(pod.key)
            event(sts, reason: "SuccessfulDelete", message: "delete Pod \(pod.metadata.name) in StatefulSet \(sts.metadata.name) successful")
        } catch {
            event(sts, type: "Warning", reason: "FailedDelete",
                  message: "delete Pod \(pod.metadata.name) in StatefulSet \(sts.metadata.name) failed error: \(error)")
        }
    }

    private func writeStatus(_ sts: StatefulSet) {
        let now = cluster.clock.now
        let revision = StatefulSetController.revision(sts)
        let pods = cluster.podIndex.pods(controlledBy: sts.metadata.uid).filter {
            StatefulSetController.ordinal(of: $0, in: sts.metadata.name) != nil
        }
        var s = sts.status
        let counted = pods.filter { $0.metadata.deletionTimestamp == nil }
        s.observedGeneration = sts.metadata.generation ?? 0
        s.replicas = counted.count
        s.readyReplicas = counted.filter(ControllerSupport.isReady).count
        s.availableReplicas = counted.filter { ControllerSupport.isAvailable($0, minReadySeconds: sts.spec.minReadySeconds, now: now) }.count
        s.updateRevision = revision
        if s.currentRevision.isEmpty { s.currentRevision = revision }
        s.updatedReplicas = counted.filter { $0.metadata.labels[StatefulSetController.revisionLabel] == revision }.count
        // Once every wanted pod runs the update revision, it becomes the current one.
        if s.updatedReplicas == sts.spec.replicas && s.readyReplicas == sts.spec.replicas { s.currentRevision = revision }
        s.currentReplicas = counted.filter { $0.metadata.labels[StatefulSetController.revisionLabel] == s.currentRevision }.count
        if s != sts.status { _ = try? cluster.statefulSets.update(sts.key) { $0.status = s } }
    }

    private func event(_ sts: StatefulSet, type: String = "Normal", reason: String, message: String) {
        cluster.recorder.record(kind: StatefulSet.kind, apiVersion: StatefulSet.apiVersion, meta: sts.metadata, type: type,
                                reason: reason, message: message, component: StatefulSetController.component)
    }
}
