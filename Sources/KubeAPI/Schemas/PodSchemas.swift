import YAML
import Foundation

let containerPortSchema = StructSchema<ContainerPort>(
    "v1.ContainerPort", make: { ContainerPort(containerPort: 0) },
    [
        F("name", \.name, .optional(.string)),
        F("hostPort", \.hostPort, .optional(.int32)),
        F("containerPort", \.containerPort, .int32, omitEmpty: false),
        F("protocol", \.protocol, .string),
        .accepted("hostIP", Codec<String>.string),
    ])

let envVarSchema = StructSchema<EnvVar>(
    "v1.EnvVar", make: { EnvVar(name: "") },
    [
        F("name", \.name, .string, omitEmpty: false),
        F("value", \.value, .optional(.string)),
    ])

let volumeMountSchema = StructSchema<VolumeMount>(
    "v1.VolumeMount", make: { VolumeMount(name: "", mountPath: "") },
    [
        F("name", \.name, .string, omitEmpty: false),
        F("mountPath", \.mountPath, .string, omitEmpty: false),
        F("readOnly", \.readOnly, .optional(.bool)),
    ])

/// emptyDir's own fields are accepted; kubetutor's emptyDir is always a plain directory.
private let emptyDirSchema = StructSchema<Bool>(
    "v1.EmptyDirVolumeSource", make: { true },
    [.accepted("medium", Codec<String>.string), .accepted("sizeLimit", Codec<String>.quantity)])

let volumeSchema = StructSchema<Volume>(
    "v1.Volume", make: { Volume(name: "") },
    [
        F("name", \.name, .string, omitEmpty: false),
        FieldCodec(
            name: "emptyDir",
            read: { v, node, state, ctx in if emptyDirSchema.read(node, &state, ctx) != nil { v.emptyDir = true } },
            write: { $0.emptyDir ? .object([]) : nil }),
    ])

let resourceRequirementsSchema = StructSchema<ResourceRequirements>(
    "v1.ResourceRequirements", make: { ResourceRequirements() },
    [
        F("limits", \.limits, .map(.quantity, goType: "v1.ResourceList")),
        F("requests", \.requests, .map(.quantity, goType: "v1.ResourceList")),
    ])

let containerSchema = StructSchema<Container>(
    "v1.Container", make: { Container() },
    [
        F("name", \.name, .string, omitEmpty: false),
        F("image", \.image, .string),
        F("command", \.command, .array(.string)),
        F("args", \.args, .array(.string)),
        F("workingDir", \.workingDir, .optional(.string)),
        F("ports", \.ports, .array(.object(containerPortSchema))),
        F("env", \.env, .array(.object(envVarSchema))),
        F("resources", \.resources, .object(resourceRequirementsSchema)),
        F("volumeMounts", \.volumeMounts, .array(.object(volumeMountSchema))),
        F("terminationMessagePath", \.terminationMessagePath, .string),
        F("terminationMessagePolicy", \.terminationMessagePolicy, .string),
        F("imagePullPolicy", \.imagePullPolicy, .string),
        F("stdin", \.stdin, .bool),
        F("tty", \.tty, .bool),
    ])

let tolerationSchema = StructSchema<Toleration>(
    "v1.Toleration", make: { Toleration() },
    [
        F("key", \.key, .optional(.string)),
        F("operator", \.operator, .optional(.string)),
        F("value", \.value, .optional(.string)),
        F("effect", \.effect, .optional(.string)),
        F("tolerationSeconds", \.tolerationSeconds, .optional(.int64)),
    ])

let podSecurityContextSchema = StructSchema<PodSecurityContext>(
    "v1.PodSecurityContext", make: { PodSecurityContext() },
    [
        F("runAsUser", \.runAsUser, .optional(.int64)),
        F("runAsGroup", \.runAsGroup, .optional(.int64)),
        F("runAsNonRoot", \.runAsNonRoot, .optional(.bool)),
        F("fsGroup", \.fsGroup, .optional(.int64)),
    ])

let podSpecSchema = StructSchema<PodSpec>(
    "v1.PodSpec", make: { PodSpec() },
    [
        F("volumes", \.volumes, .array(.object(volumeSchema))),
        F("containers", \.containers, .array(.object(containerSchema)), omitEmpty: false),
        F("restartPolicy", \.restartPolicy, .string),
        F("terminationGracePeriodSeconds", \.terminationGracePeriodSeconds, .int64, omitEmpty: false),
        F("activeDeadlineSeconds", \.activeDeadlineSeconds, .optional(.int64)),
        F("dnsPolicy", \.dnsPolicy, .string),
        F("nodeSelector", \.nodeSelector, .map(.string)),
        F("serviceAccountName", \.serviceAccountName, .string),
        // The deprecated alias the server still fills in and prints.
        FieldCodec(
            name: "serviceAccount",
            read: { spec, node, state, ctx in
                if let s = Codec<String>.string.read(node, &state, ctx), !s.isEmpty { spec.serviceAccountName = s }
            },
            write: { $0.serviceAccountName.isEmpty ? nil : .string($0.serviceAccountName) }),
        F("nodeName", \.nodeName, .optional(.string)),
        F("hostname", \.hostname, .optional(.string)),
        F("securityContext", \.securityContext, .object(podSecurityContextSchema)),
        F("schedulerName", \.schedulerName, .string),
        F("tolerations", \.tolerations, .array(.object(tolerationSchema))),
        F("priority", \.priority, .int32, omitEmpty: false),
        F("enableServiceLinks", \.enableServiceLinks, .bool, omitEmpty: false),
        F("preemptionPolicy", \.preemptionPolicy, .string),
    ])

/// Fields a real server fills in only on pods (admission), never in templates: printed in a
/// template only when the user set them to something else.
private let podOnlyDefaults: [String: JSONValue] = [
    "enableServiceLinks": .bool(true), "preemptionPolicy": .string("PreemptLowerPriority"), "priority": .int(0),
    "serviceAccount": .string("default"), "serviceAccountName": .string("default"),
]

let podTemplateSpecSchema = StructSchema<PodTemplateSpec>(
    "v1.PodTemplateSpec", make: { PodTemplateSpec() },
    [
        F("metadata", \.metadata, .object(objectMetaSchema)),
        FieldCodec(
            name: "spec",
            read: { t, node, state, ctx in if let s = podSpecSchema.read(node, &state, ctx) { t.spec = s } },
            write: { t in
                guard case .object(let fields) = podSpecSchema.write(t.spec) else { return nil }
                return .object(fields.filter { podOnlyDefaults[$0.0] != $0.1 })
            }),
    ])

let podSchema = StructSchema<Pod>(
    "v1.Pod", make: { Pod() },
    [
        .constant("apiVersion", Pod.apiVersion),
        .constant("kind", Pod.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(podSpecSchema)),
        F("status", \.status, .object(podStatusSchema)),
    ])
