import YAML

/// A decoded manifest and where each of its fields was written, so later errors (validation) can
/// point at a line and column too.
public struct DecodedManifest: Equatable, Sendable {
    public var object: APIObject
    /// Field path (`spec.containers[0].image`) → position of its value.
    public var marks: [String: Mark]

    /// The position of `path`, or of its nearest written ancestor (a missing `image` points at its container).
    public func mark(for path: String) -> Mark? {
        var p = path
        while !p.isEmpty {
            if let m = marks[p] { return m }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            p = String(p[..<cut])
        }
        return nil
    }
}

/// Decodes one YAML document into an API object, finding problems in kubectl's order: type info
/// (client), metadata (client), kind mapping (client), strict decoding (server). Throws `ManifestError`.
/// Does not default or validate: see `setDefaults` and `validate`.
public func decodeManifest(_ node: YNode) throws -> DecodedManifest {
    guard case .mapping(let pairs, _) = node else { throw ManifestError.notAnObject(mark: node.mark) }
    func top(_ name: String) -> YNode? { pairs.first { $0.key.keyText == name }?.value }

    var problems: [String] = []
    let apiVersion = typeInfo(top("apiVersion"), "apiVersion", &problems)
    let kind = typeInfo(top("kind"), "kind", &problems)
    if !problems.isEmpty {
        let mark = (apiVersion == nil ? top("apiVersion") : top("kind"))?.mark ?? node.mark
        throw ManifestError.missingTypeInfo(problems: problems, mark: mark)
    }

    // kubectl reads metadata with plain encoding/json before it looks up the kind.
    var metaState = DecodeState()
    var meta = ObjectMeta()
    if let m = top("metadata"), !m.isNull {
        let ctx = DecodeContext(path: "metadata", goField: "metadata", goStruct: "metadataOnlyObject")
        meta = objectMetaSchema.read(m, &metaState, ctx) ?? meta
        if let problem = metaState.firstProblem { throw ManifestError.undecodableMetadata(problem) }
    }

    guard let kind, let apiVersion, let resource = ResourceKind.forKind(kind, apiVersion: apiVersion) else {
        throw ManifestError.noMatch(
            kind: kind ?? "", apiVersion: apiVersion ?? "", name: meta.name, namespace: meta.namespace ?? "",
            mark: top("kind")?.mark ?? node.mark)
    }

    var state = DecodeState()
    let object: APIObject?
    switch resource {
    case .pod: object = podSchema.read(node, &state, DecodeContext()).map(APIObject.pod)
    case .deployment: object = deploymentSchema.read(node, &state, DecodeContext()).map(APIObject.deployment)
    case .replicaSet: object = replicaSetSchema.read(node, &state, DecodeContext()).map(APIObject.replicaSet)
    case .daemonSet: object = daemonSetSchema.read(node, &state, DecodeContext()).map(APIObject.daemonSet)
    case .statefulSet: object = statefulSetSchema.read(node, &state, DecodeContext()).map(APIObject.statefulSet)
    case .event: object = eventSchema.read(node, &state, DecodeContext()).map(APIObject.event)
    case .namespace: object = namespaceSchema.read(node, &state, DecodeContext()).map(APIObject.namespace)
    default: object = nodeSchema.read(node, &state, DecodeContext()).map(APIObject.node)
    }
    // A type error stops the server's first (lenient) pass, so it wins over unknown fields.
    if let problem = state.firstProblem {
        throw ManifestError.undecodable(kind: kind, apiVersion: apiVersion, problem: problem)
    }
    if !state.unknownFields.isEmpty {
        throw ManifestError.undecodable(kind: kind, apiVersion: apiVersion, problem: .unknownFields(state.unknownFields))
    }
    guard let object else { throw ManifestError.notAnObject(mark: node.mark) }
    return DecodedManifest(object: object, marks: state.marks)
}

/// Decodes one YAML document into an API object (see `decodeManifest`).
public func decode(_ node: YNode) throws -> APIObject {
    try decodeManifest(node).object
}

/// Decodes a JSON body (the future HTTP front, or a stored object) the same way.
public func decode(_ json: JSONValue) throws -> APIObject {
    try decode(YNode(json: json))
}

/// `apiVersion` / `kind` as kubectl's client-side check sees them. Empty counts as not set.
private func typeInfo(_ node: YNode?, _ name: String, _ problems: inout [String]) -> String? {
    guard let node, !node.isNull else {
        problems.append("\(name) not set")
        return nil
    }
    guard case .scalar(let text, let style, _) = node, case .string = resolveScalar(text, style) else {
        problems.append("\(name) isn't string type")
        return nil
    }
    if text.isEmpty {
        problems.append("\(name) not set")
        return nil
    }
    return text
}

extension YNode {
    /// A node tree for a JSON value: strings are quoted (so they stay strings), marks are 1:1.
    public init(json: JSONValue) {
        let mark = Mark(line: 1, column: 1)
        switch json {
        case .null: self = .scalar("null", .plain, mark)
        case .bool(let b): self = .scalar(b ? "true" : "false", .plain, mark)
        case .int(let i): self = .scalar(String(i), .plain, mark)
        case .double(let d): self = .scalar(String(d), .plain, mark)
        case .string(let s): self = .scalar(s, .doubleQuoted, mark)
        case .array(let items): self = .sequence(items.map(YNode.init(json:)), mark)
        case .object(let fields):
            self = .mapping(fields.map { (key: YNode.scalar($0.0, .doubleQuoted, mark), value: YNode(json: $0.1)) }, mark)
        }
    }
}
