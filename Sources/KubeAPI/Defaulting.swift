/// What the API server fills in on create (SetDefaults_* in Kubernetes), so that `kubectl get -o yaml`
/// shows the same fields a real cluster does. Idempotent.
public func setDefaults(_ object: inout APIObject) {
    switch object {
    case .pod(var p): setDefaults(&p); object = .pod(p)
    case .deployment(var d): setDefaults(&d); object = .deployment(d)
    case .replicaSet(var r): setDefaultsPodSpec(&r.spec.template.spec); object = .replicaSet(r)
    case .daemonSet(var d): setDefaults(&d); object = .daemonSet(d)
    case .statefulSet(var s): setDefaults(&s); object = .statefulSet(s)
    case .event, .node: break
    case .namespace(var n):
        // The API server's namespace strategy: the `kubernetes` finalizer, phase Active.
        if n.spec.finalizers.isEmpty { n.spec.finalizers = ["kubernetes"] }
        if n.status.phase == nil { n.status.phase = "Active" }
        object = .namespace(n)
    }
}

public func setDefaults(_ pod: inout Pod) {
    setDefaultsPodSpec(&pod.spec)
    if pod.spec.serviceAccountName.isEmpty { pod.spec.serviceAccountName = "default" }
}

public func setDefaults(_ deployment: inout Deployment) {
    var strategy = deployment.spec.strategy
    if strategy.type.isEmpty { strategy.type = "RollingUpdate" }
    if strategy.type == "RollingUpdate" && strategy.rollingUpdate == nil { strategy.rollingUpdate = RollingUpdateDeployment() }
    deployment.spec.strategy = strategy
    setDefaultsPodSpec(&deployment.spec.template.spec)
}

public func setDefaults(_ daemonSet: inout DaemonSet) {
    var strategy = daemonSet.spec.updateStrategy
    if strategy.type.isEmpty { strategy.type = "RollingUpdate" }
    if strategy.type == "RollingUpdate" && strategy.rollingUpdate == nil { strategy.rollingUpdate = RollingUpdateDaemonSet() }
    daemonSet.spec.updateStrategy = strategy
    setDefaultsPodSpec(&daemonSet.spec.template.spec)
}

public func setDefaults(_ statefulSet: inout StatefulSet) {
    var strategy = statefulSet.spec.updateStrategy
    if strategy.type.isEmpty { strategy.type = "RollingUpdate" }
    if strategy.type == "RollingUpdate" && strategy.rollingUpdate == nil { strategy.rollingUpdate = RollingUpdateStatefulSetStrategy() }
    statefulSet.spec.updateStrategy = strategy
    if statefulSet.spec.podManagementPolicy.isEmpty { statefulSet.spec.podManagementPolicy = "OrderedReady" }
    setDefaultsPodSpec(&statefulSet.spec.template.spec)
}

/// Pod-spec defaults shared by pods and every template.
public func setDefaultsPodSpec(_ spec: inout PodSpec) {
    if spec.restartPolicy.isEmpty { spec.restartPolicy = "Always" }
    if spec.dnsPolicy.isEmpty { spec.dnsPolicy = "ClusterFirst" }
    if spec.schedulerName.isEmpty { spec.schedulerName = "default-scheduler" }
    func defaulted(_ container: Container) -> Container {
        var c = container
        if c.imagePullPolicy.isEmpty { c.imagePullPolicy = defaultPullPolicy(image: c.image) }
        if c.terminationMessagePath.isEmpty { c.terminationMessagePath = "/dev/termination-log" }
        if c.terminationMessagePolicy.isEmpty { c.terminationMessagePolicy = "File" }
        for p in c.ports.indices where c.ports[p].protocol.isEmpty { c.ports[p].protocol = "TCP" }
        // Requests default from limits (SetDefaults_ResourceList via the pod's defaults).
        for (name, limit) in c.resources.limits where c.resources.requests[name] == nil { c.resources.requests[name] = limit }
        return c
    }
    spec.initContainers = spec.initContainers.map(defaulted)
    spec.containers = spec.containers.map(defaulted)
    // SetDefaults_Volume: a volume without a source is an emptyDir.
    for i in spec.volumes.indices where spec.volumes[i].emptyDir == nil && spec.volumes[i].hostPath == nil
        && spec.volumes[i].downwardAPI == nil {
        spec.volumes[i].emptyDir = EmptyDirVolumeSource()
    }
    // SetDefaults_DownwardAPIVolumeSource (0644) and SetDefaults_ObjectFieldSelector (v1).
    for i in spec.volumes.indices where spec.volumes[i].downwardAPI != nil {
        if spec.volumes[i].downwardAPI?.defaultMode == nil { spec.volumes[i].downwardAPI?.defaultMode = 0o644 }
        for j in spec.volumes[i].downwardAPI?.items.indices ?? 0..<0 {
            if spec.volumes[i].downwardAPI?.items[j].fieldRef != nil, spec.volumes[i].downwardAPI?.items[j].fieldRef?.apiVersion == nil {
                spec.volumes[i].downwardAPI?.items[j].fieldRef?.apiVersion = "v1"
            }
            // A zero Quantity is still written out: divisor "0".
            if spec.volumes[i].downwardAPI?.items[j].resourceFieldRef != nil, spec.volumes[i].downwardAPI?.items[j].resourceFieldRef?.divisor == nil {
                spec.volumes[i].downwardAPI?.items[j].resourceFieldRef?.divisor = "0"
            }
        }
    }
    for i in spec.volumes.indices where spec.volumes[i].hostPath != nil && spec.volumes[i].hostPath?.type == nil {
        spec.volumes[i].hostPath?.type = ""
    }
}

/// "Always" for `:latest` or an untagged image without a digest, else "IfNotPresent".
public func defaultPullPolicy(image: String) -> String {
    imageTag(image) == "latest" ? "Always" : "IfNotPresent"
}

/// The tag of an image reference, "latest" when untagged, nil when pinned by digest only.
/// The tag is after the last ':' that follows the last '/' (a registry port is not a tag).
public func imageTag(_ image: String) -> String? {
    var name = Substring(image)
    var hasDigest = false
    if let at = name.firstIndex(of: "@") {
        name = name[..<at]
        hasDigest = true
    }
    let lastSlash = name.lastIndex(of: "/")
    if let colon = name.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
        return String(name[name.index(after: colon)...])
    }
    return hasDigest ? nil : "latest"
}

/// The DefaultTolerationSeconds admission plugin: every pod tolerates `not-ready` and `unreachable`
/// NoExecute taints for `seconds` (300 in Kubernetes), unless it already says otherwise.
public func addDefaultTolerations(_ pod: inout Pod, seconds: Int64 = 300) {
    for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
        let covered = pod.spec.tolerations.contains { t in
            (t.key == key || (t.key ?? "").isEmpty && t.operator == "Exists") && (t.effect == nil || t.effect == "NoExecute")
        }
        if covered { continue }
        var t = Toleration()
        t.key = key
        t.operator = "Exists"
        t.effect = "NoExecute"
        t.tolerationSeconds = seconds
        pod.spec.tolerations.append(t)
    }
}
