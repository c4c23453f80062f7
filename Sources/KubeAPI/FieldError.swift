/// A value as the API server prints it inside a validation error (Go's `%q`, `%v` or `%#v`).
public enum FieldValue: Equatable, Sendable {
    case string(String)
    case int(Int)
    /// Already rendered Go syntax, e.g. `map[string]string{"app":"db"}`.
    case goSyntax(String)

    var rendered: String {
        switch self {
        case .string(let s): return goQuoted(s)
        case .int(let i): return String(i)
        case .goSyntax(let s): return s
        }
    }
}

/// One validation failure at a field path (Kubernetes' `field.Error`), e.g.
/// `spec.containers[0].image: Required value`.
public struct FieldError: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case required
        case invalid(FieldValue)
        case duplicate(FieldValue)
        case notSupported(FieldValue, supported: [String])
        case forbidden
        case notFound(FieldValue)
    }

    public var field: String
    public var kind: Kind
    public var detail: String

    public init(_ field: String, _ kind: Kind, _ detail: String = "") {
        self.field = field
        self.kind = kind
        self.detail = detail
    }

    public static func required(_ field: String, _ detail: String = "") -> FieldError { FieldError(field, .required, detail) }
    public static func invalid(_ field: String, _ value: FieldValue, _ detail: String) -> FieldError { FieldError(field, .invalid(value), detail) }
    public static func invalid(_ field: String, _ value: String, _ detail: String) -> FieldError { FieldError(field, .invalid(.string(value)), detail) }
    public static func invalid(_ field: String, _ value: Int, _ detail: String) -> FieldError { FieldError(field, .invalid(.int(value)), detail) }
    public static func duplicate(_ field: String, _ value: String) -> FieldError { FieldError(field, .duplicate(.string(value))) }
    public static func notSupported(_ field: String, _ value: String, _ supported: [String]) -> FieldError {
        FieldError(field, .notSupported(.string(value), supported: supported))
    }
    public static func forbidden(_ field: String, _ detail: String) -> FieldError { FieldError(field, .forbidden, detail) }
    public static func notFound(_ field: String, _ value: String) -> FieldError { FieldError(field, .notFound(.string(value))) }

    /// The part after the field path: `Invalid value: "x": detail`.
    public var body: String {
        var s: String
        switch kind {
        case .required: s = "Required value"
        case .forbidden: s = "Forbidden"
        case .invalid(let v): s = "Invalid value: \(v.rendered)"
        case .duplicate(let v): s = "Duplicate value: \(v.rendered)"
        case .notFound(let v): s = "Not found: \(v.rendered)"
        case .notSupported(let v, let supported):
            s = "Unsupported value: \(v.rendered)"
            if !supported.isEmpty { s += ": supported values: " + supported.map(goQuoted).joined(separator: ", ") }
        }
        if !detail.isEmpty { s += ": \(detail)" }
        return s
    }

    public var description: String { "\(field): \(body)" }
}

/// The API server's Invalid status message, as kubectl prints it: one error inline, several as a list.
public func invalidObjectMessage(kind: String, name: String, errors: [FieldError]) -> String {
    let prefix = "The \(kind) \(goQuoted(name)) is invalid: "
    if errors.count == 1 { return prefix + errors[0].description }
    return ([prefix] + errors.map { "* \($0.description)" }).joined(separator: "\n")
}

/// Go's `%q` for the strings that appear in API errors.
public func goQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Go's `%#v` of a `map[string]string` (keys sorted, as fmt prints maps).
/// An empty map prints as a nil one: a manifest without labels decodes to a nil Go map.
func goMapSyntax(_ map: [String: String]) -> String {
    if map.isEmpty { return "map[string]string(nil)" }
    let body = map.keys.sorted().map { "\(goQuoted($0)):\(goQuoted(map[$0] ?? ""))" }.joined(separator: ", ")
    return "map[string]string{\(body)}"
}
