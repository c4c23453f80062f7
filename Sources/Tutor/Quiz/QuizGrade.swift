import YAML

/// One remark on an answer: what is wrong (or missing), where, and why.
public struct QuizFeedback: Equatable, Sendable {
    public enum Severity: String, Equatable, Sendable { case error, missing, wrong, note }
    public var severity: Severity
    /// The field path it is about (`spec.containers[0].image`), if any.
    public var path: String?
    /// Where in the answer, for `line:column` and a caret.
    public var mark: Mark?
    public var message: String
    /// A source line with a caret under the problem, for syntax errors.
    public var snippet: String?

    public init(_ severity: Severity, path: String? = nil, mark: Mark? = nil, message: String, snippet: String? = nil) {
        self.severity = severity
        self.path = path
        self.mark = mark
        self.message = message
        self.snippet = snippet
    }

    /// `3:5 spec.containers: …` with the snippet below, as the quiz prints it.
    public var rendered: String {
        var head = ""
        if let mark { head += "\(mark.line):\(mark.column) " }
        if let path, !path.isEmpty { head += "\(path): " }
        let body = message.replacingOccurrences(of: "\n", with: "\n      ")
        var s = (severity == .note ? "  • " : "  ✗ ") + head + body
        if let snippet { s += "\n" + snippet.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n") }
        return s
    }
}

/// The result of grading one answer.
public struct QuizGrade: Equatable, Sendable {
    /// Every requirement met and the manifest is one the cluster would accept.
    public var passed: Bool
    /// Requirements met / requirements, 0…1 (partial credit).
    public var fraction: Double
    public var satisfied: Int
    public var total: Int
    public var feedback: [QuizFeedback]
    /// Lines of the answer (1-based) that feedback points at, for the side-by-side view.
    public var answerLines: Set<Int>
    /// Lines of the model answer whose requirement the answer misses.
    public var modelLines: Set<Int>

    /// All feedback, one remark per line (or two with a caret snippet).
    public var renderedFeedback: String { feedback.map(\.rendered).joined(separator: "\n") }
}
