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
        F("subPath", \.subPath, .optional(.string)),
    ])

let emptyDirSchema = StructSchema<EmptyDirVolumeSource>(
    "v1.EmptyDirVolumeSource", make: { EmptyDirVolumeSource() },
    [
        F("medium", \.medium, .optional(.string)),
        F("sizeLimit", \.sizeLimit, .optional(.quantity)),
    ])

let hostPathSchema = StructSchema<HostPathVolumeSource>(
    "v1.HostPathVolumeSource", make: { HostPathVolumeSource() },
    [
        F("path", \.path, .string, omitEmpty: false),
        F("type", \.type, .optional(.string)),
    ])

let objectFieldSelectorSchema = StructSchema<ObjectFieldSelector>(
    "v1.ObjectFieldSelector", make: { ObjectFieldSelector() },
    [
        F("apiVersion", \.apiVersion, .optional(.string)),
        F("fieldPath", \.fieldPath, .string, omitEmpty: false),
    ])

let resourceFieldSelectorSchema = StructSchema<ResourceFieldSelector>(
    "v1.ResourceFieldSelector", make: { ResourceFieldSelector() },
    [
        F("containerName", \.containerName, .optional(.string)),
        F("resource", \.resource, .string, omitEmpty: false),
        F("divisor", \.divisor, .optional(.quantity)),
    ])

let downwardAPIVolumeFileSchema = StructSchema<DownwardAPIVolumeFile>(
    "v1.DownwardAPIVolumeFile", make: { DownwardAPIVolumeFile() },
    [
        F("path", \.path, .string, omitEmpty: false),
        F("fieldRef", \.fieldRef, .optional(.object(objectFieldSelectorSchema))),
        F("resourceFieldRef", \.resourceFieldRef, .optional(.object(resourceFieldSelectorSchema))),
        F("mode", \.mode, .optional(.int32)),
    ])

let downwardAPIVolumeSchema = StructSchema<DownwardAPIVolumeSource>(
    "v1.DownwardAPIVolumeSource", make: { DownwardAPIVolumeSource() },
    [
        F("items", \.items, .array(.object(downwardAPIVolumeFileSchema))),
        F("defaultMode", \.defaultMode, .optional(.int32)),
    ])

/// A decoded volume starts with no source; defaulting makes a source-less one an emptyDir.
let volumeSchema = StructSchema<Volume>(
    "v1.Volume", make: { var v = Volume(name: ""); v.emptyDir = nil; return v },
    [
        F("name", \.name, .string, omitEmpty: false),
        F("emptyDir", \.emptyDir, .optional(.object(emptyDirSchema)), omitEmpty: false),
        F("hostPath", \.hostPath, .optional(.object(hostPathSchema))),
        F("downwardAPI", \.downwardAPI, .optional(.object(downwardAPIVolumeSchema))),
    ])

let capabilitiesSchema = StructSchema<Capabilities>(
    "v1.Capabilities", make: { Capabilities() },
    [
        F("add", \.add, .array(.string)),
        F("drop", \.drop, .array(.string)),
    ])

let securityContextSchema = StructSchema<SecurityContext>(
    "v1.SecurityContext", make: { SecurityContext() },
    [
        F("allowPrivilegeEscalation", \.allowPrivilegeEscalation, .optional(.bool)),
        F("capabilities", \.capabilities, .optional(.object(capabilitiesSchema))),
        F("privileged", \.privileged, .optional(.bool)),
        F("readOnlyRootFilesystem", \.readOnlyRootFilesystem, .optional(.bool)),
        F("runAsGroup", \.runAsGroup, .optional(.int64)),
        F("runAsNonRoot", \.runAsNonRoot, .optional(.bool)),
        F("runAsUser", \.runAsUser, .optional(.int64)),
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
        F("securityContext", \.securityContext, .optional(.object(securityContextSchema))),
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
        F("initContainers", \.initContainers, .array(.object(containerSchema))),
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
