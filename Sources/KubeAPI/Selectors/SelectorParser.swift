/// A parsed kubectl `-l` selector: requirements that must all hold.
public struct Selector: Equatable, Sendable, CustomStringConvertible {
    public enum Operator: String, Equatable, Sendable {
        case equals = "=", doubleEquals = "==", notEquals = "!=", `in` = "in", notIn = "notin"
        case exists = "exists", doesNotExist = "!", greaterThan = "gt", lessThan = "lt"
    }

    public struct Requirement: Equatable, Sendable {
        public var key: String
        public var op: Operator
        public var values: [String]

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals, .doubleEquals, .in: return value.map { values.contains($0) } ?? false
            case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .greaterThan, .lessThan:
                guard let v = value.flatMap({ Int64($0) }), let bound = values.first.flatMap({ Int64($0) }) else { return false }
                return op == .greaterThan ? v > bound : v < bound
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement] = []) { self.requirements = requirements }

    /// The empty selector: matches every object.
    public var isEverything: Bool { requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// Kubernetes' canonical form (requirements sorted by key, set values sorted).
    public var description: String {
        requirements.sorted { $0.key < $1.key }.map { r in
            switch r.op {
            case .exists: return r.key
            case .doesNotExist: return "!\(r.key)"
            case .in, .notIn: return "\(r.key) \(r.op.rawValue) (\(r.values.sorted().joined(separator: ",")))"
            case .greaterThan, .lessThan: return "\(r.key) \(r.op.rawValue) \(r.values.joined())"
            default: return "\(r.key)\(r.op.rawValue)\(r.values.joined())"
            }
        }.joined(separator: ",")
    }
}

/// A `-l` selector that does not parse; `message` is the parser's, e.g. "found 'a', expected: '('".
public struct SelectorParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "unable to parse requirement: \(message)" }
}

extension Selector {
    /// Parses kubectl's selector syntax: `app=web`, `app==web`, `app!=web`, `app in (a,b)`,
    /// `app notin (a)`, `app`, `!app`, comma-separated. Keys and values are checked like labels.
    public static func parse(_ text: String) throws -> Selector {
        var lexer = SelectorLexer(text)
        var requirements: [Requirement] = []
        if lexer.peek().kind == .end { return Selector() }
        while true {
            requirements.append(try parseRequirement(&lexer))
            let t = lexer.next()
            switch t.kind {
            case .end: return Selector(requirements: requirements)
            case .comma:
                let n = lexer.peek()
                if n.kind != .identifier && n.kind != .bang {
                    throw SelectorParseError(message: "found '\(n.text)', expected: identifier after ','")
                }
            default:
                throw SelectorParseError(message: "found '\(t.text)', expected: ',' or 'end of string'")
            }
        }
    }

    private static func parseRequirement(_ lexer: inout SelectorLexer) throws -> Requirement {
        var t = lexer.next()
        var negated = false
        if t.kind == .bang {
            negated = true
            t = lexer.next()
        }
        guard t.kind == .identifier else { throw SelectorParseError(message: "found '\(t.text)', expected: identifier") }
        let key = t.text
        if let msg = isQualifiedName(key).first { throw SelectorParseError(message: "key: Invalid value: \(goQuoted(key)): \(msg)") }
        let after = lexer.peek().kind
        if negated || after == .end || after == .comma {
            return Requirement(key: key, op: negated ? .doesNotExist : .exists, values: [])
        }
        let opToken = lexer.next()
        let op: Operator
        switch opToken.kind {
        case .equals: op = .equals
        case .doubleEquals: op = .doubleEquals
        case .notEquals: op = .notEquals
        case .identifier where opToken.text == "in": op = .in
        case .identifier where opToken.text == "notin": op = .notIn
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default:
            throw SelectorParseError(message: "found '\(opToken.text)', expected: in, notin, =, ==, !=, gt, lt")
        }
        var values: [String] = []
        if op == .in || op == .notIn {
            let open = lexer.next()
            guard open.kind == .openParen else { throw SelectorParseError(message: "found '\(open.text)' expected: '('") }
            while true {
                let v = lexer.next()
                switch v.kind {
                case .identifier: values.append(v.text)
                case .closeParen where values.isEmpty: break
                default: throw SelectorParseError(message: "found '\(v.text)', expected: ',', ')' or identifier")
                }
                if v.kind == .closeParen { break }
                let sep = lexer.next()
                if sep.kind == .closeParen { break }
                guard sep.kind == .comma else { throw SelectorParseError(message: "found '\(sep.text)', expected: ',' or ')'") }
            }
            if values.isEmpty { throw SelectorParseError(message: "for 'in', 'notin' operators, values set can't be empty") }
        } else {
            let v = lexer.peek()
            switch v.kind {
            case .end, .comma: values = [""]
            case .identifier: values = [lexer.next().text]
            default: throw SelectorParseError(message: "found '\(v.text)', expected: identifier")
            }
        }
        for (i, v) in values.enumerated() {
            if let msg = isValidLabelValue(v).first {
                throw SelectorParseError(message: "values[\(i)][\(key)]: Invalid value: \(goQuoted(v)): \(msg)")
            }
        }
        return Requirement(key: key, op: op, values: values)
    }
}

/// Tokens of the selector syntax; identifiers run until whitespace or one of `,=!()<>`.
private struct SelectorLexer {
    enum Kind { case identifier, comma, equals, doubleEquals, notEquals, bang, openParen, closeParen, greaterThan, lessThan, end }
    struct Token {
        var kind: Kind
        var text: String
    }

    private var chars: [Character]
    private var pos = 0

    init(_ text: String) { chars = Array(text) }

    func peek() -> Token {
        var copy = self
        return copy.next()
    }

    mutating func next() -> Token {
        while pos < chars.count && chars[pos].isWhitespace { pos += 1 }
        guard pos < chars.count else { return Token(kind: .end, text: "") }
        let c = chars[pos]
        let nextChar: Character? = pos + 1 < chars.count ? chars[pos + 1] : nil
        switch c {
        case ",": pos += 1; return Token(kind: .comma, text: ",")
        case "(": pos += 1; return Token(kind: .openParen, text: "(")
        case ")": pos += 1; return Token(kind: .closeParen, text: ")")
        case ">": pos += 1; return Token(kind: .greaterThan, text: ">")
        case "<": pos += 1; return Token(kind: .lessThan, text: "<")
        case "=":
            if nextChar == "=" { pos += 2; return Token(kind: .doubleEquals, text: "==") }
            pos += 1; return Token(kind: .equals, text: "=")
        case "!":
            if nextChar == "=" { pos += 2; return Token(kind: .notEquals, text: "!=") }
            pos += 1; return Token(kind: .bang, text: "!")
        default:
            let start = pos
            while pos < chars.count, !chars[pos].isWhitespace, !",=!()<>".contains(chars[pos]) { pos += 1 }
            return Token(kind: .identifier, text: String(chars[start..<pos]))
        }
    }
}
