/// What one Tab press does to the line being edited.
public enum TabAction: Equatable, Sendable {
    /// Insert this text at the cursor.
    case insert(String)
    /// Show these candidates (already reduced to their display names) under the line.
    case list([String])
    /// Nothing to do; ring the bell.
    case beep
}

/// Tab completion as in bash: a unique match completes the word (plus a space, or nothing after a
/// directory's `/`); several matches complete their common prefix, and a second Tab with nothing
/// more to add lists them. Pure, so the decision logic is tested without a terminal.
public struct TabCompleter: Sendable {
    /// The line as it was when a Tab last found several matches and nothing to add.
    private var lineAwaitingList: String?

    public init() {}

    /// Decides what a Tab press does, given the text before the cursor and the backend's candidates.
    public mutating func press(lineBeforeCursor line: String, candidates: [String]) -> TabAction {
        let word = Self.currentWord(of: line)
        let matches = Array(Set(candidates.filter { $0.hasPrefix(word) })).sorted()
        guard let first = matches.first else {
            lineAwaitingList = nil
            return .beep
        }
        if matches.count == 1 {
            lineAwaitingList = nil
            let rest = String(first.dropFirst(word.count))
            let completed = first.hasSuffix("/") ? rest : rest + " "
            return completed.isEmpty ? .beep : .insert(completed)
        }
        let prefix = Self.commonPrefix(of: matches)
        if prefix.count > word.count {
            let rest = String(prefix.dropFirst(word.count))
            // The next Tab, finding nothing more to add, lists the matches right away.
            lineAwaitingList = line + rest
            return .insert(rest)
        }
        if lineAwaitingList == line {
            return .list(matches.map(Self.displayName))
        }
        lineAwaitingList = line
        return .beep
    }

    /// The word being completed: everything after the last space (empty after a trailing space).
    public static func currentWord(of line: String) -> String {
        guard let space = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return line }
        return String(line[line.index(after: space)...])
    }

    /// The longest prefix shared by all `words`, by whole characters.
    public static func commonPrefix(of words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Paths are listed by their last component, as shells do: `manifests/pod.yaml` → `pod.yaml`.
    static func displayName(_ candidate: String) -> String {
        let body = candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
        guard let slash = body.lastIndex(of: "/") else { return candidate }
        return String(candidate[candidate.index(after: slash)...])
    }
}
