/// Field docs for Pod and the types inside it (see `FieldDocs` for the format).
let podFieldDocs = """
# Pod: The smallest thing Kubernetes runs: one or more containers scheduled together on one node, sharing the network (one IP), IPC and hostname, and able to share volumes.
apiVersion <string> The schema version of the object; `v1` for a Pod.
kind <string> The kind of object, in CamelCase: `Pod`.
metadata <ObjectMeta> The pod's name, namespace and labels.
spec <PodSpec> What the pod should run: its containers and how they are restarted.
status <PodStatus> What the pod is doing now, written by the kubelet. Read-only.

# PodSpec: The desired state of a pod: its containers, volumes and scheduling.
volumes <[]Volume> Directories the pod's containers can mount.
initContainers <[]Container> Containers that run to completion, one after another, before the app containers start.
containers <[]Container>! The containers of the pod, at least one. Each needs a unique name and an image.
restartPolicy <string> When the kubelet restarts containers that exit: Always (default), OnFailure or Never.
terminationGracePeriodSeconds <integer> Seconds between SIGTERM and SIGKILL when the pod is deleted. Default 30.
activeDeadlineSeconds <integer> Seconds the pod may run before it is marked Failed and stopped.
dnsPolicy <string> How the pod's DNS is set up; ClusterFirst by default.
nodeSelector <map[string]string> Labels a node must have for the pod to be scheduled there.
serviceAccountName <string> The service account the pod runs as; `default` if empty.
serviceAccount <string> Deprecated alias of serviceAccountName.
nodeName <string> The node the pod runs on. Set by the scheduler; setting it yourself skips scheduling.
hostname <string> The pod's hostname; the pod's name if empty.
securityContext <PodSecurityContext> User and group ids for all containers of the pod.
schedulerName <string> The scheduler that places the pod; default-scheduler if empty.
tolerations <[]Toleration> Taints this pod tolerates, e.g. how long it stays on an unreachable node.
priority <integer> The pod's priority, filled in by the server.
enableServiceLinks <boolean> Whether service environment variables are injected. Default true.
preemptionPolicy <string> Whether the pod may preempt lower-priority pods: PreemptLowerPriority or Never.

# Container: One program the pod runs, from an image, in its own PID and mount namespaces.
name <string>! The container's name, unique in the pod (a DNS-1123 label). `kubectl logs POD -c NAME` uses it.
image <string> The image to run, e.g. `nginx:latest` or `busybox`.
command <[]string> The program to start, replacing the image's entrypoint. A YAML list: each word is one item.
args <[]string> Arguments for the command (or for the image's entrypoint when command is empty).
workingDir <string> The directory the command starts in.
ports <[]ContainerPort> The ports the container listens on. Informational: a container can listen on any port.
env <[]EnvVar> Environment variables for the container: a list of name/value pairs.
resources <ResourceRequirements> CPU and memory the container requests and is limited to.
volumeMounts <[]VolumeMount> Where the pod's volumes appear in the container's filesystem.
terminationMessagePath <string> A file whose content becomes the message of a terminated container.
terminationMessagePolicy <string> File, or FallbackToLogsOnError to use the end of the log.
imagePullPolicy <string> Always, IfNotPresent or Never. Defaults to Always for `:latest` images.
securityContext <SecurityContext> The user, capabilities and root filesystem of this container.
stdin <boolean> Keep a stdin open for the container (for attach).
tty <boolean> Give the container a terminal; usually with stdin.

# SecurityContext: How one container is confined; overrides the pod's securityContext.
allowPrivilegeEscalation <boolean> Whether a process may gain more privileges than its parent (setuid programs).
capabilities <Capabilities> Linux capabilities to add to or drop from the runtime's default set.
privileged <boolean> Run with every capability and the host's devices. kubetutor refuses it.
readOnlyRootFilesystem <boolean> Mount the container's root filesystem read-only.
runAsGroup <integer> The group id the container's process runs as.
runAsNonRoot <boolean> Refuse to start the container if it would run as root.
runAsUser <integer> The user id the container's process runs as.

# Capabilities: Changes to a container's Linux capabilities.
add <[]string> Capabilities to add, e.g. NET_ADMIN.
drop <[]string> Capabilities to drop; ALL drops every one.

# ContainerPort: A port a container listens on.
name <string> A name for the port, unique in the pod, that services can refer to.
hostPort <integer> A port on the node forwarded to this one. Rarely needed.
containerPort <integer>! The port number inside the pod's network namespace (1-65535).
protocol <string> TCP (default), UDP or SCTP.
hostIP <string> The node address hostPort binds to.

# EnvVar: One environment variable.
name <string>! The variable's name.
value <string> The variable's value. Quote values YAML would read as numbers or booleans ("8080", "true").

# VolumeMount: A volume mounted into a container.
name <string>! The name of one of the pod's volumes.
mountPath <string>! Where the volume appears in the container.
readOnly <boolean> Mount read-only. Default false.
subPath <string> A directory inside the volume to mount instead of its root; created if missing.

# Volume: A directory the pod's containers can share.
name <string>! The volume's name, referred to by volumeMounts.
emptyDir <EmptyDirVolumeSource> An empty directory that lives as long as the pod.
hostPath <HostPathVolumeSource> A directory of the node. kubetutor mounts only what is below a directory you allow with `kubetutor --allow-host-path DIR`.
downwardAPI <DownwardAPIVolumeSource> Files that hold the pod's own fields (labels, annotations, name, requests and limits).

# DownwardAPIVolumeSource: Files the kubelet fills with the pod's own fields and keeps up to date.
items <[]DownwardAPIVolumeFile> The files, each from one field.
defaultMode <integer> Mode bits of the files, 0–0777; 0644 (420) by default.

# DownwardAPIVolumeFile: One file of a downwardAPI volume.
path <string>! The file's path, relative to the volume; no `..`.
fieldRef <ObjectFieldSelector> A pod field: metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations (or one key, metadata.labels['app']).
resourceFieldRef <ResourceFieldSelector> A container's limits or requests: limits.cpu, limits.memory, requests.cpu, requests.memory.
mode <integer> Mode bits of this file, 0–0777; the volume's defaultMode when unset.

# ObjectFieldSelector: Selects a field of the pod.
apiVersion <string> The version of the schema the path is written in; "v1" by default.
fieldPath <string>! The path of the field, such as metadata.labels.

# ResourceFieldSelector: Selects a container's resource, in units of a divisor.
containerName <string> The container; required in volumes.
resource <string>! limits.cpu, limits.memory, requests.cpu or requests.memory (also ephemeral-storage).
divisor <Quantity> The unit of the value, such as 1m or 1Mi; 1 by default. The value is rounded up.

# HostPathVolumeSource: A file or directory on the node.
path <string>! The path on the node.
type <string> What must be there: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.

# EmptyDirVolumeSource: An empty directory created for the pod.
medium <string> Where it is stored; "" for the node's disk, Memory for a tmpfs.
sizeLimit <Quantity> The most it may hold.

# ResourceRequirements: Compute resources for a container.
limits <map[string]Quantity> The most the container may use, e.g. `cpu: 500m`, `memory: 128Mi`.
requests <map[string]Quantity> What the scheduler reserves for the container on its node.

# Toleration: Lets a pod stay on (or be scheduled to) a node with a matching taint.
key <string> The taint key it tolerates; empty with Exists means every taint.
operator <string> Equal (default) or Exists.
value <string> The taint value, for Equal.
effect <string> NoSchedule, PreferNoSchedule or NoExecute; empty means all.
tolerationSeconds <integer> For NoExecute: how long the pod stays after the taint appears (300 s for unreachable nodes by default).

# PodSecurityContext: Identity settings for all containers of the pod.
runAsUser <integer> The user id the containers run as.
runAsGroup <integer> The group id the containers run as.
runAsNonRoot <boolean> Refuse to start a container that would run as root.
fsGroup <integer> A group id added to the containers and given to volumes.

# PodStatus: What the pod is doing, as the kubelet last reported it. Read-only.
phase <string> Pending, Running, Succeeded, Failed or Unknown.
conditions <[]PodCondition> PodScheduled, Initialized, ContainersReady, Ready.
message <string> Why the pod is in this state, for people.
reason <string> Why the pod is in this state, one word, e.g. Evicted.
hostIP <string> The address of the node the pod runs on.
hostIPs <[]HostIP> The node's addresses, one per IP family (here one).
podIP <string> The pod's IP address, shared by all its containers.
podIPs <[]PodIP> The pod's addresses, one per IP family (here one, the same as podIP).
startTime <string> When the kubelet accepted the pod.
initContainerStatuses <[]ContainerStatus> One entry per init container, as for containers.
containerStatuses <[]ContainerStatus> One entry per container: state, readiness, restarts.
qosClass <string> Guaranteed, Burstable or BestEffort, from the containers' resources.

# PodIP: One address of a pod.
ip <string>! The address.

# HostIP: One address of the node a pod runs on.
ip <string>! The address.

# PodCondition: One aspect of a pod's state.
type <string>! PodScheduled, Initialized, ContainersReady or Ready.
status <string>! True, False or Unknown.
lastProbeTime <string> When the condition was last checked.
lastTransitionTime <string> When the status last changed.
reason <string> Why, in one word.
message <string> Why, for people.

# ContainerStatus: The state of one container of a pod.
name <string>! The container's name.
state <ContainerState> What the container is doing now.
lastState <ContainerState> How the previous run ended, after a restart.
ready <boolean>! Whether the container is ready.
restartCount <integer>! How many times the kubelet restarted the container.
image <string>! The image the container runs.
imageID <string>! The exact image that was used.
containerID <string> The runtime's id of the container.
started <boolean> Whether the container has started.

# ContainerState: Exactly one of waiting, running or terminated.
waiting <ContainerStateWaiting> Not running yet, or waiting to be restarted.
running <ContainerStateRunning> Running.
terminated <ContainerStateTerminated> Exited.

# ContainerStateWaiting: Why a container is not running.
reason <string> ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff, ...
message <string> Details, for people.

# ContainerStateRunning: A running container.
startedAt <string> When it started.

# ContainerStateTerminated: A container that exited.
exitCode <integer>! The exit status; 128+N after signal N.
signal <integer> The signal that ended it.
reason <string> Completed, Error, OOMKilled, ...
message <string> Details, for people.
startedAt <string> When it started.
finishedAt <string> When it exited.
containerID <string> The runtime's id of the container.
"""
