import Foundation

/// ValidatePodSpec, in the API server's order: volumes, containers, restartPolicy, dnsPolicy,
/// nodeSelector, tolerations, activeDeadlineSeconds, hostname.
func validatePodSpec(_ spec: PodSpec, path: String) -> [FieldError] {
    var errs: [FieldError] = []
    var volumeNames = Set<String>()
    for (i, v) in spec.volumes.enumerated() {
        let p = "\(path).volumes[\(i)].name"
        if v.name.isEmpty {
            errs.append(.required(p))
        } else {
            errs += isDNS1123Label(v.name).map { .invalid(p, v.name, $0) }
            if volumeNames.contains(v.name) { errs.append(.duplicate(p, v.name)) }
        }
        volumeNames.insert(v.name)
        let vp = "\(path).volumes[\(i)]"
        let sources = [v.hostPath != nil ? "hostPath" : nil, v.emptyDir != nil ? "emptyDir" : nil,
                       v.downwardAPI != nil ? "downwardAPI" : nil].compactMap { $0 }
        if sources.count > 1 {
            errs.append(.forbidden("\(vp).\(sources[1])", "may not specify more than 1 volume type"))
        }
        if let d = v.downwardAPI { errs += validateDownwardAPIVolume(d, path: "\(vp).downwardAPI") }
        if let hostPath = v.hostPath {
            if hostPath.path.isEmpty { errs.append(.required("\(vp).hostPath.path")) }
            let types = ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"]
            if let t = hostPath.type, !types.contains(t) { errs.append(.notSupported("\(vp).hostPath.type", t, types)) }
        }
        if let medium = v.emptyDir?.medium, !["", "Memory"].contains(medium), !medium.hasPrefix("HugePages") {
            errs.append(.notSupported("\(vp).emptyDir.medium", medium, ["", "Memory", "HugePages"]))
        }
    }

    // Init and app containers share one name space, checked in that order.
    var containerNames = Set<String>()
    func validateList(_ containers: [Container], _ field: String) {
        for (i, c) in containers.enumerated() {
            let p = "\(path).\(field)[\(i)]"
            if c.name.isEmpty {
                errs.append(.required("\(p).name"))
            } else if !isDNS1123Label(c.name).isEmpty {
                errs += isDNS1123Label(c.name).map { .invalid("\(p).name", c.name, $0) }
            } else if containerNames.contains(c.name) {
                errs.append(.duplicate("\(p).name", c.name))
            }
            containerNames.insert(c.name)
            errs += validateContainer(c, path: p, volumes: volumeNames)
        }
    }
    validateList(spec.initContainers, "initContainers")
    if spec.containers.isEmpty { errs.append(.required("\(path).containers")) }
    validateList(spec.containers, "containers")

    switch spec.restartPolicy {
    case "Always", "OnFailure", "Never": break
    case "": errs.append(.required("\(path).restartPolicy"))
    default: errs.append(.notSupported("\(path).restartPolicy", spec.restartPolicy, ["Always", "OnFailure", "Never"]))
    }
    switch spec.dnsPolicy {
    case "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None": break
    case "": errs.append(.required("\(path).dnsPolicy"))
    default: errs.append(.notSupported("\(path).dnsPolicy", spec.dnsPolicy, ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]))
    }
    errs += validateLabels(spec.nodeSelector, path: "\(path).nodeSelector")
    errs += validateTolerations(spec.tolerations, path: "\(path).tolerations")
    if let ads = spec.activeDeadlineSeconds, ads < 1 || ads > Int64(Int32.max) {
        errs.append(.invalid("\(path).activeDeadlineSeconds", Int(ads), "must be between 1 and 2147483647, inclusive"))
    }
    if let h = spec.hostname, !h.isEmpty {
        errs += isDNS1123Label(h).map { .invalid("\(path).hostname", h, $0) }
    }
    return errs
}

private func validateContainer(_ c: Container, path p: String, volumes: Set<String>) -> [FieldError] {
    var errs: [FieldError] = []
    if c.image.isEmpty {
        errs.append(.required("\(p).image"))
    } else if c.image != c.image.trimmingCharacters(in: .whitespaces) {
        errs.append(.invalid("\(p).image", c.image, "must not have leading or trailing whitespace"))
    }
    for (j, port) in c.ports.enumerated() {
        let pp = "\(p).ports[\(j)]"
        if let name = port.name, !name.isEmpty {
            errs += isValidPortName(name).map { .invalid("\(pp).name", name, $0) }
        }
        if port.containerPort == 0 {
            errs.append(.required("\(pp).containerPort"))
        } else {
            errs += isValidPortNum(port.containerPort).map { .invalid("\(pp).containerPort", port.containerPort, $0) }
        }
        if let hp = port.hostPort, hp != 0 {
            errs += isValidPortNum(hp).map { .invalid("\(pp).hostPort", hp, $0) }
        }
        if port.protocol.isEmpty {
            errs.append(.required("\(pp).protocol"))
        } else if !["TCP", "UDP", "SCTP"].contains(port.protocol) {
            errs.append(.notSupported("\(pp).protocol", port.protocol, ["SCTP", "TCP", "UDP"]))
        }
    }
    for (j, env) in c.env.enumerated() {
        if env.name.isEmpty {
            errs.append(.required("\(p).env[\(j)].name"))
        } else {
            errs += isEnvVarName(env.name).map { .invalid("\(p).env[\(j)].name", env.name, $0) }
        }
    }
    var mountPaths = Set<String>()
    for (j, m) in c.volumeMounts.enumerated() {
        let mp = "\(p).volumeMounts[\(j)]"
        if m.name.isEmpty {
            errs.append(.required("\(mp).name"))
        } else if !volumes.contains(m.name) {
            errs.append(.notFound("\(mp).name", m.name))
        }
        if let sub = m.subPath, !sub.isEmpty {
            if sub.hasPrefix("/") { errs.append(.invalid("\(mp).subPath", sub, "must be a relative path")) }
            if sub.split(separator: "/").contains("..") { errs.append(.invalid("\(mp).subPath", sub, "must not contain '..'")) }
        }
        if m.mountPath.isEmpty {
            errs.append(.required("\(mp).mountPath"))
        } else if mountPaths.contains(m.mountPath) {
            errs.append(.invalid("\(mp).mountPath", m.mountPath, "must be unique"))
        }
        mountPaths.insert(m.mountPath)
    }
    if c.securityContext?.privileged == true {
        errs.append(.forbidden("\(p).securityContext.privileged", "kubetutor does not simulate privileged containers yet "
            + "(a privileged container gets every capability and the host's devices; it would run on your own machine)"))
    }
    switch c.terminationMessagePolicy {
    case "File", "FallbackToLogsOnError": break
    case "": errs.append(.required("\(p).terminationMessagePolicy", "must be 'File' or 'FallbackToLogsOnError'"))
    default:
        errs.append(.invalid("\(p).terminationMessagePolicy", c.terminationMessagePolicy, "must be 'File' or 'FallbackToLogsOnError'"))
    }
    switch c.imagePullPolicy {
    case "Always", "IfNotPresent", "Never": break
    case "": errs.append(.required("\(p).imagePullPolicy"))
    default: errs.append(.notSupported("\(p).imagePullPolicy", c.imagePullPolicy, ["Always", "IfNotPresent", "Never"]))
    }
    return errs
}

func validateTolerations(_ tolerations: [Toleration], path: String) -> [FieldError] {
    var errs: [FieldError] = []
    for (i, t) in tolerations.enumerated() {
        let p = "\(path)[\(i)]"
        let key = t.key ?? ""
        let op = t.operator ?? ""
        if !key.isEmpty { errs += isQualifiedName(key).map { .invalid("\(p).key", key, $0) } }
        if key.isEmpty && op != "Exists" {
            errs.append(.invalid("\(p).operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
        }
        if t.tolerationSeconds != nil && t.effect != "NoExecute" {
            errs.append(.invalid("\(p).effect", t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        }
        switch op {
        case "", "Equal": errs += isValidLabelValue(t.value ?? "").map { .invalid("\(p).operator", t.value ?? "", $0) }
        case "Exists":
            if !(t.value ?? "").isEmpty { errs.append(.invalid("\(p).operator", t.value ?? "", "value must be empty when `operator` is 'Exists'")) }
        default: errs.append(.notSupported("\(p).operator", op, ["Equal", "Exists"]))
        }
        if let e = t.effect, !e.isEmpty, !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(e) {
            errs.append(.notSupported("\(p).effect", e, ["NoSchedule", "PreferNoSchedule", "NoExecute"]))
        }
    }
    return errs
}

/// validateDownwardAPIVolumeSource: modes, relative paths, and exactly one of fieldRef or
/// resourceFieldRef with a field a volume may hold.
func validateDownwardAPIVolume(_ d: DownwardAPIVolumeSource, path: String) -> [FieldError] {
    var errs: [FieldError] = []
    let modeDetail = "must be a number between 0 and 0777 (octal), both inclusive"
    if let mode = d.defaultMode, !(0...0o777).contains(mode) { errs.append(.invalid("\(path).defaultMode", Int(mode), modeDetail)) }
    let fieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"]
    let resources = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"]
    for (i, item) in d.items.enumerated() {
        let p = "\(path).items[\(i)]"
        if item.path.isEmpty {
            errs.append(.required("\(p).path"))
        } else {
            errs += validateLocalNonReservedPath(item.path, field: "\(p).path")
        }
        if let mode = item.mode, !(0...0o777).contains(mode) { errs.append(.invalid("\(p).mode", Int(mode), modeDetail)) }
        switch (item.fieldRef, item.resourceFieldRef) {
        case (nil, nil):
            errs.append(.required(p, "one of fieldRef and resourceFieldRef is required"))
        case (.some, .some):
            errs.append(.invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
        case (let f?, nil):
            let fp = "\(p).fieldRef.fieldPath"
            if f.fieldPath.isEmpty {
                errs.append(.required(fp))
            } else if let subscripted = ["metadata.labels", "metadata.annotations"].first(where: { f.fieldPath.hasPrefix($0 + "[") }) {
                let key = f.fieldPath.dropFirst(subscripted.count)
                if !(key.hasPrefix("['") && key.hasSuffix("']") && key.count > 4) {
                    errs.append(.invalid(fp, f.fieldPath, "error converting fieldPath: field label not supported: \(f.fieldPath)"))
                }
            } else if !fieldPaths.contains(f.fieldPath) {
                errs.append(.notSupported(fp, f.fieldPath, fieldPaths))
            }
            if let v = f.apiVersion, v != "v1" {
                errs.append(.invalid("\(p).fieldRef.apiVersion", v, "only v1 is supported"))
            }
        case (nil, let r?):
            let rp = "\(p).resourceFieldRef"
            if (r.containerName ?? "").isEmpty { errs.append(.required("\(rp).containerName")) }
            if r.resource.isEmpty {
                errs.append(.required("\(rp).resource"))
            } else if !resources.contains(r.resource) {
                errs.append(.notSupported("\(rp).resource", r.resource, resources))
            }
        }
    }
    return errs
}

/// validateLocalNonReservedPath: relative, without "..", and not starting with "..".
func validateLocalNonReservedPath(_ value: String, field: String) -> [FieldError] {
    var errs: [FieldError] = []
    if value.hasPrefix("/") { errs.append(.invalid(field, value, "must be a relative path")) }
    if value.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
        errs.append(.invalid(field, value, "must not contain '..'"))
    }
    if value.hasPrefix("..") { errs.append(.invalid(field, value, "must not start with '..'")) }
    return errs
}
