import Foundation
import KubeAPI

extension ObjectMeta {
    /// The owner reference with `controller: true`, if any (metav1.GetControllerOf).
    public var controllerRef: OwnerReference? { ownerReferences.first { $0.controller == true } }
}

/// Small helpers shared by the workload controllers (pkg/controller and podutil in Kubernetes).
enum ControllerSupport {
    /// The reference a controller puts on what it creates or adopts.
    static func ownerReference<T: StoredObject>(to owner: T) -> OwnerReference {
        OwnerReference(apiVersion: T.apiVersion, kind: T.kind, name: owner.metadata.name, uid: owner.metadata.uid,
                       controller: true, blockOwnerDeletion: true)
    }

    /// Not finished and not being deleted (controller.FilterActivePods).
    static func isActive(_ pod: Pod) -> Bool {
        pod.metadata.deletionTimestamp == nil && pod.status.phase != "Succeeded" && pod.status.phase != "Failed"
    }

    static func readyCondition(_ pod: Pod) -> PodCondition? {
        pod.status.conditions.first { $0.type == "Ready" }
    }

    static func isReady(_ pod: Pod) -> Bool { readyCondition(pod)?.status == "True" }

    /// Ready for at least `minReadySeconds` (podutil.IsPodAvailable).
    static func isAvailable(_ pod: Pod, minReadySeconds: Int, now: Date) -> Bool {
        guard let ready = readyCondition(pod), ready.status == "True" else { return false }
        if minReadySeconds == 0 { return true }
        guard let since = ready.lastTransitionTime else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) < now
    }

    /// When a ready pod becomes available, if it is not yet (for a requeue timer).
    static func becomesAvailable(_ pod: Pod, minReadySeconds: Int) -> Date? {
        guard minReadySeconds > 0, let ready = readyCondition(pod), ready.status == "True",
              let since = ready.lastTransitionTime else { return nil }
        return since.addingTimeInterval(TimeInterval(minReadySeconds))
    }

    /// A pod as a controller stamps it from its template: labels, annotations, finalizers and spec,
    /// owned by the controller.
    static func pod(from template: PodTemplateSpec, namespace: String, owner: OwnerReference) -> Pod {
        var pod = Pod()
        pod.metadata.namespace = namespace
        pod.metadata.labels = template.metadata.labels
        pod.metadata.annotations = template.metadata.annotations
        pod.metadata.finalizers = template.metadata.finalizers
        pod.metadata.ownerReferences = [owner]
        pod.spec = template.spec
        return pod
    }

    /// `template` with the `pod-template-hash` label removed, for comparing templates (EqualIgnoreHash).
    static func withoutHash(_ template: PodTemplateSpec) -> PodTemplateSpec {
        var t = template
        t.metadata.labels["pod-template-hash"] = nil
        return t
    }

    /// Every `labels` pair of the template is on the pod (fullyLabeledReplicas).
    static func hasAllLabels(_ pod: Pod, of template: PodTemplateSpec) -> Bool {
        template.metadata.labels.allSatisfy { pod.metadata.labels[$0.key] == $0.value }
    }

    /// A selector that selects something: nil and empty select nothing for a controller.
    static func usable(_ selector: LabelSelector?) -> LabelSelector? {
        guard let s = selector, !(s.matchLabels.isEmpty && s.matchExpressions.isEmpty) else { return nil }
        return s
    }
}

/// Hands out `<base><5 random chars>` names (the API server's generateName); injectable for tests.
final class NameGenerator {
    private var random: any NameRandomness
    init(_ random: any NameRandomness = SystemNameRandomness()) { self.random = random }

    func name(base: String) -> String {
        var r = random
        defer { random = r }
        return generateName(base: base, using: &r)
    }
}
