import YAML
import Foundation

let taintSchema = StructSchema<Taint>(
    "v1.Taint", make: { Taint(key: "", effect: "") },
    [
        F("key", \.key, .string, omitEmpty: false),
        F("value", \.value, .optional(.string)),
        F("effect", \.effect, .string, omitEmpty: false),
        F("timeAdded", \.timeAdded, .optional(.time)),
    ])

let nodeSpecSchema = StructSchema<NodeSpec>(
    "v1.NodeSpec", make: { NodeSpec() },
    [
        F("podCIDR", \.podCIDR, .optional(.string)),
        F("podCIDRs", \.podCIDRs, .array(.string)),
        F("taints", \.taints, .array(.object(taintSchema))),
        F("unschedulable", \.unschedulable, .bool),
    ])

let nodeConditionSchema = StructSchema<NodeCondition>(
    "v1.NodeCondition", make: { NodeCondition(type: "", status: "") },
    [
        F("type", \.type, .string, omitEmpty: false),
        F("status", \.status, .string, omitEmpty: false),
        .timeOrNull("lastHeartbeatTime", \.lastHeartbeatTime),
        .timeOrNull("lastTransitionTime", \.lastTransitionTime),
        F("reason", \.reason, .optional(.string)),
        F("message", \.message, .optional(.string)),
    ])

let nodeAddressSchema = StructSchema<NodeAddress>(
    "v1.NodeAddress", make: { NodeAddress(type: "", address: "") },
    [
        F("type", \.type, .string, omitEmpty: false),
        F("address", \.address, .string, omitEmpty: false),
    ])

let nodeSystemInfoSchema = StructSchema<NodeSystemInfo>(
    "v1.NodeSystemInfo", make: { NodeSystemInfo() },
    [
        F("machineID", \.machineID, .string, omitEmpty: false),
        F("kernelVersion", \.kernelVersion, .string, omitEmpty: false),
        F("osImage", \.osImage, .string, omitEmpty: false),
        F("containerRuntimeVersion", \.containerRuntimeVersion, .string, omitEmpty: false),
        F("kubeletVersion", \.kubeletVersion, .string, omitEmpty: false),
        F("kubeProxyVersion", \.kubeProxyVersion, .string, omitEmpty: false),
        F("operatingSystem", \.operatingSystem, .string, omitEmpty: false),
        F("architecture", \.architecture, .string, omitEmpty: false),
    ])

let nodeStatusSchema = StructSchema<NodeStatus>(
    "v1.NodeStatus", make: { NodeStatus() },
    [
        F("capacity", \.capacity, .map(.quantity, goType: "v1.ResourceList")),
        F("allocatable", \.allocatable, .map(.quantity, goType: "v1.ResourceList")),
        F("conditions", \.conditions, .array(.object(nodeConditionSchema))),
        F("addresses", \.addresses, .array(.object(nodeAddressSchema))),
        F("nodeInfo", \.nodeInfo, .object(nodeSystemInfoSchema)),
    ])

let nodeSchema = StructSchema<Node>(
    "v1.Node", make: { Node() },
    [
        .constant("apiVersion", Node.apiVersion),
        .constant("kind", Node.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(nodeSpecSchema)),
        F("status", \.status, .object(nodeStatusSchema)),
    ])

let eventSourceSchema = StructSchema<EventSource>(
    "v1.EventSource", make: { EventSource() },
    [
        F("component", \.component, .optional(.string)),
        F("host", \.host, .optional(.string)),
    ])

let eventSchema = StructSchema<Event>(
    "v1.Event", make: { Event() },
    [
        .constant("apiVersion", Event.apiVersion),
        .constant("kind", Event.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("involvedObject", \.involvedObject, .object(objectReferenceSchema)),
        F("reason", \.reason, .string),
        F("message", \.message, .string),
        F("source", \.source, .object(eventSourceSchema)),
        .timeOrNull("firstTimestamp", \.firstTimestamp),
        .timeOrNull("lastTimestamp", \.lastTimestamp),
        F("count", \.count, .int32),
        F("type", \.type, .string),
        // kubetutor records core/v1 events only; the events.k8s.io time is accepted and printed as null.
        .accepted("eventTime", Codec<Date>.time, writes: .null),
        F("reportingComponent", \.reportingComponent, .string, omitEmpty: false),
        F("reportingInstance", \.reportingInstance, .string, omitEmpty: false),
    ])
