/// Field docs for the types every object shares: metadata, owner references, label selectors.
/// Format (see `FieldDocs`): `# Type: description`, then `name <type>[!] description` per field.
let metaFieldDocs = """
# ObjectMeta: Metadata every object carries: its name, namespace, labels and the bookkeeping the control plane adds.
name <string> The object's name, unique among objects of its kind in a namespace. Pods, Deployments and most objects need a DNS-1123 name: lower-case letters, digits and '-'.
generateName <string> A prefix from which the server makes a unique name when `name` is empty (controllers name their pods this way).
namespace <string> The namespace the object lives in. Empty means the namespace of the command (`default` unless `-n` says otherwise).
uid <string> A unique id the server assigns at creation. Read-only.
resourceVersion <string> The version of the object in the store, changed by every write; used by watches and to detect conflicting updates. Read-only.
generation <integer> A counter of changes to the desired state (spec), increased by the server. Read-only.
creationTimestamp <string> When the server created the object (RFC 3339). Read-only.
deletionTimestamp <string> Set when deletion was requested: the object is Terminating until its grace period ends. Read-only.
deletionGracePeriodSeconds <integer> Seconds the object was given to shut down when deletion was requested. Read-only.
labels <map[string]string> Key/value pairs used to select objects: a Deployment's selector, `kubectl get -l app=web`. Keys and values are short words.
annotations <map[string]string> Key/value pairs for tools and people; not used for selection, values may be long.
ownerReferences <[]OwnerReference> The objects this one belongs to (a pod's ReplicaSet, a ReplicaSet's Deployment). When the owner is deleted, the garbage collector deletes this object too.
finalizers <[]string> Names of tasks that must finish before the object is removed from the store.
selfLink <string> Deprecated and always empty; accepted so that old manifests still load.

# OwnerReference: A pointer to the object that owns this one.
apiVersion <string>! The owner's API version, e.g. `apps/v1`.
kind <string>! The owner's kind, e.g. `ReplicaSet`.
name <string>! The owner's name.
uid <string>! The owner's uid: a new object with the same name is a different owner.
controller <boolean> True for the one owner that manages this object (a pod's ReplicaSet).
blockOwnerDeletion <boolean> With foreground deletion, the owner is removed only after this object is gone.

# LabelSelector: Which objects to pick by their labels. All conditions must hold; an empty selector matches everything.
matchLabels <map[string]string> Labels an object must have, with exactly these values.
matchExpressions <[]LabelSelectorRequirement> Conditions on label keys: In, NotIn, Exists, DoesNotExist.

# LabelSelectorRequirement: One condition on a label key.
key <string>! The label key the condition is about.
operator <string>! In, NotIn, Exists or DoesNotExist.
values <[]string> The values for In and NotIn; must be empty for Exists and DoesNotExist.

# ObjectReference: A pointer to another object, e.g. the object an event is about.
kind <string> The object's kind.
namespace <string> The object's namespace.
name <string> The object's name.
uid <string> The object's uid.
apiVersion <string> The object's API version.
resourceVersion <string> The object's version when the reference was made.
fieldPath <string> A part of the object, e.g. `spec.containers{nginx}` for one container.
"""
