/// What an update (apply/replace/edit) may change on an existing object. `new` is the whole object
/// after the patch is applied, defaulted; server-set fields (nodeName, status) must be carried over
/// from `old` by the caller, as a real patch keeps them.
public func validateUpdate(old: APIObject, new: APIObject) -> [FieldError] {
    var errs = validate(new)
    switch (old, new) {
    case (.pod(let o), .pod(let n)): errs += validatePodUpdate(old: o, new: n)
    case (.deployment(let o), .deployment(let n)): errs += immutableSelector(o.spec.selector, n.spec.selector)
    case (.replicaSet(let o), .replicaSet(let n)): errs += immutableSelector(o.spec.selector, n.spec.selector)
    case (.daemonSet(let o), .daemonSet(let n)): errs += immutableSelector(o.spec.selector, n.spec.selector)
    case (.statefulSet(let o), .statefulSet(let n)): errs += immutableSelector(o.spec.selector, n.spec.selector)
    default: break
    }
    return errs
}

/// apps/v1 selectors never change after creation.
private func immutableSelector(_ old: LabelSelector?, _ new: LabelSelector?) -> [FieldError] {
    guard old != new else { return [] }
    let value = new.map { goSelectorSyntax($0) } ?? "nil"
    return [.invalid("spec.selector", .goSyntax(value), "field is immutable")]
}

public let podUpdateForbiddenMessage =
    "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
    + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
    + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

/// ValidatePodUpdate: images, activeDeadlineSeconds, added tolerations, labels and annotations may change;
/// anything else in the spec is Forbidden. (Kubernetes appends a Go diff of the spec; kubetutor does not.)
func validatePodUpdate(old: Pod, new: Pod) -> [FieldError] {
    var errs: [FieldError] = []
    if let oldDeadline = old.spec.activeDeadlineSeconds {
        if let newDeadline = new.spec.activeDeadlineSeconds {
            if newDeadline > oldDeadline {
                errs.append(.invalid("spec.activeDeadlineSeconds", Int(newDeadline), "must be less than or equal to previous value"))
            }
        } else {
            errs.append(.invalid("spec.activeDeadlineSeconds", .goSyntax("nil"), "must not update from a positive integer to nil value"))
        }
    }
    let missing = old.spec.tolerations.filter { !new.spec.tolerations.contains($0) }
    if !missing.isEmpty {
        errs.append(.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"))
    }
    // Mask what may change, then anything still different is forbidden.
    var munged = new.spec
    if munged.containers.count == old.spec.containers.count {
        for i in munged.containers.indices { munged.containers[i].image = old.spec.containers[i].image }
    }
    munged.activeDeadlineSeconds = old.spec.activeDeadlineSeconds
    munged.tolerations = old.spec.tolerations
    if old.spec.terminationGracePeriodSeconds < 0 && new.spec.terminationGracePeriodSeconds == 1 {
        munged.terminationGracePeriodSeconds = old.spec.terminationGracePeriodSeconds
    }
    if munged != old.spec {
        errs.append(.forbidden("spec", podUpdateForbiddenMessage))
    }
    return errs
}
