/// Why a YAML text could not be read, with where it happened and how kubectl would word it.
///
/// `mark` is the real 1-based position of the problem in the whole source (what a caret should point at).
/// `goYAMLLine` is the line number go-yaml puts in its message, which kubectl prints: it counts from the
/// start of kubectl's document chunk (the text after the last `---` line) and follows go-yaml's quirks
/// (parser errors report the line *before* the offending token; 0 means no line is printed).
public struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stage that failed; the first four are libyaml's own error kinds.
    public enum Kind: Equatable, Sendable {
        /// Bad bytes: invalid UTF-8, control characters.
        case reader
        /// Bad tokens: tabs as indentation, `:` where a mapping value cannot be, unclosed quotes.
        case scanner
        /// Tokens in the wrong order: a key without `:`, a sequence entry inside a mapping.
        case parser
        /// A valid token stream that cannot form a tree: unknown alias, excessive aliasing, nesting depth.
        case composer
        /// The same key twice in one mapping.
        case duplicateKey
        /// A `---` line followed by something other than a comment (kubectl's own document splitter).
        case documentSeparator
    }

    public var kind: Kind
    /// libyaml's (or our) description of the problem, e.g. `mapping values are not allowed in this context`.
    public var problem: String
    /// 1-based position of the problem in the whole source.
    public var mark: Mark
    /// What libyaml was doing, e.g. `while parsing a block mapping`, if it said.
    public var context: String?
    /// 1-based position of the construct named by `context`.
    public var contextMark: Mark?
    /// The line go-yaml (and therefore kubectl) names; 0 means go-yaml prints no `line N: ` prefix.
    public var goYAMLLine: Int

    public init(
        kind: Kind, problem: String, mark: Mark, context: String? = nil, contextMark: Mark? = nil,
        goYAMLLine: Int
    ) {
        self.kind = kind
        self.problem = problem
        self.mark = mark
        self.context = context
        self.contextMark = contextMark
        self.goYAMLLine = goYAMLLine
    }

    /// The message kubectl prints after `error: error parsing <file>: `, e.g.
    /// `error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context`.
    public var kubectlMessage: String {
        switch kind {
        case .documentSeparator:
            return problem
        case .duplicateKey:
            return "error converting YAML to JSON: yaml: unmarshal errors:\n  line \(goYAMLLine): \(problem)"
        case .reader, .scanner, .parser, .composer:
            let prefix = goYAMLLine > 0 ? "line \(goYAMLLine): " : ""
            return "error converting YAML to JSON: yaml: \(prefix)\(problem)"
        }
    }

    public var description: String { kubectlMessage }

    /// The offending source line with a caret under the problem's column, for context beyond kubectl's
    /// wording. When libyaml names a construct on another line (`while parsing a block mapping`), that
    /// line is shown first with its own caret, and each caret is labelled. Tabs are expanded to 4-column
    /// stops on both lines so the caret stays aligned.
    ///
    ///     3 | metadata: name: x
    ///       |               ^
    public func caretSnippet(source: String) -> String {
        guard let context, let contextMark, contextMark.line != mark.line else {
            return Self.caretSnippet(source: source, at: mark)
        }
        let width = String(max(mark.line, contextMark.line)).count
        let first = Self.caretSnippet(source: source, at: contextMark, gutterWidth: width) + " " + context
        let second = Self.caretSnippet(source: source, at: mark, gutterWidth: width) + " " + problem
        return first + "\n" + second
    }

    /// One source line and a caret, usable without an error (e.g. for a decoding error that carries a
    /// `Node.mark`). `gutterWidth` pads the line number so several snippets line up.
    public static func caretSnippet(source: String, at mark: Mark, gutterWidth: Int = 0) -> String {
        // Split bytes, not Characters: Swift treats "\r\n" as one Character.
        let lines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard mark.line >= 1 else { return "" }
        // A problem at end of input may sit one line past the last one; show an empty line there.
        var line = mark.line <= lines.count ? Array(lines[mark.line - 1]) : []
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        // libyaml skips a byte-order mark without counting it as a column.
        if mark.line == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        let trimmed = String(decoding: line, as: UTF8.self)
        var shown = ""
        var caretColumn = 0
        var column = 0  // display column
        for (index, scalar) in trimmed.unicodeScalars.enumerated() {
            if index == mark.column - 1 { caretColumn = column }
            if scalar == "\t" {
                let width = 4 - column % 4
                shown += String(repeating: " ", count: width)
                column += width
            } else {
                shown.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if mark.column - 1 >= trimmed.unicodeScalars.count { caretColumn = column + (mark.column - 1 - trimmed.unicodeScalars.count) }
        let plainNumber = String(mark.line)
        let number = String(repeating: " ", count: max(0, gutterWidth - plainNumber.count)) + plainNumber
        let gutter = String(repeating: " ", count: number.count)
        return "\(number) | \(shown)\n\(gutter) | \(String(repeating: " ", count: caretColumn))^"
    }
}
