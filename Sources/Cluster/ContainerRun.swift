import Foundation
import KubeAPI
import Runtime

/// What the kubelet knows about one container of a pod across its restarts.
final class ContainerRun {
    let name: String
    /// The image this run was started from; a different spec image means "definition changed".
    var image: String
    var pid: ProcessID?
    var containerID: String?
    var imageID: String = ""
    /// The running process's environment (image ENV + container env): `kubectl exec` inherits it.
    var environment: [String] = []
    var startedAt: Date?
    var restartCount = 0
    var backoff = Backoff()
    var pullBackoff = Backoff()
    var waiting: ContainerStateWaiting?
    /// The most recent termination, and the one before it (for `lastState`).
    var terminated: ContainerStateTerminated?
    var previousTerminated: ContainerStateTerminated?
    var log: ContainerLogBuffer?
    var previousLog: ContainerLogBuffer?
    /// Bumped whenever a scheduled restart or pull retry becomes stale.
    var timerGeneration = 0
    var timerPending = false
    /// Set when the container is being killed because its definition changed (restart at once).
    var restartForSpecChange = false
    /// True once the kubelet gave up for good (restartPolicy says no more restarts).
    var finished = false
    /// Killed with its node: started again (restartCount + 1) when the node is back.
    var lostWithNode = false
    /// An init container: runs to completion before the app containers.
    var isInit = false
    /// An init container that exited 0: initialization may go on to the next one.
    var initDone = false

    init(name: String, image: String) {
        self.name = name
        self.image = image
    }

    /// The container's status as the kubelet reports it.
    func status(specImage: String) -> ContainerStatus {
        var s = ContainerStatus(name: name, image: ImageName.qualified(specImage))
        s.imageID = imageID
        s.containerID = containerID
        s.restartCount = restartCount
        if pid != nil, let started = startedAt {
            s.state = ContainerState(running: ContainerStateRunning(startedAt: started))
            s.lastState = ContainerState(terminated: terminated)
            s.ready = true
            s.started = true
        } else if let w = waiting {
            s.state = ContainerState(waiting: w)
            s.lastState = ContainerState(terminated: terminated)
        } else if let t = terminated {
            s.state = ContainerState(terminated: t)
            s.lastState = ContainerState(terminated: previousTerminated)
        } else {
            s.state = ContainerState(waiting: ContainerStateWaiting(reason: "ContainerCreating"))
        }
        return s
    }
}

/// Image reference helpers (`nginx` → `docker.io/library/nginx:latest`).
public enum ImageName {
    public static func qualified(_ ref: String) -> String {
        var name = ref
        if !name.contains("@") {
            let lastComponent = name.split(separator: "/").last.map(String.init) ?? name
            if !lastComponent.contains(":") { name += ":latest" }
        }
        let first = name.split(separator: "/").first.map(String.init) ?? name
        let hasRegistry = name.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")
        if hasRegistry { return name }
        return name.contains("/") ? "docker.io/\(name)" : "docker.io/library/\(name)"
    }

    /// Kubernetes' default pull policy: Always for `:latest` or no tag, else IfNotPresent.
    public static func defaultPullPolicy(_ ref: String) -> String {
        if ref.contains("@") { return "IfNotPresent" }
        let last = ref.split(separator: "/").last.map(String.init) ?? ref
        guard let colon = last.lastIndex(of: ":") else { return "Always" }
        return last[last.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}
