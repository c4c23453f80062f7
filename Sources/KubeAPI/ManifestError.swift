import YAML

/// A field the target struct does not have (`spec.containers[0].imagee`), with where it was written.
public struct UnknownField: Equatable, Sendable {
    public var path: String
    public var mark: Mark
    public init(path: String, mark: Mark) {
        self.path = path
        self.mark = mark
    }
}

/// A value of the wrong JSON type for its Go field, described as encoding/json does.
public struct TypeMismatch: Equatable, Sendable {
    /// "string", "number", "number 3.5", "bool", "object", "array".
    public var found: String
    /// The innermost Go struct holding the field, e.g. "DeploymentSpec".
    public var goStruct: String
    /// JSON field names from the root, without indices, e.g. "spec.template.spec.containers.env.value".
    public var goField: String
    /// The Go type receiving the value, e.g. "int32", "[]v1.Container".
    public var goType: String
    /// The path with indices, for pointing at the source: "spec.template.spec.containers[0].env[1].value".
    public var path: String
    public var mark: Mark

    /// encoding/json's wording.
    public var message: String {
        "json: cannot unmarshal \(found) into Go struct field \(goStruct).\(goField) of type \(goType)"
    }
}

/// Why the API server could not turn the body into its Go struct.
public enum DecodeProblem: Equatable, Sendable {
    /// Strict decoding: every field the struct lacks, in the order the server meets them (keys sorted).
    case unknownFields([UnknownField])
    /// The first value of the wrong type.
    case typeMismatch(TypeMismatch)
    /// A value of the right JSON type that its type's own parser rejects (a timestamp, a quantity).
    case malformed(message: String, path: String, mark: Mark)

    public var message: String {
        switch self {
        case .unknownFields(let fields):
            return "strict decoding error: " + fields.map { "unknown field \(goQuoted($0.path))" }.joined(separator: ", ")
        case .typeMismatch(let t): return t.message
        case .malformed(let message, _, _): return message
        }
    }

    /// The path of the first offending field.
    public var path: String {
        switch self {
        case .unknownFields(let f): return f.first?.path ?? ""
        case .typeMismatch(let t): return t.path
        case .malformed(_, let path, _): return path
        }
    }

    /// Where the first offending value was written.
    public var mark: Mark {
        switch self {
        case .unknownFields(let fields): return fields.first?.mark ?? Mark(line: 1, column: 1)
        case .typeMismatch(let t): return t.mark
        case .malformed(_, _, let mark): return mark
        }
    }
}

/// Everything that can be wrong with a manifest, in the order kubectl and the API server find it.
/// Render with `kubectlMessage(verb:source:)` only at the edge.
public enum ManifestError: Error, Equatable, Sendable {
    /// The document is not a mapping (kubectl: "invalid object to validate").
    case notAnObject(mark: Mark)
    /// kubectl's client-side check: "apiVersion not set", "kind not set", "kind isn't string type".
    case missingTypeInfo(problems: [String], mark: Mark)
    /// kubectl decodes `metadata` itself before sending; its type errors never reach the server.
    case undecodableMetadata(DecodeProblem)
    /// No such kind in that version (`kind: pod`, or `apiVersion: v1` with `kind: Deployment`).
    case noMatch(kind: String, apiVersion: String, name: String, namespace: String, mark: Mark)
    /// The server could not decode the body into the kind's struct (HTTP 400).
    case undecodable(kind: String, apiVersion: String, problem: DecodeProblem)
    /// Decoded, but the server's validation failed (HTTP 422). Marks point at fields when known.
    case invalid(kind: String, name: String, errors: [FieldError], marks: [Mark?])

    /// Where in the source the problem is, for `line:column` and a caret.
    public var mark: Mark? {
        switch self {
        case .notAnObject(let m), .missingTypeInfo(_, let m): return m
        case .undecodableMetadata(let p): return p.mark
        case .noMatch(_, _, _, _, let m): return m
        case .undecodable(_, _, let p): return p.mark
        case .invalid(_, _, _, let marks): return marks.compactMap { $0 }.first
        }
    }

    /// The field path the error is about, if there is one.
    public var fieldPath: String? {
        switch self {
        case .notAnObject: return nil
        case .missingTypeInfo(let problems, _): return problems.first.map { $0.hasPrefix("kind") ? "kind" : "apiVersion" }
        case .undecodableMetadata(let p), .undecodable(_, _, let p): return p.path
        case .noMatch: return "kind"
        case .invalid(_, _, let errors, _): return errors.first?.field
        }
    }

    /// Exactly what kubectl v1.32 prints (without the trailing newline).
    /// - Parameters:
    ///   - verb: the server call in progress, "creating", "replacing" or "patching" (apply of a new object creates).
    ///   - source: the file name as typed, or "STDIN".
    public func kubectlMessage(verb: String, source: String) -> String {
        let turnOff = "; if you choose to ignore these errors, turn validation off with --validate=false"
        switch self {
        case .notAnObject:
            return "error: error validating \(goQuoted(source)): error validating data: invalid object to validate" + turnOff
        case .missingTypeInfo(let problems, _):
            let list = problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]"
            return "error: error validating \(goQuoted(source)): error validating data: \(list)" + turnOff
        case .undecodableMetadata(let p):
            return "error: unable to decode \(goQuoted(source)): \(p.message)"
        case .noMatch(let kind, let apiVersion, let name, let namespace, _):
            return "error: resource mapping not found for name: \(goQuoted(name)) namespace: \(goQuoted(namespace)) from \(goQuoted(source)): "
                + "no matches for kind \(goQuoted(kind)) in version \(goQuoted(apiVersion))\nensure CRDs are installed first"
        case .undecodable(let kind, let apiVersion, let problem):
            return "Error from server (BadRequest): error when \(verb) \(goQuoted(source)): "
                + "\(kind) in version \(goQuoted(versionOnly(apiVersion))) cannot be handled as a \(kind): \(problem.message)"
        case .invalid(let kind, let name, let errors, _):
            return invalidObjectMessage(kind: kind, name: name, errors: errors)
        }
    }
}

/// "apps/v1" → "v1": the server names the version without its group in decode errors.
private func versionOnly(_ apiVersion: String) -> String {
    apiVersion.split(separator: "/").last.map(String.init) ?? apiVersion
}
