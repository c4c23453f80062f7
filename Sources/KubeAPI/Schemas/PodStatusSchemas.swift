import YAML
import Foundation

let containerStateWaitingSchema = StructSchema<ContainerStateWaiting>(
    "v1.ContainerStateWaiting", make: { ContainerStateWaiting(reason: "") },
    [
        F("reason", \.reason, .string),
        F("message", \.message, .optional(.string)),
    ])

let containerStateRunningSchema = StructSchema<ContainerStateRunning>(
    "v1.ContainerStateRunning", make: { ContainerStateRunning(startedAt: Date(timeIntervalSince1970: 0)) },
    [F("startedAt", \.startedAt, .time, omitEmpty: false)])

let containerStateTerminatedSchema = StructSchema<ContainerStateTerminated>(
    "v1.ContainerStateTerminated",
    make: { ContainerStateTerminated(exitCode: 0, reason: "", finishedAt: Date(timeIntervalSince1970: 0)) },
    [
        F("exitCode", \.exitCode, .int32, omitEmpty: false),
        F("signal", \.signal, .optional(.int32)),
        F("reason", \.reason, .string),
        F("message", \.message, .optional(.string)),
        .timeOrNull("startedAt", \.startedAt),
        F("finishedAt", \.finishedAt, .time, omitEmpty: false),
        F("containerID", \.containerID, .optional(.string)),
    ])

let containerStateSchema = StructSchema<ContainerState>(
    "v1.ContainerState", make: { ContainerState() },
    [
        F("waiting", \.waiting, .optional(.object(containerStateWaitingSchema))),
        F("running", \.running, .optional(.object(containerStateRunningSchema))),
        F("terminated", \.terminated, .optional(.object(containerStateTerminatedSchema))),
    ])

let containerStatusSchema = StructSchema<ContainerStatus>(
    "v1.ContainerStatus", make: { ContainerStatus(name: "", image: "") },
    [
        F("name", \.name, .string, omitEmpty: false),
        F("state", \.state, .object(containerStateSchema)),
        F("lastState", \.lastState, .object(containerStateSchema)),
        F("ready", \.ready, .bool, omitEmpty: false),
        F("restartCount", \.restartCount, .int32, omitEmpty: false),
        F("image", \.image, .string, omitEmpty: false),
        F("imageID", \.imageID, .string, omitEmpty: false),
        F("containerID", \.containerID, .optional(.string)),
        F("started", \.started, .optional(.bool)),
    ])

let podConditionSchema = StructSchema<PodCondition>(
    "v1.PodCondition", make: { PodCondition(type: "", status: "") },
    [
        F("type", \.type, .string, omitEmpty: false),
        F("status", \.status, .string, omitEmpty: false),
        .timeOrNull("lastProbeTime", \.lastProbeTime),
        .timeOrNull("lastTransitionTime", \.lastTransitionTime),
        F("reason", \.reason, .optional(.string)),
        F("message", \.message, .optional(.string)),
    ])

/// `v1.PodIP` / `v1.HostIP`: `{ip: …}`, held as the address alone.
let ipSchema = StructSchema<String>("v1.PodIP", make: { "" }, [F("ip", \.self, .string, omitEmpty: false)])
let hostIPSchema = StructSchema<String>("v1.HostIP", make: { "" }, [F("ip", \.self, .string, omitEmpty: false)])

let podStatusSchema = StructSchema<PodStatus>(
    "v1.PodStatus", make: { PodStatus() },
    [
        F("phase", \.phase, .string),
        F("conditions", \.conditions, .array(.object(podConditionSchema))),
        F("message", \.message, .optional(.string)),
        F("reason", \.reason, .optional(.string)),
        F("hostIP", \.hostIP, .optional(.string)),
        F("hostIPs", \.hostIPs, .array(.object(hostIPSchema))),
        F("podIP", \.podIP, .optional(.string)),
        F("podIPs", \.podIPs, .array(.object(ipSchema))),
        F("startTime", \.startTime, .optional(.time)),
        F("initContainerStatuses", \.initContainerStatuses, .array(.object(containerStatusSchema))),
        F("containerStatuses", \.containerStatuses, .array(.object(containerStatusSchema))),
        F("qosClass", \.qosClass, .string),
    ])
