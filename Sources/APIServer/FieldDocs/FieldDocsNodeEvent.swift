/// Field docs for Node and Event (see `FieldDocs` for the format).
let nodeEventFieldDocs = """
# Node: A machine (here: a set of namespaces) that runs pods, with a kubelet reporting its health.
apiVersion <string> The schema version of the object; `v1` for a Node.
kind <string> The kind of object, in CamelCase: `Node`.
metadata <ObjectMeta> The node's name and labels. Nodes have no namespace.
spec <NodeSpec> The node's pod addresses, taints and whether new pods may land on it.
status <NodeStatus> The node's health and capacity, written by its kubelet. Read-only.

# NodeSpec: The desired state of a node.
podCIDR <string> The address range the node's pods get their IPs from.
podCIDRs <[]string> The same, one range per IP family.
taints <[]Taint> Marks that keep pods away unless they tolerate them (e.g. `node.kubernetes.io/unreachable`).
unschedulable <boolean> True after `kubectl cordon`: no new pods are scheduled here.

# Taint: A mark on a node that repels pods without a matching toleration.
key <string>! The taint's key.
value <string> The taint's value.
effect <string>! NoSchedule, PreferNoSchedule or NoExecute (also evicts running pods).
timeAdded <string> When a NoExecute taint was added.

# NodeStatus: The observed state of a node. Read-only.
capacity <map[string]Quantity> The node's total resources (cpu, memory, pods).
allocatable <map[string]Quantity> What is left for pods.
conditions <[]NodeCondition> Ready and the pressure conditions.
addresses <[]NodeAddress> The node's addresses.
nodeInfo <NodeSystemInfo> Versions of the node's kernel, OS and kubelet.

# NodeCondition: One aspect of a node's health.
type <string>! Ready, MemoryPressure, DiskPressure or PIDPressure.
status <string>! True, False or Unknown (Unknown when the kubelet stopped reporting).
lastHeartbeatTime <string> When the kubelet last reported.
lastTransitionTime <string> When the status last changed.
reason <string> Why, in one word, e.g. NodeStatusUnknown.
message <string> Why, for people.

# NodeAddress: One address of a node.
type <string>! InternalIP or Hostname.
address <string>! The address.

# NodeSystemInfo: Versions the kubelet reports about its node.
machineID <string>! The machine's id.
kernelVersion <string>! The kernel version.
osImage <string>! The operating system.
containerRuntimeVersion <string>! The container runtime and its version.
kubeletVersion <string>! The kubelet version.
kubeProxyVersion <string>! The kube-proxy version.
operatingSystem <string>! linux.
architecture <string>! amd64, arm64, ...

# Event: A record of something that happened to an object (scheduled, pulled, started, killed ...), shown by `kubectl get events` and `describe`.
apiVersion <string> The schema version of the object; `v1` for an Event.
kind <string> The kind of object, in CamelCase: `Event`.
metadata <ObjectMeta> The event's name and namespace.
involvedObject <ObjectReference>! The object the event is about.
reason <string> What happened, in one word: Scheduled, Pulled, Started, Killing, BackOff ...
message <string> What happened, for people.
source <EventSource> The component that reported it.
firstTimestamp <string> When it first happened.
lastTimestamp <string> When it last happened.
count <integer> How many times it happened.
type <string> Normal or Warning.
eventTime <string> When it happened, in microseconds (events.k8s.io events).
reportingComponent <string> The controller that reported it.
reportingInstance <string> The instance of that controller.

# EventSource: The component that reported an event.
component <string> E.g. kubelet, default-scheduler.
host <string> The node, for kubelet events.
"""
