import Foundation

/// Metadata every API object carries (metav1.ObjectMeta), with Kubernetes' JSON field names.
public struct ObjectMeta: Equatable, Sendable {
    public var name: String = ""
    public var generateName: String? = nil
    public var namespace: String? = nil
    public var uid: String = ""
    public var resourceVersion: String = ""
    public var generation: Int64? = nil
    public var creationTimestamp: Date? = nil
    public var deletionTimestamp: Date? = nil
    public var deletionGracePeriodSeconds: Int64? = nil
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]
    public var ownerReferences: [OwnerReference] = []
    public var finalizers: [String] = []
    public init() {}
}

public struct OwnerReference: Equatable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool? = true
    public var blockOwnerDeletion: Bool? = true
    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = true, blockOwnerDeletion: Bool? = true) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// A reference to an object, as in an Event's involvedObject.
public struct ObjectReference: Equatable, Sendable {
    public var kind: String = ""
    public var namespace: String? = nil
    public var name: String = ""
    public var uid: String? = nil
    public var apiVersion: String? = nil
    public var resourceVersion: String? = nil
    public var fieldPath: String? = nil
    public init() {}
}

public struct LabelSelectorRequirement: Equatable, Sendable {
    public var key: String
    /// In, NotIn, Exists, DoesNotExist
    public var `operator`: String
    public var values: [String] = []
    public init(key: String, operator op: String, values: [String] = []) {
        self.key = key
        self.operator = op
        self.values = values
    }
}

public struct LabelSelector: Equatable, Sendable {
    public var matchLabels: [String: String] = [:]
    public var matchExpressions: [LabelSelectorRequirement] = []
    public init(matchLabels: [String: String] = [:], matchExpressions: [LabelSelectorRequirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// `intstr.IntOrString`, e.g. maxSurge: 25% or 1.
public enum IntOrString: Equatable, Sendable {
    case int(Int)
    case string(String)
}
