import YAML

let namespaceSpecSchema = StructSchema<NamespaceSpec>(
    "v1.NamespaceSpec", make: { NamespaceSpec() },
    [F("finalizers", \.finalizers, .array(.string))])

let namespaceStatusSchema = StructSchema<NamespaceStatus>(
    "v1.NamespaceStatus", make: { NamespaceStatus() },
    [F("phase", \.phase, .optional(.string))])

let namespaceSchema = StructSchema<Namespace>(
    "v1.Namespace", make: { Namespace() },
    [
        .constant("apiVersion", Namespace.apiVersion),
        .constant("kind", Namespace.kind),
        F("metadata", \.metadata, .object(objectMetaSchema)),
        F("spec", \.spec, .object(namespaceSpecSchema)),
        F("status", \.status, .object(namespaceStatusSchema)),
    ])
