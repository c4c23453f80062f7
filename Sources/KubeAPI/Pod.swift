import Foundation

public struct EnvVar: Equatable, Sendable {
    public var name: String
    public var value: String? = nil
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

public struct ContainerPort: Equatable, Sendable {
    public var name: String? = nil
    public var containerPort: Int
    public var hostPort: Int? = nil
    /// Defaulted to "TCP".
    public var `protocol`: String = "TCP"
    public init(containerPort: Int) { self.containerPort = containerPort }
}

public struct VolumeMount: Equatable, Sendable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool? = nil
    /// A directory inside the volume to mount instead of its root.
    public var subPath: String? = nil
    public init(name: String, mountPath: String) {
        self.name = name
        self.mountPath = mountPath
    }
}

/// `emptyDir`: a directory shared by the pod's containers, removed with the pod.
public struct EmptyDirVolumeSource: Equatable, Sendable {
    /// "" (the node's storage) or "Memory" (tmpfs); kubetutor's is always a tmpfs.
    public var medium: String? = nil
    /// A quantity (`64Mi`); the volume's tmpfs is that large.
    public var sizeLimit: String? = nil
    public init() {}
}

/// `hostPath`: a directory of the node (here: of the learner's machine, only where allowed).
public struct HostPathVolumeSource: Equatable, Sendable {
    public var path: String = ""
    /// "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.
    public var type: String? = nil
    public init() {}
}

/// `fieldRef`: a field of the pod itself (`metadata.labels`, `metadata.name`, ...).
public struct ObjectFieldSelector: Equatable, Sendable {
    public var apiVersion: String? = nil
    public var fieldPath: String = ""
    public init(fieldPath: String = "") { self.fieldPath = fieldPath }
}

/// `resourceFieldRef`: a container's request or limit, in units of `divisor`.
public struct ResourceFieldSelector: Equatable, Sendable {
    public var containerName: String? = nil
    public var resource: String = ""
    public var divisor: String? = nil
    public init(resource: String = "") { self.resource = resource }
}

/// One file of a downwardAPI volume.
public struct DownwardAPIVolumeFile: Equatable, Sendable {
    public var path: String = ""
    public var fieldRef: ObjectFieldSelector? = nil
    public var resourceFieldRef: ResourceFieldSelector? = nil
    /// Its mode bits (0–0777); the volume's defaultMode when unset.
    public var mode: Int32? = nil
    public init(path: String = "") { self.path = path }
}

/// `downwardAPI`: files that hold the pod's own fields, kept up to date by the kubelet.
public struct DownwardAPIVolumeSource: Equatable, Sendable {
    public var items: [DownwardAPIVolumeFile] = []
    /// 0644 (420) by default.
    public var defaultMode: Int32? = nil
    public init() {}
}

/// A pod volume. A volume with no source is an emptyDir, as the API server defaults it.
public struct Volume: Equatable, Sendable {
    public var name: String
    public var emptyDir: EmptyDirVolumeSource? = EmptyDirVolumeSource()
    public var hostPath: HostPathVolumeSource? = nil
    public var downwardAPI: DownwardAPIVolumeSource? = nil
    public init(name: String) { self.name = name }
}

/// A container's `securityContext` (overrides the pod's for runAsUser, runAsGroup, runAsNonRoot).
public struct SecurityContext: Equatable, Sendable {
    public var runAsUser: Int64? = nil
    public var runAsGroup: Int64? = nil
    public var runAsNonRoot: Bool? = nil
    public var readOnlyRootFilesystem: Bool? = nil
    public var privileged: Bool? = nil
    public var allowPrivilegeEscalation: Bool? = nil
    public var capabilities: Capabilities? = nil
    public init() {}
}

/// Capabilities to add to and drop from the runtime's default set (`NET_ADMIN`, `ALL`, ...).
public struct Capabilities: Equatable, Sendable {
    public var add: [String] = []
    public var drop: [String] = []
    public init() {}
}

public struct Container: Equatable, Sendable {
    public var name: String = ""
    public var image: String = ""
    public var command: [String] = []
    public var args: [String] = []
    public var workingDir: String? = nil
    public var ports: [ContainerPort] = []
    public var env: [EnvVar] = []
    public var volumeMounts: [VolumeMount] = []
    /// Requests and limits as quantity strings (`cpu: 100m`, `memory: 64Mi`); kubetutor records but does not enforce them.
    public var resources = ResourceRequirements()
    /// Defaulted: "Always" for `:latest` or no tag, else "IfNotPresent".
    public var imagePullPolicy: String = ""
    public var terminationMessagePath: String = "/dev/termination-log"
    public var terminationMessagePolicy: String = "File"
    public var stdin: Bool = false
    public var tty: Bool = false
    public var securityContext: SecurityContext? = nil
    public init() {}
}

/// `resources:` of a container; quantities kept as the text the user wrote (`"1"`, `500m`, `128Mi`).
public struct ResourceRequirements: Equatable, Sendable {
    public var limits: [String: String] = [:]
    public var requests: [String: String] = [:]
    public init(limits: [String: String] = [:], requests: [String: String] = [:]) {
        self.limits = limits
        self.requests = requests
    }
}

/// The pod-level `securityContext` (printed as `securityContext: {}` when empty, as Kubernetes does).
public struct PodSecurityContext: Equatable, Sendable {
    public var runAsUser: Int64? = nil
    public var runAsGroup: Int64? = nil
    public var runAsNonRoot: Bool? = nil
    public var fsGroup: Int64? = nil
    public init() {}
}

public struct Toleration: Equatable, Sendable {
    public var key: String? = nil
    /// "Exists" or "Equal" (default).
    public var `operator`: String? = nil
    public var value: String? = nil
    /// NoSchedule, PreferNoSchedule, NoExecute, or nil for all.
    public var effect: String? = nil
    public var tolerationSeconds: Int64? = nil
    public init() {}
}

public struct PodSpec: Equatable, Sendable {
    /// Run to completion, one after another, before `containers` start.
    public var initContainers: [Container] = []
    public var containers: [Container] = []
    /// The spec of the init or app container named `name`.
    public func container(named name: String) -> Container? {
        initContainers.first { $0.name == name } ?? containers.first { $0.name == name }
    }
    public var volumes: [Volume] = []
    /// Always (default), OnFailure, Never.
    public var restartPolicy: String = "Always"
    public var terminationGracePeriodSeconds: Int64 = 30
    /// Seconds the pod may run before the kubelet fails it; one of the few fields a pod update may change.
    public var activeDeadlineSeconds: Int64? = nil
    public var securityContext = PodSecurityContext()
    public var dnsPolicy: String = "ClusterFirst"
    public var nodeName: String? = nil
    public var nodeSelector: [String: String] = [:]
    public var serviceAccountName: String = "default"
    public var hostname: String? = nil
    public var schedulerName: String = "default-scheduler"
    public var tolerations: [Toleration] = []
    public var enableServiceLinks: Bool = true
    public var preemptionPolicy: String = "PreemptLowerPriority"
    public var priority: Int = 0
    public init() {}
}

public struct ContainerStateWaiting: Equatable, Sendable {
    public var reason: String
    public var message: String? = nil
    public init(reason: String, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

public struct ContainerStateRunning: Equatable, Sendable {
    public var startedAt: Date
    public init(startedAt: Date) { self.startedAt = startedAt }
}

public struct ContainerStateTerminated: Equatable, Sendable {
    public var exitCode: Int32
    public var signal: Int32? = nil
    /// Completed (exit 0), Error, OOMKilled, ContainerCannotRun, StartError.
    public var reason: String
    public var message: String? = nil
    public var startedAt: Date? = nil
    public var finishedAt: Date
    public var containerID: String? = nil
    public init(exitCode: Int32, reason: String, finishedAt: Date) {
        self.exitCode = exitCode
        self.reason = reason
        self.finishedAt = finishedAt
    }
}

/// Exactly one of the three is set, as in Kubernetes; all nil means "no state yet".
public struct ContainerState: Equatable, Sendable {
    public var waiting: ContainerStateWaiting? = nil
    public var running: ContainerStateRunning? = nil
    public var terminated: ContainerStateTerminated? = nil
    public init(waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil, terminated: ContainerStateTerminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

public struct ContainerStatus: Equatable, Sendable {
    public var name: String
    public var state: ContainerState = ContainerState()
    public var lastState: ContainerState = ContainerState()
    public var ready: Bool = false
    public var restartCount: Int = 0
    public var image: String
    public var imageID: String = ""
    public var containerID: String? = nil
    public var started: Bool? = false
    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }
}

public struct PodCondition: Equatable, Sendable {
    /// PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
    public var type: String
    /// "True", "False", "Unknown".
    public var status: String
    public var lastProbeTime: Date? = nil
    public var lastTransitionTime: Date? = nil
    public var reason: String? = nil
    public var message: String? = nil
    public init(type: String, status: String, lastTransitionTime: Date? = nil) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
    }
}

public struct PodStatus: Equatable, Sendable {
    /// Pending, Running, Succeeded, Failed, Unknown.
    public var phase: String = "Pending"
    public var conditions: [PodCondition] = []
    public var message: String? = nil
    public var reason: String? = nil
    public var hostIP: String? = nil
    public var podIP: String? = nil
    /// The pod's IPs, one per family; kubetutor pods have one (`[podIP]`), as do hostIPs.
    public var podIPs: [String] = []
    public var hostIPs: [String] = []
    public var startTime: Date? = nil
    public var initContainerStatuses: [ContainerStatus] = []
    public var containerStatuses: [ContainerStatus] = []
    public var qosClass: String = "BestEffort"
    public init() {}
}

public struct Pod: Equatable, Sendable {
    public static let apiVersion = "v1"
    public static let kind = "Pod"
    public var metadata = ObjectMeta()
    public var spec = PodSpec()
    public var status = PodStatus()
    public init() {}
}

/// A pod template, as inside a Deployment, ReplicaSet, DaemonSet or StatefulSet.
public struct PodTemplateSpec: Equatable, Sendable {
    public var metadata = ObjectMeta()
    public var spec = PodSpec()
    public init() {}
}
