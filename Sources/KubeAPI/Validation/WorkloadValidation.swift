/// Validation of the apps/v1 kinds: selectors, their match with the template, strategies, counts.

/// ValidatePodTemplateSpecForReplicaSet (and its DaemonSet/StatefulSet twins): the selector must
/// select the template's labels, and the template must make pods that restart.
private func validateTemplate(_ template: PodTemplateSpec, selector: LabelSelector?, path: String) -> [FieldError] {
    var errs: [FieldError] = []
    // A nil selector selects nothing (so never matches); an empty one selects everything.
    let matches = selector.map { $0.matches(template.metadata.labels) } ?? false
    let isEmptySelector = selector.map { $0.matchLabels.isEmpty && $0.matchExpressions.isEmpty } ?? false
    if !isEmptySelector && !matches {
        errs.append(.invalid(
            "\(path).metadata.labels", .goSyntax(goMapSyntax(template.metadata.labels)), "`selector` does not match template `labels`"))
    }
    errs += validateLabels(template.metadata.labels, path: "\(path).metadata.labels")
    errs += validateAnnotations(template.metadata.annotations, path: "\(path).metadata.annotations")
    errs += validatePodSpec(template.spec, path: "\(path).spec")
    if template.spec.restartPolicy != "Always" && ["OnFailure", "Never"].contains(template.spec.restartPolicy) {
        errs.append(.notSupported("\(path).spec.restartPolicy", template.spec.restartPolicy, ["Always"]))
    }
    if let ads = template.spec.activeDeadlineSeconds {
        errs.append(.invalid("\(path).spec.activeDeadlineSeconds", Int(ads), "activeDeadlineSeconds in ReplicaSet is not Supported"))
    }
    return errs
}

private func validateSelector(_ selector: LabelSelector?, kindWord: String, path: String) -> [FieldError] {
    guard let selector else { return [.required(path)] }
    var errs = validateLabelSelector(selector, path: path)
    if selector.matchLabels.isEmpty && selector.matchExpressions.isEmpty {
        errs.append(.invalid(path, .goSyntax(goSelectorSyntax(selector)), "empty selector is invalid for \(kindWord)"))
    }
    return errs
}

/// Go's `%#v` of an IntOrString value (its String() has a pointer receiver, so fmt does not use it).
private func goIntOrString(_ v: IntOrString) -> String {
    switch v {
    case .int(let i): return "intstr.IntOrString{Type:0, IntVal:\(i), StrVal:\"\"}"
    case .string(let s): return "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(goQuoted(s))}"
    }
}

/// The number in "25%", or the int; invalid percents count as 0 as in Kubernetes.
private func intOrPercentValue(_ v: IntOrString) -> (value: Int, isPercent: Bool) {
    switch v {
    case .int(let i): return (i, false)
    case .string(let s):
        guard s.hasSuffix("%"), let n = Int(s.dropLast()), n >= 0 else { return (0, false) }
        return (n, true)
    }
}

private func validatePositiveIntOrPercent(_ v: IntOrString, _ path: String) -> [FieldError] {
    switch v {
    case .int(let i):
        return nonNegative(i, path)
    case .string(let s):
        let digits = s.dropLast()
        if s.hasSuffix("%") && !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return [] }
        return [.invalid(path, .goSyntax(goIntOrString(v)),
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
    }
}

func validateRollingUpdate(maxUnavailable: IntOrString, maxSurge: IntOrString, path: String) -> [FieldError] {
    var errs = validatePositiveIntOrPercent(maxUnavailable, "\(path).maxUnavailable")
    errs += validatePositiveIntOrPercent(maxSurge, "\(path).maxSurge")
    if intOrPercentValue(maxUnavailable).value == 0 && intOrPercentValue(maxSurge).value == 0 {
        errs.append(.invalid("\(path).maxUnavailable", .goSyntax(goIntOrString(maxUnavailable)), "may not be 0 when `maxSurge` is 0"))
    }
    let (value, isPercent) = intOrPercentValue(maxUnavailable)
    if isPercent && value > 100 {
        errs.append(.invalid("\(path).maxUnavailable", .goSyntax(goIntOrString(maxUnavailable)), "must not be greater than 100%"))
    }
    return errs
}

func validateDeployment(_ d: Deployment) -> [FieldError] {
    var errs = validateObjectMeta(d.metadata, namespaced: true, nameRule: nameIsDNSSubdomain)
    let spec = d.spec
    errs += nonNegative(spec.replicas, "spec.replicas")
    errs += validateSelector(spec.selector, kindWord: "deployment", path: "spec.selector")
    errs += validateTemplate(spec.template, selector: spec.selector, path: "spec.template")
    switch spec.strategy.type {
    case "Recreate":
        if spec.strategy.rollingUpdate != nil {
            errs.append(.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"))
        }
    case "RollingUpdate":
        if let ru = spec.strategy.rollingUpdate {
            errs += validateRollingUpdate(maxUnavailable: ru.maxUnavailable, maxSurge: ru.maxSurge, path: "spec.strategy.rollingUpdate")
        } else {
            errs.append(.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"))
        }
    default:
        errs.append(.notSupported("spec.strategy.type", spec.strategy.type, ["Recreate", "RollingUpdate"]))
    }
    errs += nonNegative(spec.minReadySeconds, "spec.minReadySeconds")
    errs += nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit")
    errs += nonNegative(spec.progressDeadlineSeconds, "spec.progressDeadlineSeconds")
    if spec.progressDeadlineSeconds <= spec.minReadySeconds {
        errs.append(.invalid("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds, "must be greater than minReadySeconds"))
    }
    return errs
}

func validateReplicaSet(_ r: ReplicaSet) -> [FieldError] {
    var errs = validateObjectMeta(r.metadata, namespaced: true, nameRule: nameIsDNSSubdomain)
    errs += nonNegative(r.spec.replicas, "spec.replicas")
    errs += nonNegative(r.spec.minReadySeconds, "spec.minReadySeconds")
    // The API server really says "deployment" here.
    errs += validateSelector(r.spec.selector, kindWord: "deployment", path: "spec.selector")
    errs += validateTemplate(r.spec.template, selector: r.spec.selector, path: "spec.template")
    return errs
}

func validateDaemonSet(_ d: DaemonSet) -> [FieldError] {
    var errs = validateObjectMeta(d.metadata, namespaced: true, nameRule: nameIsDNSSubdomain)
    errs += validateSelector(d.spec.selector, kindWord: "daemonset", path: "spec.selector")
    errs += validateTemplate(d.spec.template, selector: d.spec.selector, path: "spec.template")
    errs += nonNegative(d.spec.minReadySeconds, "spec.minReadySeconds")
    errs += nonNegative(d.spec.revisionHistoryLimit, "spec.revisionHistoryLimit")
    switch d.spec.updateStrategy.type {
    case "OnDelete": break
    case "RollingUpdate":
        if let ru = d.spec.updateStrategy.rollingUpdate {
            errs += validateRollingUpdate(maxUnavailable: ru.maxUnavailable, maxSurge: ru.maxSurge, path: "spec.updateStrategy.rollingUpdate")
        } else {
            errs.append(.required("spec.updateStrategy.rollingUpdate"))
        }
    default:
        errs.append(.notSupported("spec.updateStrategy.type", d.spec.updateStrategy.type, ["OnDelete", "RollingUpdate"]))
    }
    return errs
}

func validateStatefulSet(_ s: StatefulSet) -> [FieldError] {
    var errs = validateObjectMeta(s.metadata, namespaced: true, nameRule: nameIsDNSLabel)
    switch s.spec.podManagementPolicy {
    case "OrderedReady", "Parallel": break
    case "": errs.append(.required("spec.podManagementPolicy"))
    default: errs.append(.invalid("spec.podManagementPolicy", s.spec.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'"))
    }
    switch s.spec.updateStrategy.type {
    case "OnDelete":
        if s.spec.updateStrategy.rollingUpdate != nil {
            errs.append(.invalid("spec.updateStrategy.rollingUpdate", .goSyntax("&apps.RollingUpdateStatefulSetStrategy{}"),
                "only allowed for updateStrategy 'RollingUpdate'"))
        }
    case "RollingUpdate":
        if let ru = s.spec.updateStrategy.rollingUpdate { errs += nonNegative(ru.partition, "spec.updateStrategy.rollingUpdate.partition") }
    case "": errs.append(.required("spec.updateStrategy"))
    default:
        errs.append(.invalid("spec.updateStrategy", s.spec.updateStrategy.type, "must be 'RollingUpdate' or 'OnDelete'"))
    }
    errs += nonNegative(s.spec.replicas, "spec.replicas")
    errs += nonNegative(s.spec.minReadySeconds, "spec.minReadySeconds")
    errs += validateSelector(s.spec.selector, kindWord: "statefulset", path: "spec.selector")
    errs += validateTemplate(s.spec.template, selector: s.spec.selector, path: "spec.template")
    return errs
}
