/// Field docs for Namespace (see `FieldDocs` for the format).
let namespaceFieldDocs = """
# Namespace: A name scope for objects: names need to be unique only within one namespace.
apiVersion <string> The schema version of the object; `v1` for a Namespace.
kind <string> The kind of object, in CamelCase: `Namespace`.
metadata <ObjectMeta> The namespace's name and labels. Namespaces have no namespace themselves.
spec <NamespaceSpec> What must happen before the namespace can go.
status <NamespaceStatus> Whether the namespace is in use or being deleted. Read-only.

# NamespaceSpec: The desired state of a namespace.
finalizers <[]string> Work left before the namespace is removed; `kubernetes` until its objects are gone.

# NamespaceStatus: The observed state of a namespace. Read-only.
phase <string> Active, or Terminating while the objects in it are being deleted.
"""
