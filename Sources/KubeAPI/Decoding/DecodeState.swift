import YAML

/// Where a value sits while decoding: its path with indices (for strict errors and marks) and the
/// Go view encoding/json reports in type errors (innermost struct, JSON names without indices).
struct DecodeContext {
    var path: String = ""
    var goField: String = ""
    var goStruct: String = ""

    func field(_ name: String, in goStruct: String) -> DecodeContext {
        DecodeContext(
            path: path.isEmpty ? name : "\(path).\(name)",
            goField: goField.isEmpty ? name : "\(goField).\(name)",
            goStruct: goStruct)
    }

    func index(_ i: Int) -> DecodeContext {
        DecodeContext(path: "\(path)[\(i)]", goField: goField, goStruct: goStruct)
    }

    func key(_ k: String) -> DecodeContext {
        DecodeContext(path: "\(path).\(k)", goField: goField, goStruct: goStruct)
    }
}

/// What one decoding pass found: unknown fields (all of them), the first type error, and the source
/// position of every field it visited.
struct DecodeState {
    var unknownFields: [UnknownField] = []
    var firstProblem: DecodeProblem? = nil
    var marks: [String: Mark] = [:]

    mutating func mismatch(_ node: YNode, goType: String, _ ctx: DecodeContext, found: String? = nil) {
        let t = TypeMismatch(
            found: found ?? node.jsonKind, goStruct: ctx.goStruct, goField: ctx.goField,
            goType: goType, path: ctx.path, mark: node.mark)
        if firstProblem == nil { firstProblem = .typeMismatch(t) }
    }

    mutating func malformed(_ message: String, _ node: YNode, _ ctx: DecodeContext) {
        if firstProblem == nil { firstProblem = .malformed(message: message, path: ctx.path, mark: node.mark) }
    }
}

/// A YAML node; `Node` alone is the Kubernetes Node in this module.
public typealias YNode = YAML.Node
