import YAML
import Foundation

let rollingUpdateDeploymentSchema = StructSchema<RollingUpdateDeployment>(
    "v1.RollingUpdateDeployment", make: { RollingUpdateDeployment() },
    [
        F("maxUnavailable", \.maxUnavailable, .intOrString),
        F("maxSurge", \.maxSurge, .intOrString),
    ])

/// Decoding starts from Go's zero strategy so that `type: Recreate` alone carries no rollingUpdate.
let deploymentStrategySchema = StructSchema<DeploymentStrategy>(
    "v1.DeploymentStrategy",
    make: {
        var s = DeploymentStrategy()
        s.type = ""
        s.rollingUpdate = nil
        return s
    },
    [
        F("type", \.type, .string),
        F("rollingUpdate", \.rollingUpdate, .optional(.object(rollingUpdateDeploymentSchema))),
    ])

let deploymentSpecSchema = StructSchema<DeploymentSpec>(
    "v1.DeploymentSpec", make: { DeploymentSpec() },
    [
        F("replicas", \.replicas, .int32, omitEmpty: false),
        F("selector", \.selector, .optional(.object(labelSelectorSchema))),
        F("template", \.template, .object(podTemplateSpecSchema)),
        F("strategy", \.strategy, .object(deploymentStrategySchema)),
        F("minReadySeconds", \.minReadySeconds, .int32),
        F("revisionHistoryLimit", \.revisionHistoryLimit, .int32, omitEmpty: false),
        F("paused", \.paused, .bool),
        F("progressDeadlineSeconds", \.progressDeadlineSeconds, .int32, omitEmpty: false),
    ])

let deploymentConditionSchema = StructSchema<DeploymentCondition>(
    "v1.DeploymentCondition", make: { DeploymentCondition(type: "", status: "") },
    [
        F("type", \.type, .string, omitEmpty: false),
        F("status", \.status, .string, omitEmpty: false),
        .timeOrNull("lastUpdateTime", \.lastUpdateTime),
        .timeOrNull("lastTransitionTime", \.lastTransitionTime),
        F("reason", \.reason, .optional(.string)),
        F("message", \.message, .optional(.string)),
    ])

let deploymentStatusSchema = StructSchema<DeploymentStatus>(
    "v1.DeploymentStatus", make: { DeploymentStatus() },
    [
        F("observedGeneration", \.observedGeneration, .int64),
        F("replicas", \.replicas, .int32),
        F("updatedReplicas", \.updatedReplicas, .int32),
        F("readyReplicas", \.readyReplicas, .int32),
        F("availableReplicas", \.availableReplicas, .int32),
        F("unavailableReplicas", \.unavailableReplicas, .int32),
        F("conditions", \.conditions, .array(.object(deploymentConditionSchema))),
    ])

let deploymentSchema = StructSchema<Deployment>(
    "v1.Deployment", make: { Deployment() },
    [
        .constant("apiVersion", Deployment.apiVersion),
        .constant("kind", Deployment.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(deploymentSpecSchema)),
        F("status", \.status, .object(deploymentStatusSchema)),
    ])

/// Go's `Selector *LabelSelector json:"selector"` (no omitempty): nil prints as null.
private func requiredSelector<T>(_ keyPath: WritableKeyPath<T, LabelSelector?>) -> FieldCodec<T> {
    let codec = Codec<LabelSelector?>.optional(.object(labelSelectorSchema))
    return FieldCodec(
        name: "selector",
        read: { root, node, state, ctx in if let s = codec.read(node, &state, ctx) { root[keyPath: keyPath] = s } },
        write: { codec.write($0[keyPath: keyPath]) })
}

let replicaSetSpecSchema = StructSchema<ReplicaSetSpec>(
    "v1.ReplicaSetSpec", make: { ReplicaSetSpec() },
    [
        F("replicas", \.replicas, .int32, omitEmpty: false),
        F("minReadySeconds", \.minReadySeconds, .int32),
        requiredSelector(\.selector),
        F("template", \.template, .object(podTemplateSpecSchema)),
    ])

let replicaSetStatusSchema = StructSchema<ReplicaSetStatus>(
    "v1.ReplicaSetStatus", make: { ReplicaSetStatus() },
    [
        F("replicas", \.replicas, .int32, omitEmpty: false),
        F("fullyLabeledReplicas", \.fullyLabeledReplicas, .int32),
        F("readyReplicas", \.readyReplicas, .int32),
        F("availableReplicas", \.availableReplicas, .int32),
        F("observedGeneration", \.observedGeneration, .int64),
    ])

let replicaSetSchema = StructSchema<ReplicaSet>(
    "v1.ReplicaSet", make: { ReplicaSet() },
    [
        .constant("apiVersion", ReplicaSet.apiVersion),
        .constant("kind", ReplicaSet.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(replicaSetSpecSchema)),
        F("status", \.status, .object(replicaSetStatusSchema)),
    ])

let rollingUpdateDaemonSetSchema = StructSchema<RollingUpdateDaemonSet>(
    "v1.RollingUpdateDaemonSet", make: { RollingUpdateDaemonSet() },
    [
        F("maxUnavailable", \.maxUnavailable, .intOrString),
        F("maxSurge", \.maxSurge, .intOrString),
    ])

let daemonSetUpdateStrategySchema = StructSchema<DaemonSetUpdateStrategy>(
    "v1.DaemonSetUpdateStrategy",
    make: {
        var s = DaemonSetUpdateStrategy()
        s.type = ""
        s.rollingUpdate = nil
        return s
    },
    [
        F("type", \.type, .string),
        F("rollingUpdate", \.rollingUpdate, .optional(.object(rollingUpdateDaemonSetSchema))),
    ])

let daemonSetSpecSchema = StructSchema<DaemonSetSpec>(
    "v1.DaemonSetSpec", make: { DaemonSetSpec() },
    [
        requiredSelector(\.selector),
        F("template", \.template, .object(podTemplateSpecSchema)),
        F("updateStrategy", \.updateStrategy, .object(daemonSetUpdateStrategySchema)),
        F("minReadySeconds", \.minReadySeconds, .int32),
        F("revisionHistoryLimit", \.revisionHistoryLimit, .int32, omitEmpty: false),
    ])

let daemonSetStatusSchema = StructSchema<DaemonSetStatus>(
    "v1.DaemonSetStatus", make: { DaemonSetStatus() },
    [
        F("currentNumberScheduled", \.currentNumberScheduled, .int32, omitEmpty: false),
        F("numberMisscheduled", \.numberMisscheduled, .int32, omitEmpty: false),
        F("desiredNumberScheduled", \.desiredNumberScheduled, .int32, omitEmpty: false),
        F("numberReady", \.numberReady, .int32, omitEmpty: false),
        F("observedGeneration", \.observedGeneration, .int64),
        F("updatedNumberScheduled", \.updatedNumberScheduled, .int32),
        F("numberAvailable", \.numberAvailable, .int32),
        F("numberUnavailable", \.numberUnavailable, .int32),
    ])

let daemonSetSchema = StructSchema<DaemonSet>(
    "v1.DaemonSet", make: { DaemonSet() },
    [
        .constant("apiVersion", DaemonSet.apiVersion),
        .constant("kind", DaemonSet.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(daemonSetSpecSchema)),
        F("status", \.status, .object(daemonSetStatusSchema)),
    ])

let rollingUpdateStatefulSetSchema = StructSchema<RollingUpdateStatefulSetStrategy>(
    "v1.RollingUpdateStatefulSetStrategy", make: { RollingUpdateStatefulSetStrategy() },
    [F("partition", \.partition, .int32, omitEmpty: false)])

let statefulSetUpdateStrategySchema = StructSchema<StatefulSetUpdateStrategy>(
    "v1.StatefulSetUpdateStrategy",
    make: {
        var s = StatefulSetUpdateStrategy()
        s.type = ""
        s.rollingUpdate = nil
        return s
    },
    [
        F("type", \.type, .string),
        F("rollingUpdate", \.rollingUpdate, .optional(.object(rollingUpdateStatefulSetSchema))),
    ])

let pvcRetentionPolicySchema = StructSchema<StatefulSetPersistentVolumeClaimRetentionPolicy>(
    "v1.StatefulSetPersistentVolumeClaimRetentionPolicy", make: { StatefulSetPersistentVolumeClaimRetentionPolicy() },
    [
        F("whenDeleted", \.whenDeleted, .string),
        F("whenScaled", \.whenScaled, .string),
    ])

let statefulSetSpecSchema = StructSchema<StatefulSetSpec>(
    "v1.StatefulSetSpec", make: { StatefulSetSpec() },
    [
        F("replicas", \.replicas, .int32, omitEmpty: false),
        requiredSelector(\.selector),
        F("template", \.template, .object(podTemplateSpecSchema)),
        F("serviceName", \.serviceName, .string),
        F("podManagementPolicy", \.podManagementPolicy, .string),
        F("updateStrategy", \.updateStrategy, .object(statefulSetUpdateStrategySchema)),
        F("revisionHistoryLimit", \.revisionHistoryLimit, .int32, omitEmpty: false),
        F("minReadySeconds", \.minReadySeconds, .int32),
        F("persistentVolumeClaimRetentionPolicy", \.persistentVolumeClaimRetentionPolicy, .object(pvcRetentionPolicySchema)),
    ])

let statefulSetStatusSchema = StructSchema<StatefulSetStatus>(
    "v1.StatefulSetStatus", make: { StatefulSetStatus() },
    [
        F("observedGeneration", \.observedGeneration, .int64),
        F("replicas", \.replicas, .int32, omitEmpty: false),
        F("readyReplicas", \.readyReplicas, .int32),
        F("currentReplicas", \.currentReplicas, .int32),
        F("updatedReplicas", \.updatedReplicas, .int32),
        F("currentRevision", \.currentRevision, .string),
        F("updateRevision", \.updateRevision, .string),
        F("collisionCount", \.collisionCount, .int32),
        F("availableReplicas", \.availableReplicas, .int32, omitEmpty: false),
    ])

let statefulSetSchema = StructSchema<StatefulSet>(
    "v1.StatefulSet", make: { StatefulSet() },
    [
        .constant("apiVersion", StatefulSet.apiVersion),
        .constant("kind", StatefulSet.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(statefulSetSpecSchema)),
        F("status", \.status, .object(statefulSetStatusSchema)),
    ])
