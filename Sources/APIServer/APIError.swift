import KubeAPI
import YAML

/// A failed API request as kube-apiserver reports it: a `Status` with reason, code, message, details
/// (apimachinery's `StatusError`, built once here and rendered by every client).
public struct APIError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Cause: Equatable, Sendable {
        public var reason: String
        public var message: String
        public var field: String

        public init(reason: String, message: String, field: String) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    /// HTTP status code (404, 409, 422 …).
    public var code: Int
    /// `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `BadRequest`, `Expired` …
    public var reason: String
    public var message: String
    /// `details.name`, `details.group`, `details.kind` (plural for most errors, Kind for Invalid).
    public var name: String? = nil
    public var group: String? = nil
    public var kind: String? = nil
    public var causes: [Cause] = []
    public var retryAfterSeconds: Int? = nil

    public init(code: Int, reason: String, message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// kubectl's line for it: `Error from server (NotFound): pods "x" not found`.
    public var kubectlMessage: String {
        if reason == "Invalid", !causes.isEmpty {
            // kubectl rebuilds Invalid messages from details (cmdutil.CheckErr).
            let prefix = "The \(kind ?? "") \(goQuoted(name ?? "")) is invalid: "
            let lines = causes.map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" }
            return lines.count == 1 ? prefix + lines[0] : ([prefix] + lines.map { "* \($0)" }).joined(separator: "\n")
        }
        return "Error from server (\(reason.isEmpty ? "InternalError" : reason)): \(message)"
    }

    // MARK: Constructors (apimachinery's errors.New*)

    /// `details` naming the object the error is about (kind: the resource's plural).
    private func about(_ resource: ResourceKind, _ name: String) -> APIError {
        var e = self
        e.name = name
        e.group = resource.group.isEmpty ? nil : resource.group
        e.kind = resource.plural
        return e
    }

    public static func notFound(_ resource: ResourceKind, _ name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(resource.qualifiedPlural) \(goQuoted(name)) not found").about(resource, name)
    }

    public static func alreadyExists(_ resource: ResourceKind, _ name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedPlural) \(goQuoted(name)) already exists").about(resource, name)
    }

    public static func conflict(_ resource: ResourceKind, _ name: String, _ why: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(resource.qualifiedPlural) \(goQuoted(name)): \(why)").about(resource, name)
    }

    public static func stale(_ resource: ResourceKind, _ name: String) -> APIError {
        conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again")
    }

    public static func invalid(_ resource: ResourceKind, _ name: String, _ errors: [FieldError]) -> APIError {
        var e = APIError(code: 422, reason: "Invalid", message: invalidObjectMessage(kind: resource.kind, name: name, errors: errors))
        e.name = name
        e.group = resource.group.isEmpty ? nil : resource.group
        e.kind = resource.kind
        e.causes = errors.map { Cause(reason: $0.causeType, message: $0.body, field: $0.field) }
        return e
    }

    public static func badRequest(_ message: String) -> APIError { APIError(code: 400, reason: "BadRequest", message: message) }

    public static func methodNotSupported(_ resource: ResourceKind, _ verb: String) -> APIError {
        var e = APIError(code: 405, reason: "MethodNotAllowed", message: "\(verb) is not supported on resources of kind \(goQuoted(resource.qualifiedPlural))")
        e.group = resource.group.isEmpty ? nil : resource.group
        e.kind = resource.plural
        return e
    }

    /// A watch or list from a resourceVersion the server no longer remembers.
    public static func gone(_ message: String) -> APIError { APIError(code: 410, reason: "Expired", message: message) }

    public static func unauthorized() -> APIError { APIError(code: 401, reason: "Unauthorized", message: "Unauthorized") }

    public static func pageNotFound() -> APIError { APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource") }

    public static func tooLarge() -> APIError { APIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728") }

    public static func unsupportedMediaType(_ type: String) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
    }

    public static func forbidden(_ resource: ResourceKind, _ name: String, _ why: String) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: "\(resource.qualifiedPlural) \(goQuoted(name)) is forbidden: \(why)").about(resource, name)
    }

    public static func internalError(_ why: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(why)")
    }

    /// The `Status` object a REST client receives.
    public var status: JSONValue {
        var details: [(String, JSONValue)] = []
        if let name { details.append(("name", .string(name))) }
        if let group { details.append(("group", .string(group))) }
        if let kind { details.append(("kind", .string(kind))) }
        if !causes.isEmpty {
            details.append(("causes", .array(causes.map {
                .object([("reason", .string($0.reason)), ("message", .string($0.message)), ("field", .string($0.field))])
            })))
        }
        if let retryAfterSeconds { details.append(("retryAfterSeconds", .int(retryAfterSeconds))) }
        var fields: [(String, JSONValue)] = [
            ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
            ("status", .string("Failure")), ("message", .string(message)), ("reason", .string(reason)),
        ]
        if !details.isEmpty { fields.append(("details", .object(details))) }
        fields.append(("code", .int(code)))
        return .object(fields)
    }
}

extension FieldError {
    /// `metav1.CauseType` for this error.
    var causeType: String {
        switch kind {
        case .required: return "FieldValueRequired"
        case .invalid: return "FieldValueInvalid"
        case .duplicate: return "FieldValueDuplicate"
        case .notSupported: return "FieldValueNotSupported"
        case .forbidden: return "FieldValueForbidden"
        case .notFound: return "FieldValueNotFound"
        }
    }
}
