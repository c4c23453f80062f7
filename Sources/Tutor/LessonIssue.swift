import YAML

/// A problem found in a lesson file, with where it is (`file:line:column: message`).
public struct LessonIssue: Equatable, Sendable, CustomStringConvertible, Error {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, mark: Mark, message: String) {
        self.file = file
        line = mark.line
        column = mark.column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
