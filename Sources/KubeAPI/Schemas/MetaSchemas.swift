import YAML
import Foundation

let ownerReferenceSchema = StructSchema<OwnerReference>(
    "v1.OwnerReference",
    make: { OwnerReference(apiVersion: "", kind: "", name: "", uid: "", controller: nil, blockOwnerDeletion: nil) },
    [
        F("apiVersion", \.apiVersion, .string, omitEmpty: false),
        F("kind", \.kind, .string, omitEmpty: false),
        F("name", \.name, .string, omitEmpty: false),
        F("uid", \.uid, .string, omitEmpty: false),
        F("controller", \.controller, .optional(.bool)),
        F("blockOwnerDeletion", \.blockOwnerDeletion, .optional(.bool)),
    ])

let objectMetaSchema = StructSchema<ObjectMeta>(
    "v1.ObjectMeta", make: { ObjectMeta() },
    [
        F("name", \.name, .string),
        F("generateName", \.generateName, .optional(.string)),
        F("namespace", \.namespace, .optional(.string)),
        F("uid", \.uid, .string),
        F("resourceVersion", \.resourceVersion, .string),
        F("generation", \.generation, .optional(.int64)),
        .timeOrNull("creationTimestamp", \.creationTimestamp),
        F("deletionTimestamp", \.deletionTimestamp, .optional(.time)),
        F("deletionGracePeriodSeconds", \.deletionGracePeriodSeconds, .optional(.int64)),
        F("labels", \.labels, .map(.string)),
        F("annotations", \.annotations, .map(.string)),
        F("ownerReferences", \.ownerReferences, .array(.object(ownerReferenceSchema))),
        F("finalizers", \.finalizers, .array(.string)),
        .accepted("selfLink", Codec<String>.string),
    ])

let objectReferenceSchema = StructSchema<ObjectReference>(
    "v1.ObjectReference", make: { ObjectReference() },
    [
        F("kind", \.kind, .string),
        F("namespace", \.namespace, .optional(.string)),
        F("name", \.name, .string),
        F("uid", \.uid, .optional(.string)),
        F("apiVersion", \.apiVersion, .optional(.string)),
        F("resourceVersion", \.resourceVersion, .optional(.string)),
        F("fieldPath", \.fieldPath, .optional(.string)),
    ])

let labelSelectorRequirementSchema = StructSchema<LabelSelectorRequirement>(
    "v1.LabelSelectorRequirement", make: { LabelSelectorRequirement(key: "", operator: "") },
    [
        F("key", \.key, .string, omitEmpty: false),
        F("operator", \.operator, .string, omitEmpty: false),
        F("values", \.values, .array(.string)),
    ])

let labelSelectorSchema = StructSchema<LabelSelector>(
    "v1.LabelSelector", make: { LabelSelector() },
    [
        F("matchLabels", \.matchLabels, .map(.string)),
        F("matchExpressions", \.matchExpressions, .array(.object(labelSelectorRequirementSchema))),
    ])
