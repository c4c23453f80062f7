/// Turns input lines into complete entries: single command lines, or multi-line YAML manifests.
///
/// A line starting with `apiVersion:`, `kind:` or `---` opens a manifest; every following line
/// belongs to it until an empty line (or the end of input) closes it. Outside a manifest, blank
/// lines and `#` comments are ignored, so piped scripts may be commented. Shared by the interactive
/// and the piped mode so that both read input the same way.
public struct InputAccumulator: Sendable {
    private var manifestLines: [String] = []

    public init() {}

    /// True while a manifest is open (the editor shows the continuation prompt, Tab indents).
    public var isInManifest: Bool { !manifestLines.isEmpty }

    /// Feeds one line without its newline. Returns an entry when the line completes one.
    /// - Parameter manifestOnly: every non-blank first line opens a manifest (a quiz answer).
    public mutating func feed(_ line: String, manifestOnly: Bool = false) -> ShellInput? {
        let trimmed = line.trimmingWhitespace()
        if isInManifest {
            if trimmed.isEmpty { return finish() }
            manifestLines.append(line)
            return nil
        }
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        if Self.opensManifest(trimmed) || (manifestOnly && !Self.isShellCommand(trimmed)) {
            manifestLines.append(line)
            return nil
        }
        return .command(trimmed)
    }

    /// End of input (EOF, or Ctrl-D in a manifest): returns the open manifest, if any.
    public mutating func finish() -> ShellInput? {
        guard isInManifest else { return nil }
        let text = manifestLines.joined(separator: "\n") + "\n"
        manifestLines.removeAll()
        return .yaml(text)
    }

    /// Drops an open manifest (Ctrl-C).
    public mutating func abandon() {
        manifestLines.removeAll()
    }

    /// Whether a (trimmed) first line starts a YAML manifest rather than a command.
    static func opensManifest(_ trimmed: String) -> Bool {
        if trimmed.hasPrefix("apiVersion:") || trimmed.hasPrefix("kind:") { return true }
        // A document marker, optionally followed by content (`--- # comment`), but not `---x`.
        return trimmed == "---" || trimmed.hasPrefix("--- ")
    }

    /// Lines that stay commands even while answers are read as manifests.
    static func isShellCommand(_ trimmed: String) -> Bool {
        let word = trimmed.split(separator: " ").first.map(String.init) ?? trimmed
        return ["quiz", "hint", "skip", "apply", "exit", "quit", "help", "kubectl", "k"].contains(word)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }

}
