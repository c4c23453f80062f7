import APIServer
import KubeAPI
import YAML

/// The create-only review resources that `kubectl auth can-i` and `kubectl auth whoami` post:
/// nothing is stored, the server answers about the caller. kubetutor has one user, the holder of
/// its kubeconfig's token, who is the cluster's administrator (as kind's `kubernetes-admin` is).
struct ReviewResource: Equatable, Sendable {
    let group: String
    let version: String
    let plural: String
    let singular: String
    let kind: String

    static let all = [
        ReviewResource(group: "authentication.k8s.io", version: "v1", plural: "selfsubjectreviews", singular: "selfsubjectreview", kind: "SelfSubjectReview"),
        ReviewResource(group: "authorization.k8s.io", version: "v1", plural: "selfsubjectaccessreviews", singular: "selfsubjectaccessreview", kind: "SelfSubjectAccessReview"),
        ReviewResource(group: "authorization.k8s.io", version: "v1", plural: "selfsubjectrulesreviews", singular: "selfsubjectrulesreview", kind: "SelfSubjectRulesReview"),
    ]

    static var groups: [String] {
        var names: [String] = []
        for r in all where !names.contains(r.group) { names.append(r.group) }
        return names
    }

    static func lookup(group: String, version: String, plural: String) -> ReviewResource? {
        all.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    static let username = "kubernetes-admin"
    static let userGroups = ["system:masters", "system:authenticated"]

    /// The review with its status filled in, as kube-apiserver returns it (201 Created).
    func answer(_ body: JSONValue) throws -> JSONValue {
        guard case .object = body else { throw APIError.badRequest("the body of the request was in an unknown format") }
        if case .string(let kind)? = body["kind"], kind != self.kind {
            throw APIError.badRequest("the kind \(goQuoted(kind)) of the object does not match the endpoint \(goQuoted(self.kind))")
        }
        var fields: [(String, JSONValue)] = [
            ("kind", .string(kind)), ("apiVersion", .string("\(group)/\(version)")),
            ("metadata", .object([("creationTimestamp", .null)])),
        ]
        switch kind {
        case "SelfSubjectReview":
            fields.append(("status", .object([("userInfo", .object([
                ("username", .string(Self.username)), ("groups", .array(Self.userGroups.map(JSONValue.string))),
            ]))])))
        case "SelfSubjectAccessReview":
            guard let spec = body["spec"], spec["resourceAttributes"] != nil || spec["nonResourceAttributes"] != nil else {
                var e = APIError(code: 422, reason: "Invalid", message: "\(kind).\(group) \"\" is invalid: spec.resourceAttributes: "
                    + "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified")
                e.kind = kind
                e.group = group
                e.name = ""
                e.causes = [APIError.Cause(reason: "FieldValueRequired", message: "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
                                           field: "spec.resourceAttributes")]
                throw e
            }
            fields.append(("spec", spec))
            fields.append(("status", .object([("allowed", .bool(true))])))
        default:
            fields.append(("spec", body["spec"] ?? .object([])))
            fields.append(("status", Self.rules))
        }
        return .object(fields)
    }

    /// What the administrator may do: everything (cluster-admin), plus the rules every
    /// authenticated user has (system:basic-user, system:discovery, system:public-info-viewer).
    static let rules: JSONValue = {
        func rule(_ verbs: [String], _ groups: [String], _ resources: [String]) -> JSONValue {
            .object([("verbs", .array(verbs.map(JSONValue.string))), ("apiGroups", .array(groups.map(JSONValue.string))),
                     ("resources", .array(resources.map(JSONValue.string)))])
        }
        let urls = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]
        return .object([
            ("resourceRules", .array([
                rule(["*"], ["*"], ["*"]),
                rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            ])),
            ("nonResourceRules", .array([
                .object([("verbs", .array([.string("*")])), ("nonResourceURLs", .array([.string("*")]))]),
                .object([("verbs", .array([.string("get")])), ("nonResourceURLs", .array(urls.map(JSONValue.string)))]),
            ])),
            ("incomplete", .bool(false)),
        ])
    }()

    /// Its entry in `/apis/<group>/<version>` discovery.
    var discoveryEntry: JSONValue {
        .object([
            ("name", .string(plural)), ("singularName", .string(singular)), ("namespaced", .bool(false)),
            ("kind", .string(kind)), ("verbs", .array([.string("create")])),
        ])
    }
}
