/// Turns input lines into complete entries: single command lines, or multi-line YAML manifests.
///
/// A line starting with `apiVersion:`, `kind:` or `---` opens a manifest; every following line
/// belongs to it until an empty line (or the end of input) closes it. Outside a manifest, blank
/// lines and `#` comments are ignored, so piped scripts may be commented. Shared by the interactive
/// and the piped mode so that both read input the same way.
public struct InputAccumulator: Sendable {
    private var manifestLines: [String] = []
    /// A blank line inside a manifest while more input was already waiting (a paste): whether it
    /// ends the manifest depends on the line after it.
    private var heldBlank = false
    /// The command read right after a blank line ended a manifest, for the shell to explain when that
    /// command fails (the learner most likely pasted a manifest with a blank line in it).
    public private(set) var commandAfterSplit: String?

    public init() {}

    /// True while a manifest is open (the editor shows the continuation prompt, Tab indents).
    public var isInManifest: Bool { !manifestLines.isEmpty }

    /// Feeds one line without its newline. Returns an entry when the line completes one.
    /// - Parameter manifestOnly: every non-blank first line opens a manifest (a quiz answer).
    public mutating func feed(_ line: String, manifestOnly: Bool = false) -> ShellInput? {
        feed(line, manifestOnly: manifestOnly, morePending: false).first
    }

    /// Like `feed(_:manifestOnly:)`, for input that may be a paste: with `morePending` (more input
    /// is already waiting), a blank line inside a manifest is held until the next line shows whether
    /// the manifest goes on: an indented line, a list item, a comment, or a top-level key the
    /// document does not have yet continues it (the blank line is kept). Anything else ends it, and
    /// that line is read afresh, so this can return two entries.
    public mutating func feed(_ line: String, manifestOnly: Bool = false, morePending: Bool) -> [ShellInput] {
        let trimmed = line.trimmingWhitespace()
        commandAfterSplit = nil
        if heldBlank {
            heldBlank = false
            if trimmed.isEmpty { return finish().map { [$0] } ?? [] }
            if continuesManifest(line) {
                manifestLines.append("")
                manifestLines.append(line)
                return []
            }
            let done = finish().map { [$0] } ?? []
            let next = feed(line, manifestOnly: manifestOnly, morePending: morePending)
            if case .command(let command)? = next.first { commandAfterSplit = command }
            return done + next
        }
        if isInManifest {
            if trimmed.isEmpty {
                if morePending {
                    heldBlank = true
                    return []
                }
                return finish().map { [$0] } ?? []
            }
            manifestLines.append(line)
            return []
        }
        return feedOutside(line, trimmed, manifestOnly: manifestOnly).map { [$0] } ?? []
    }

    /// Whether `line`, after a blank line, still belongs to the open manifest.
    private func continuesManifest(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        if first == " " || first == "\t" || first == "-" && !line.hasPrefix("---") || first == "#" { return true }
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else { return false }
        let keys = manifestLines.compactMap { l -> Substring? in
            guard let c = l.firstIndex(of: ":"), let f = l.first, f != " ", f != "-", f != "#" else { return nil }
            return l[..<c]
        }
        return !keys.contains(key)
    }

    private mutating func feedOutside(_ line: String, _ trimmed: String, manifestOnly: Bool) -> ShellInput? {
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        if Self.opensManifest(trimmed) || (manifestOnly && !Self.isShellCommand(trimmed)) {
            manifestLines.append(line)
            return nil
        }
        return .command(trimmed)
    }

    /// End of input (EOF, or Ctrl-D in a manifest): returns the open manifest, if any.
    public mutating func finish() -> ShellInput? {
        heldBlank = false
        guard isInManifest else { return nil }
        let text = manifestLines.joined(separator: "\n") + "\n"
        manifestLines.removeAll()
        return .yaml(text)
    }

    /// Drops an open manifest (Ctrl-C).
    public mutating func abandon() {
        heldBlank = false
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
