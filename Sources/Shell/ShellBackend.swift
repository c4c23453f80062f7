import Tutor
/// What the Shell needs from the rest of kubetutor. The integrator (kubetutor's main) implements it;
/// the Shell itself knows nothing about clusters, kubectl or lessons.
public protocol ShellBackend: AnyObject {
    /// The main prompt, e.g. `kubetutor> `. Read before every new entry, so it may change.
    var prompt: String { get }

    /// Runs one complete entry and writes what it prints to `output`.
    ///
    /// A long-running command (`get -w`, `logs -f`) should poll `Interrupt.isRequested` and return
    /// when it becomes true; the Shell resets the flag before each call.
    func run(_ input: ShellInput, output: OutputSink) -> CommandOutcome

    /// Completion candidates for the word at the end of `lineBeforeCursor` (the text after its last
    /// space, possibly empty). Candidates are whole words; directories end in `/` (see `PathCompleter`).
    func completions(lineBeforeCursor: String) -> [String]

    /// Ctrl-C at the prompt (after the Shell abandoned the line): e.g. the quiz skips its question.
    func interrupted(output: OutputSink)

    /// True while every typed line belongs to a YAML manifest (a quiz answer), so a manifest opens
    /// on any first line, not only on `apiVersion:`/`kind:`/`---`.
    var readsManifest: Bool { get }

    /// What to say when `command` failed after a blank line ended a pasted manifest, in the learner's language.
    func splitNotice(command: String) -> String
}

extension ShellBackend {
    public func interrupted(output: OutputSink) {}
    public var readsManifest: Bool { false }
    public func splitNotice(command: String) -> String { ShellText.manifestSplit.format(.en, command) }
}

/// One complete entry typed or piped by the learner.
public enum ShellInput: Equatable, Sendable {
    /// A single command line, trimmed of surrounding whitespace.
    case command(String)
    /// A YAML manifest typed inline: its lines joined with `\n`, ending with `\n`.
    case yaml(String)
}

/// How an entry ended.
public enum CommandOutcome: Equatable, Sendable {
    case ok
    /// The command reported an error; in piped mode this makes the exit status 1.
    case failed
    /// Leave the shell (e.g. the backend implements its own `exit` command).
    case quit
}
