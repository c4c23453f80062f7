/// Field docs for Deployment, ReplicaSet, DaemonSet and StatefulSet (see `FieldDocs` for the format).
let workloadFieldDocs = """
# Deployment: Keeps a number of identical pods running from a template and replaces them gradually when the template changes, through ReplicaSets it creates.
apiVersion <string> The schema version of the object; `apps/v1` for a Deployment.
kind <string> The kind of object, in CamelCase: `Deployment`.
metadata <ObjectMeta> The Deployment's name, namespace and labels.
spec <DeploymentSpec> The desired pods: how many, from which template, and how to roll out changes.
status <DeploymentStatus> How far the rollout is, written by the controller. Read-only.

# DeploymentSpec: The desired state of a Deployment.
replicas <integer> How many pods to keep running. Default 1.
selector <LabelSelector>! Which pods belong to the Deployment. Must match the template's labels; cannot be changed later.
template <PodTemplateSpec>! The pod to create: its labels and spec.
strategy <DeploymentStrategy> How to replace old pods with new ones: RollingUpdate (default) or Recreate.
minReadySeconds <integer> Seconds a new pod must be ready before it counts as available. Default 0.
revisionHistoryLimit <integer> How many old ReplicaSets to keep for rollback. Default 10.
paused <boolean> While true, template changes do not start a rollout.
progressDeadlineSeconds <integer> Seconds without progress before the rollout is reported as failed. Default 600.

# PodTemplateSpec: The pod a controller creates: metadata (labels) and spec, without apiVersion or kind.
metadata <ObjectMeta> The labels (and annotations) every created pod gets. The selector must match these labels.
spec <PodSpec> The spec of every created pod.

# DeploymentStrategy: How a Deployment replaces old pods.
type <string> RollingUpdate (default): replace pods a few at a time. Recreate: stop all old pods first, then start the new ones.
rollingUpdate <RollingUpdateDeployment> Limits for RollingUpdate; must be empty for Recreate.

# RollingUpdateDeployment: How many pods a rolling update may take away or add at once.
maxUnavailable <IntOrString> Pods that may be unavailable during the update, a number or a percentage. Default 25%.
maxSurge <IntOrString> Pods that may exist above replicas during the update, a number or a percentage. Default 25%.

# DeploymentStatus: The observed state of a Deployment. Read-only.
observedGeneration <integer> The generation the controller last acted on.
replicas <integer> Pods of the Deployment, old and new.
updatedReplicas <integer> Pods from the current template.
readyReplicas <integer> Pods that are ready.
availableReplicas <integer> Pods ready for at least minReadySeconds.
unavailableReplicas <integer> Pods still missing for the Deployment to be complete.
conditions <[]DeploymentCondition> Available, Progressing, ReplicaFailure.

# DeploymentCondition: One aspect of a Deployment's state.
type <string>! Available, Progressing or ReplicaFailure.
status <string>! True, False or Unknown.
lastUpdateTime <string> When the condition was last updated.
lastTransitionTime <string> When the status last changed.
reason <string> Why, in one word, e.g. NewReplicaSetAvailable.
message <string> Why, for people.

# ReplicaSet: Keeps a number of pods matching its selector running, creating or deleting pods from its template. Usually managed by a Deployment.
apiVersion <string> The schema version of the object; `apps/v1` for a ReplicaSet.
kind <string> The kind of object, in CamelCase: `ReplicaSet`.
metadata <ObjectMeta> The ReplicaSet's name, namespace and labels.
spec <ReplicaSetSpec> How many pods, which ones, and from which template.
status <ReplicaSetStatus> How many pods exist and are ready. Read-only.

# ReplicaSetSpec: The desired state of a ReplicaSet.
replicas <integer> How many pods to keep. Default 1.
minReadySeconds <integer> Seconds a new pod must be ready before it counts as available.
selector <LabelSelector>! Which pods count. Must match the template's labels.
template <PodTemplateSpec> The pod to create when there are too few.

# ReplicaSetStatus: The observed state of a ReplicaSet. Read-only.
replicas <integer>! Pods that currently match.
fullyLabeledReplicas <integer> Pods whose labels match the template's.
readyReplicas <integer> Pods that are ready.
availableReplicas <integer> Pods ready for at least minReadySeconds.
observedGeneration <integer> The generation the controller last acted on.

# DaemonSet: Runs one pod from a template on every node (or every node its selector allows).
apiVersion <string> The schema version of the object; `apps/v1` for a DaemonSet.
kind <string> The kind of object, in CamelCase: `DaemonSet`.
metadata <ObjectMeta> The DaemonSet's name, namespace and labels.
spec <DaemonSetSpec> Which pods, from which template, and how to update them.
status <DaemonSetStatus> How many nodes run the pod. Read-only.

# DaemonSetSpec: The desired state of a DaemonSet.
selector <LabelSelector>! Which pods belong to the DaemonSet. Must match the template's labels.
template <PodTemplateSpec>! The pod to run on each node.
updateStrategy <DaemonSetUpdateStrategy> RollingUpdate (default) or OnDelete.
minReadySeconds <integer> Seconds a new pod must be ready before it counts as available.
revisionHistoryLimit <integer> How many old revisions to keep. Default 10.

# DaemonSetUpdateStrategy: How a DaemonSet replaces its pods.
type <string> RollingUpdate (default) or OnDelete (only when you delete a pod).
rollingUpdate <RollingUpdateDaemonSet> Limits for RollingUpdate.

# RollingUpdateDaemonSet: How many nodes a DaemonSet update may touch at once.
maxUnavailable <IntOrString> Nodes whose pod may be unavailable during the update. Default 1.
maxSurge <IntOrString> Nodes that may briefly run an old and a new pod. Default 0.

# DaemonSetStatus: The observed state of a DaemonSet. Read-only.
currentNumberScheduled <integer>! Nodes running the pod that should.
numberMisscheduled <integer>! Nodes running the pod that should not.
desiredNumberScheduled <integer>! Nodes that should run the pod.
numberReady <integer>! Nodes whose pod is ready.
observedGeneration <integer> The generation the controller last acted on.
updatedNumberScheduled <integer> Nodes running the current template.
numberAvailable <integer> Nodes whose pod is available.
numberUnavailable <integer> Nodes whose pod is missing or not available.

# StatefulSet: Runs pods with stable names (web-0, web-1, ...) created and removed in order.
apiVersion <string> The schema version of the object; `apps/v1` for a StatefulSet.
kind <string> The kind of object, in CamelCase: `StatefulSet`.
metadata <ObjectMeta> The StatefulSet's name, namespace and labels.
spec <StatefulSetSpec> How many pods, from which template, in which order.
status <StatefulSetStatus> How many pods exist and are ready. Read-only.

# StatefulSetSpec: The desired state of a StatefulSet.
replicas <integer> How many pods. Default 1.
selector <LabelSelector>! Which pods belong to the StatefulSet. Must match the template's labels.
template <PodTemplateSpec>! The pod to create, named <statefulset>-<ordinal>.
serviceName <string> The headless service that gives the pods their DNS names.
podManagementPolicy <string> OrderedReady (default: one at a time, in order) or Parallel.
updateStrategy <StatefulSetUpdateStrategy> RollingUpdate (default) or OnDelete.
revisionHistoryLimit <integer> How many old revisions to keep. Default 10.
minReadySeconds <integer> Seconds a new pod must be ready before it counts as available.
persistentVolumeClaimRetentionPolicy <StatefulSetPersistentVolumeClaimRetentionPolicy> What happens to volume claims when the StatefulSet is deleted or scaled down.

# StatefulSetUpdateStrategy: How a StatefulSet replaces its pods.
type <string> RollingUpdate (default) or OnDelete.
rollingUpdate <RollingUpdateStatefulSetStrategy> Limits for RollingUpdate.

# RollingUpdateStatefulSetStrategy: Which pods a StatefulSet update touches.
partition <integer> Only pods with an ordinal at or above this number are updated. Default 0.

# StatefulSetPersistentVolumeClaimRetentionPolicy: Whether volume claims outlive their pods.
whenDeleted <string> Retain (default) or Delete, when the StatefulSet is deleted.
whenScaled <string> Retain (default) or Delete, when the StatefulSet is scaled down.

# StatefulSetStatus: The observed state of a StatefulSet. Read-only.
observedGeneration <integer> The generation the controller last acted on.
replicas <integer>! Pods the StatefulSet has.
readyReplicas <integer> Pods that are ready.
currentReplicas <integer> Pods at the current revision.
updatedReplicas <integer> Pods at the update revision.
currentRevision <string> The revision of the current pods.
updateRevision <string> The revision being rolled out.
collisionCount <integer> Hash collisions seen when naming revisions.
availableReplicas <integer>! Pods ready for at least minReadySeconds.
"""
