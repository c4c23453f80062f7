import Foundation
import Kubectl
import KubeAPI
import Cluster
import Runtime
import Shell
import Tutor

/// Connects the shell to the cluster: runs typed commands and manifests, completes words.
final class TutorBackend: ShellBackend {
    let cluster: Cluster
    let kubectl: Kubectl
    var prompt: String { "kubetutor> " }
    /// The lesson player's side of the shell (set by `Start` once the backend exists).
    var lessons: LessonSession?
    /// The HTTPS API for other clients, when it started.
    var apiFront: APIFront?
    /// The learner's language: the lessons' (which `set lang` changes), else the locale's.
    var language: Language { lessons?.player.language ?? Language.fromEnvironment() }
    func splitNotice(command: String) -> String { ShellText.manifestSplit.format(language, command) }

    /// The last manifest typed at the prompt (for `edit`).
    private(set) var lastManifest: String?
    /// The terminal's width (80 when output is not a terminal).
    var width: Int { TerminalSize.columns(of: STDOUT_FILENO) ?? TextReflow.pipedWidth }

    init(cluster: Cluster) {
        self.cluster = cluster
        kubectl = Kubectl(cluster: cluster)
    }

    func run(_ input: ShellInput, output: OutputSink) -> CommandOutcome {
        guard let lessons else { return runEntry(input, output: output) }
        return lessons.observe(input, output: output) { runEntry(input, output: $0) }
    }

    private func runEntry(_ input: ShellInput, output: OutputSink) -> CommandOutcome {
        var io = CommandIO(out: output.out, err: output.err, stdinFD: 0, stdinIsTTY: isatty(0) == 1, stdoutFD: 1,
                           isInterrupted: { Interrupt.isRequested })
        io.session = output.session
        switch input {
        case .yaml(let text):
            return applyTyped(text, io: io) == 0 ? .ok : .failed
        case .command(let line):
            let words: [String]
            do {
                words = try CommandLineSplitter.split(line)
            } catch {
                output.err("error: unterminated quote in: \(line)\n")
                return .failed
            }
            return run(words, io: io)
        }
    }

    func run(_ words: [String], io: CommandIO) -> CommandOutcome {
        guard var name = words.first else { return .ok }
        if let op = words.first(where: { ["|", ">", ">>", "<", "&&", ";"].contains($0) }) {
            io.err("kubetutor: `\(op)` is a shell operator; kubetutor runs one command per line without a shell "
                   + "(run `\(words.prefix { $0 != op }.joined(separator: " "))` on its own)\n")
            return .failed
        }
        let args = Array(words.dropFirst())
        if name == "k" { name = "kubectl" }
        if name == "exit" || name == "quit" { return .quit }
        if let command = CommandTable.commands.first(where: { $0.name == name }) {
            return command.run(self, args, io) == 0 ? .ok : .failed
        }
        if Kubectl.verbNames.contains(name) || Kubectl.upstreamCommands.contains(name) {
            return runKubectl(words, io: io) == 0 ? .ok : .failed
        }
        let known = CommandTable.commands.map(\.name) + Kubectl.verbNames
        let guess = known.map { ($0, EditDistance.between($0, name)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
        io.err("kubetutor: unknown command \"\(name)\"" + (guess.map { ". Did you mean \"\($0)\"?" } ?? "") + " Type `help` for the list.\n")
        return .failed
    }

    /// Applies a manifest as typed at the prompt (`kubectl apply -f -`) and keeps it for `edit`.
    func applyTyped(_ text: String, io: CommandIO) -> Int32 {
        lastManifest = text
        return kubectl.applyTyped(text, io: io)
    }

    /// Runs the words after `kubectl` (the prefix is optional in the shell).
    func runKubectl(_ args: [String], io: CommandIO) -> Int32 {
        let status = kubectl.run(args, io: io)
        // Which node timing is in force is part of what `get nodes` teaches here.
        if NodeCommands.listsNodes(args) { io.err(NodeCommands.timingNote(cluster: cluster, language: language)) }
        return status
    }

    // MARK: Completion

    func completions(lineBeforeCursor line: String) -> [String] {
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let current = line.hasSuffix(" ") || line.isEmpty ? "" : (words.popLast() ?? "")
        if words.first == "kubectl" || words.first == "k" { words.removeFirst() }
        let top = CommandTable.commands.map(\.name) + Kubectl.verbNames + ["quit", "k"]
        if words.isEmpty && !(line.hasPrefix("kubectl ") || line.hasPrefix("k ")) {
            return top.filter { $0.hasPrefix(current) }.sorted()
        }
        guard let verb = words.first else { return Kubectl.verbNames.filter { $0.hasPrefix(current) } }
        let previous = words.last ?? ""
        if previous == "-f" || previous == "--filename" {
            return PathCompleter.candidates(for: current)
        }
        if current.hasPrefix("-") {
            return Kubectl.flagNames(for: verb).filter { $0.hasPrefix(current) }
        }
        let positional = words.dropFirst().filter { !$0.hasPrefix("-") }
        let kindVerbs = ["get", "describe", "delete", "wait"]
        if kindVerbs.contains(verb) {
            if positional.isEmpty {
                if current.contains("/"), let slash = current.firstIndex(of: "/"),
                   let kind = ResourceKind.lookup(String(current[..<slash])) {
                    let prefix = String(current[...slash])
                    return names(of: kind).map { prefix + $0 }.filter { $0.hasPrefix(current) }
                }
                return (ResourceKind.all.flatMap(\.allNames) + ["all"]).filter { $0.hasPrefix(current) }.sorted()
            }
            if let kind = positional.first.flatMap({ ResourceKind.lookup($0) }) {
                return names(of: kind).filter { $0.hasPrefix(current) }
            }
            return []
        }
        if ["exec", "logs"].contains(verb) && positional.isEmpty {
            return names(of: .pod).filter { $0.hasPrefix(current) }
        }
        return []
    }

    private func names(of kind: ResourceKind) -> [String] {
        kubectl.objectNames(of: kind)
    }
}
