import Foundation
import Kubectl
import KubeAPI

/// `ran` and `output`: checks answered by one learner command and what it printed.
enum CommandChecks {
    /// The words of an entry without the `kubectl`/`k` prefix; a typed manifest reads as `apply -f -`.
    static func words(of entry: LearnerEntry) -> [String] {
        switch entry {
        case .manifest: return ["apply", "-f", "-"]
        case .command(let line):
            var words = (try? CommandLineSplitter.split(line)) ?? line.split(separator: " ").map(String.init)
            if words.first == "kubectl" || words.first == "k" { words.removeFirst() }
            return words
        }
    }

    static func holds(_ check: Check, entry: LearnerEntry, result: EntryResult) -> Bool {
        switch check.kind {
        case .ran(let pattern):
            return matches(pattern, words(of: entry)) || ranInsideSession(pattern, entry: entry, typed: result.typed)
        case .output(.contains(let text)): return (result.stdout + result.stderr).contains(text)
        case .output(.regex(let pattern)):
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return false }
            let text = result.stdout + result.stderr
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        default: return false
        }
    }

    /// `exec POD -- CMD` also holds for an interactive `exec -it POD -- sh` in which the learner
    /// typed CMD at the container's shell (the article's way of running `hostname`).
    static func ranInsideSession(_ pattern: [String], entry: LearnerEntry, typed: String) -> Bool {
        guard pattern.first == "exec", let dash = pattern.firstIndex(of: "--"), !typed.isEmpty else { return false }
        let command = Array(pattern[(dash + 1)...])
        let target = Array(pattern[..<dash])
        let words = words(of: entry)
        let before = Array(words.prefix { $0 != "--" })
        let interactive = before.contains { ["-it", "-ti", "-i", "--stdin", "-t", "--tty"].contains($0) }
        guard interactive, matches(target, before), !command.isEmpty else { return false }
        // Typed lines as the terminal got them: Enter is \r; backspaces edit the line.
        var lines: [String] = []
        var line = ""
        for c in typed {
            switch c {
            case "\r", "\n": lines.append(line); line = ""
            case "\u{7F}", "\u{8}": if !line.isEmpty { line.removeLast() }
            default: line.append(c)
            }
        }
        return lines.contains { typedLine in
            let typedWords = typedLine.split(separator: " ").map(String.init)
            return Array(typedWords.prefix(command.count)) == command
        }
    }

    /// The verb must be the same; every other pattern word must appear: resource names by kind (`po`
    /// matches `pods`, `pod/x` matches `pod x`), anything else literally.
    static func matches(_ pattern: [String], _ words: [String]) -> Bool {
        guard let verb = pattern.first, words.first == verb else { return false }
        let rest = Array(words.dropFirst())
        let kinds = rest.flatMap { word -> [ResourceKind] in
            let head = word.split(separator: "/").first.map(String.init) ?? word
            return head.split(separator: ",").compactMap { ResourceKind.lookup(String($0)) }
        }
        return pattern.dropFirst().allSatisfy { p in
            if rest.contains(p) { return true }
            if let ref = ObjectRef(p) {
                return rest.contains { ObjectRef($0) == ref } || (kinds.contains(ref.kind) && rest.contains(ref.name))
            }
            if let kind = ResourceKind.lookup(p) { return kinds.contains(kind) }
            return false
        }
    }
}
