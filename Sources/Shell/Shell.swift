import Foundation

/// The read–run loop: interactive on a terminal (libedit), plain line reading otherwise.
///
/// Both modes feed lines through `InputAccumulator`, so commands and inline YAML manifests are
/// read the same way. `exit` and `quit` leave the shell without reaching the backend.
public final class Shell {
    public let backend: ShellBackend
    /// Shown for the second and later lines of a YAML manifest.
    public var continuationPrompt = "      ...> "
    private let output: OutputSink
    private let historyFile: String?

    /// - Parameters:
    ///   - output: where commands write; the process's stdout/stderr by default.
    ///   - historyFile: where interactive history persists; nil keeps it in memory only.
    public init(backend: ShellBackend, output: OutputSink = .standard, historyFile: String? = HistoryFile.defaultPath) {
        self.backend = backend
        self.output = output
        self.historyFile = historyFile
    }

    /// Runs until `exit`, Ctrl-D or the end of input and returns the process exit status:
    /// interactively 0; piped, 1 if any entry failed, else 0.
    public func run() -> Int32 {
        SignalHandling.install()
        TerminalLocale.configure()
        if isatty(0) == 1 && isatty(1) == 1 {
            do {
                let editor = try LineEditor(history: EditHistory(file: historyFile))
                if let problem = editor.history?.loadProblem { output.err("warning: \(problem)\n") }
                return runInteractive(editor: editor)
            } catch {
                output.err("warning: \(error); reading plain lines instead\n")
            }
        }
        let reader = LineReader(fd: 0)
        return runPiped(nextLine: { reader.next() })
    }

    /// Non-interactive mode: no prompt, no echo; only the commands' output is printed.
    /// The end of input runs a manifest still open.
    public func runPiped(nextLine: () -> String?) -> Int32 {
        var accumulator = InputAccumulator()
        var anyFailed = false
        while let line = nextLine() {
            // Piped input is all there: a blank line inside a manifest waits for the next line.
            for entry in accumulator.feed(line, manifestOnly: backend.readsManifest, morePending: true) {
                switch execute(entry, explainingSplit: accumulator.commandAfterSplit) {
                case .ok: break
                case .failed: anyFailed = true
                case .quit: return anyFailed ? 1 : 0
                }
            }
        }
        if let entry = accumulator.finish(), execute(entry) == .failed { anyFailed = true }
        return anyFailed ? 1 : 0
    }

    /// Interactive mode on `editor`. Ctrl-C abandons the line or the open manifest; Ctrl-D on an
    /// empty line quits, except inside a manifest, where it ends (and runs) the manifest.
    public func runInteractive(editor: LineEditor) -> Int32 {
        let backend = self.backend
        editor.completer = { [weak backend] line in backend?.completions(lineBeforeCursor: line) ?? [] }
        var accumulator = InputAccumulator()
        while true {
            editor.tabInsertsIndent = accumulator.isInManifest
            let prompt = accumulator.isInManifest ? continuationPrompt : backend.prompt
            switch editor.readLine(prompt: prompt) {
            case .interrupted:
                accumulator.abandon()
                backend.interrupted(output: output)
            case .endOfInput:
                guard let entry = accumulator.finish() else {
                    editor.write("\n")
                    return 0
                }
                if execute(entry) == .quit { return 0 }
            case .line(let line) where line.contains("\n") && !accumulator.isInManifest:
                // A manifest recalled from history (↑) and perhaps edited: the whole of it at once.
                let entry = ShellInput.yaml(line.trimmingWhitespace() + "\n")
                editor.history?.record(line)
                if execute(entry) == .quit { return 0 }
            case .line(let line):
                for entry in accumulator.feed(line, manifestOnly: backend.readsManifest, morePending: editor.hasPendingInput) {
                    switch entry {
                    case .command(let command): editor.history?.record(command)
                    // A typed manifest is one history entry, so ↑ brings all of it back to fix a typo.
                    case .yaml(let text): editor.history?.record(text)
                    }
                    if execute(entry, explainingSplit: accumulator.commandAfterSplit) == .quit { return 0 }
                }
            }
        }
    }

    /// Runs one entry with a fresh interrupt flag. `explainingSplit`: a command read right after a
    /// blank line ended a pasted manifest; when it fails, say what happened.
    private func execute(_ entry: ShellInput, explainingSplit split: String? = nil) -> CommandOutcome {
        if case .command(let command) = entry, command == "exit" || command == "quit" { return .quit }
        Interrupt.reset()
        let outcome = backend.run(entry, output: output)
        Interrupt.reset()
        if outcome == .failed, case .command(let command) = entry, command == split {
            output.err(backend.splitNotice(command: command) + "\n")
        }
        return outcome
    }
}
