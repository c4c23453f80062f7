import Foundation
import KubeAPI

/// Runs one pod of each DaemonSet on every node the pod may run on (Kubernetes' DaemonSet controller):
/// taints it does not tolerate and a non-matching nodeSelector keep it off a node. Pods are created
/// bound to their node (`spec.nodeName`), named `<ds>-<5 chars>`, and replaced one node at a time
/// (maxUnavailable) when the template changes under RollingUpdate.
final class DaemonSetController {
    static let component = "daemonset-controller"
    static let revisionLabel = "controller-revision-hash"
    private unowned let cluster: Cluster
    private var work: WorkQueue<ObjectKey>?

    init(cluster: Cluster) { self.cluster = cluster }

    func start() {
        let work = WorkQueue<ObjectKey>(queue: cluster.queue) { [weak self] in self?.sync($0) }
        self.work = work
        cluster.daemonSets.watch { work.add($0.object.key) }
        cluster.podIndex.watch { pod, _ in
            guard let ref = pod.metadata.controllerRef, ref.kind == DaemonSet.kind else { return }
            work.add(ObjectKey(namespace: pod.metadata.namespace ?? "", name: ref.name))
        }
        cluster.nodes.watch { [weak self] _ in
            for ds in self?.cluster.daemonSets.list() ?? [] { work.add(ds.key) }
        }
    }

    /// The tolerations the DaemonSet controller adds to its pods (AddOrUpdateDaemonPodTolerations).
    static func defaultTolerations(hostNetwork: Bool = false) -> [Toleration] {
        var list: [(String, String)] = [
            ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
            ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
            ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        ]
        if hostNetwork { list.append(("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return list.map { key, effect in
            var t = Toleration()
            t.key = key
            t.operator = "Exists"
            t.effect = effect
            return t
        }
    }

    static func withDefaultTolerations(_ spec: PodSpec) -> PodSpec {
        var s = spec
        for t in defaultTolerations() where !s.tolerations.contains(where: { $0.key == t.key && $0.effect == t.effect }) {
            s.tolerations.append(t)
        }
        return s
    }

    /// Whether a daemon pod with this spec belongs on `node` (taints with NoSchedule/NoExecute, nodeSelector).
    static func shouldRun(_ spec: PodSpec, on node: Node) -> Bool {
        for taint in node.spec.taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !spec.tolerations.contains(where: { Scheduler.tolerates($0, taint) }) { return false }
        }
        return spec.nodeSelector.allSatisfy { node.metadata.labels[$0.key] == $0.value }
    }

    // MARK: Sync

    func sync(_ key: ObjectKey) {
        guard let ds = cluster.daemonSets.get(key), let selector = ControllerSupport.usable(ds.spec.selector) else { return }
        let spec = DaemonSetController.withDefaultTolerations(ds.spec.template.spec)
        let hash = podTemplateHash(ds.spec.template)
        var byNode: [String: [Pod]] = [:]
        for pod in cluster.podIndex.pods(controlledBy: ds.metadata.uid) where selector.matches(pod.metadata.labels) {
            byNode[pod.spec.nodeName ?? "", default: []].append(pod)
        }
        let deleting = ds.metadata.deletionTimestamp != nil
        var unavailable = 0, desired = 0
        var outdated: [Pod] = []
        for node in cluster.nodes.list() {
            let name = node.metadata.name
            var pods = (byNode.removeValue(forKey: name) ?? []).sorted { ($0.metadata.creationTimestamp ?? .distantPast) < ($1.metadata.creationTimestamp ?? .distantPast) }
            // Failed pods are deleted and replaced.
            for pod in pods where pod.status.phase == "Failed" && pod.metadata.deletionTimestamp == nil && !deleting {
                delete(pod, of: ds)
            }
            pods.removeAll { $0.status.phase == "Failed" }
            guard !deleting else { continue }
            if DaemonSetController.shouldRun(spec, on: node) {
                desired += 1
                let live = pods.filter { $0.metadata.deletionTimestamp == nil }
                if live.isEmpty, pods.isEmpty {
                    create(ds, spec: spec, hash: hash, on: name)
                    unavailable += 1
                } else if live.isEmpty {
                    unavailable += 1
                } else {
                    for extra in live.dropFirst() { delete(extra, of: ds) }
                    let pod = live[0]
                    if !ControllerSupport.isAvailable(pod, minReadySeconds: ds.spec.minReadySeconds, now: cluster.clock.now) {
                        unavailable += 1
                    } else if pod.metadata.labels[DaemonSetController.revisionLabel] != hash {
                        outdated.append(pod)
                    }
                }
            } else {
                for pod in pods where pod.metadata.deletionTimestamp == nil { delete(pod, of: ds) }
            }
        }
        // Pods on nodes that no longer exist.
        if !deleting { for pod in byNode.values.joined() where pod.metadata.deletionTimestamp == nil { delete(pod, of: ds) } }
        if !deleting, ds.spec.updateStrategy.type == "RollingUpdate" {
            let maxUnavailable = max(1, DeploymentMath.scaled(ds.spec.updateStrategy.rollingUpdate?.maxUnavailable ?? .int(1),
                                                             total: desired, roundUp: true))
            for pod in outdated.prefix(max(0, maxUnavailable - unavailable)) { delete(pod, of: ds) }
        }
        writeStatus(ds, spec: spec, hash: hash)
    }

    private func create(_ ds: DaemonSet, spec: PodSpec, hash: String, on node: String) {
        var template = ds.spec.template
        template.spec = spec
        template.spec.nodeName = node
        template.metadata.labels[DaemonSetController.revisionLabel] = hash
        template.metadata.labels["pod-template-generation"] = String(ds.metadata.generation ?? 1)
        let pod = ControllerSupport.pod(from: template, namespace: ds.metadata.namespace ?? "default",
                                        owner: ControllerSupport.ownerReference(to: ds))
        do {
            let created = try cluster.createPod(pod, generateName: ds.metadata.name + "-")
            event(ds, reason: "SuccessfulCreate", message: "Created pod: \(created.metadata.name)")
        } catch {
            event(ds, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error)")
        }
    }

    private func delete(_ pod: Pod, of ds: DaemonSet) {
        do {
            try cluster.deletePod(pod.key)
            event(ds, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.metadata.name)")
        } catch {
            event(ds, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(error)")
        }
    }

    private func writeStatus(_ ds: DaemonSet, spec: PodSpec, hash: String) {
        let now = cluster.clock.now
        var byNode: [String: Pod] = [:]
        for pod in cluster.podIndex.pods(controlledBy: ds.metadata.uid)
        where ControllerSupport.isActive(pod) {
            if let node = pod.spec.nodeName, byNode[node] == nil { byNode[node] = pod }
        }
        var s = DaemonSetStatus()
        for node in cluster.nodes.list() {
            let should = DaemonSetController.shouldRun(spec, on: node)
            let pod = byNode[node.metadata.name]
            if should { s.desiredNumberScheduled += 1 }
            guard let pod else { continue }
            if !should {
                s.numberMisscheduled += 1
                continue
            }
            s.currentNumberScheduled += 1
            if ControllerSupport.isReady(pod) { s.numberReady += 1 }
            if ControllerSupport.isAvailable(pod, minReadySeconds: ds.spec.minReadySeconds, now: now) { s.numberAvailable += 1 }
            if pod.metadata.labels[DaemonSetController.revisionLabel] == hash { s.updatedNumberScheduled += 1 }
        }
        s.numberUnavailable = s.desiredNumberScheduled - s.numberAvailable
        s.observedGeneration = ds.metadata.generation ?? 0
        if s != ds.status { _ = try? cluster.daemonSets.update(ds.key) { $0.status = s } }
    }

    private func event(_ ds: DaemonSet, type: String = "Normal", reason: String, message: String) {
        cluster.recorder.record(kind: DaemonSet.kind, apiVersion: DaemonSet.apiVersion, meta: ds.metadata, type: type,
                                reason: reason, message: message, component: DaemonSetController.component)
    }
}
