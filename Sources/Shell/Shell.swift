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
            guard let entry = accumulator.feed(line, manifestOnly: backend.readsManifest) else { continue }
            switch execute(entry) {
            case .ok: break
            case .failed: anyFailed = true
            case .quit: return anyFailed ? 1 : 0
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
            case .line(let line):
                guard let entry = accumulator.feed(line, manifestOnly: backend.readsManifest) else { continue }
                if case .command(let command) = entry { editor.history?.record(command) }
                if execute(entry) == .quit { return 0 }
            }
        }
    }

    /// Runs one entry with a fresh interrupt flag.
    private func execute(_ entry: ShellInput) -> CommandOutcome {
        if case .command(let command) = entry, command == "exit" || command == "quit" { return .quit }
        Interrupt.reset()
        let outcome = backend.run(entry, output: output)
        Interrupt.reset()
        return outcome
    }
}
