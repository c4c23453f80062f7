/// A position in YAML source text, 1-based (libyaml's marks are 0-based; the parser converts).
public struct Mark: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written. Quoted scalars are always strings; plain ones are typed by the field
/// that receives them (Kubernetes decodes YAML into typed structs, so `replicas: "3"` is an error).
public enum ScalarStyle: Equatable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A parsed YAML node with the position where it starts. Mappings keep their key order.
public indirect enum Node: Equatable, Sendable {
    case scalar(String, ScalarStyle, Mark)
    case mapping([(key: Node, value: Node)], Mark)
    case sequence([Node], Mark)

    public var mark: Mark {
        switch self {
        case .scalar(_, _, let m), .mapping(_, let m), .sequence(_, let m): return m
        }
    }

    /// The text of a scalar, or nil for a mapping or sequence.
    public var scalarText: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    /// True for `~`, `null`, `Null`, `NULL` and the empty plain scalar (YAML 1.1 / go-yaml rules).
    public var isNull: Bool {
        if case .scalar(let s, .plain, _) = self { return ["", "~", "null", "Null", "NULL"].contains(s) }
        return false
    }

    public static func == (a: Node, b: Node) -> Bool {
        switch (a, b) {
        case let (.scalar(x, xs, xm), .scalar(y, ys, ym)): return x == y && xs == ys && xm == ym
        case let (.sequence(x, xm), .sequence(y, ym)): return x == y && xm == ym
        case let (.mapping(x, xm), .mapping(y, ym)):
            return xm == ym && x.count == y.count
                && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}
