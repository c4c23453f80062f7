import CEditLine
import Foundation

/// An interactive line editor on a terminal, built on libedit (emacs key bindings, history,
/// Tab completion). Ctrl-C and Ctrl-D end a read with distinct results; signals are handled by
/// `SignalHandling`, never by libedit (whose handling would kill the process on Ctrl-C).
public final class LineEditor {
    /// How one read ended.
    public enum Reading: Equatable, Sendable {
        /// A line was entered (without its newline).
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal closed.
        case endOfInput
    }

    /// libedit's `EditLine *`.
    let editLine: OpaquePointer
    let inputDescriptor: Int32
    private let inputFile: UnsafeMutablePointer<FILE>
    let outputFile: UnsafeMutablePointer<FILE>
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private var tabCompleter = TabCompleter()
    /// Set by the Ctrl-C key binding or a SIGINT during a read; tells Ctrl-C from Ctrl-D.
    var interruptedDuringRead = false
    /// Bytes of a UTF-8 sequence read so far (libedit asks for one wide character at a time).
    var pendingBytes: [UInt8] = []

    /// The history used for up/down and Ctrl-R, if any.
    public let history: EditHistory?
    /// Returns completion candidates for the text before the cursor (see `ShellBackend`).
    public var completer: ((String) -> [String])?
    /// When true, Tab inserts two spaces instead of completing (indentation while typing YAML).
    public var tabInsertsIndent = false

    /// Opens an editor reading keys from `input` and drawing on `output` (both terminals).
    public init(
        programName: String = "kubetutor", input: Int32 = 0, output: Int32 = 1, history: EditHistory? = nil
    ) throws {
        guard let inputFile = fdopen(dup(input), "r") else { throw LineEditorError.openFailed("fdopen(input)", errno) }
        guard let outputFile = fdopen(dup(output), "w") else {
            fclose(inputFile)
            throw LineEditorError.openFailed("fdopen(output)", errno)
        }
        guard let editLine = el_init_fd(programName, inputFile, outputFile, outputFile, fileno(inputFile),
                                        fileno(outputFile), fileno(outputFile)) else {
            fclose(inputFile)
            fclose(outputFile)
            throw LineEditorError.openFailed("el_init", errno)
        }
        self.editLine = editLine
        self.inputDescriptor = fileno(inputFile)
        self.inputFile = inputFile
        self.outputFile = outputFile
        self.history = history
        self.promptBuffer = makeCString("")
        configure()
        restoreTerminalOnShutdown()
    }

    deinit {
        el_end(editLine)  // Restores the terminal modes.
        fclose(inputFile)
        fclose(outputFile)
        promptBuffer.deallocate()
    }

    private func configure() {
        _ = kt_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = kt_el_set_signal(editLine, 0)
        _ = kt_el_set_editor(editLine, "emacs")
        _ = kt_el_set_prompt(editLine, promptCallback)
        _ = kt_el_set_getcfn(editLine, readCallback)
        // Ctrl-C reaches us as a key while editing (so it works on any terminal, even one that is
        // not our controlling tty); while a command runs, the terminal is cooked and it is SIGINT.
        _ = kt_el_setty_edit(editLine, "-isig")
        _ = kt_el_add_function(editLine, "kt-complete", "Complete the word before the cursor", completeCallback)
        _ = kt_el_add_function(editLine, "kt-interrupt", "Abandon the current entry", interruptCallback)
        _ = kt_el_bind(editLine, "^I", "kt-complete")
        _ = kt_el_bind(editLine, "^C", "kt-interrupt")
        _ = kt_el_bind(editLine, "^R", "em-inc-search-prev")
        if let history { _ = kt_el_set_history(editLine, history.handle) }
    }

    /// SIGTERM may arrive while the terminal is in editing mode: put back the modes it had when the
    /// editor opened, or the learner's shell is left without echo.
    private func restoreTerminalOnShutdown() {
        var original = termios()
        guard tcgetattr(inputDescriptor, &original) == 0 else { return }
        let saved = original
        SignalHandling.onShutdown { [weak self] in
            guard let self else { return }
            var modes = saved
            _ = tcsetattr(self.inputDescriptor, TCSANOW, &modes)
        }
    }

    /// Reads one line, showing `prompt`.
    public func readLine(prompt: String) -> Reading {
        promptBuffer.deallocate()
        promptBuffer = makeCString(prompt)
        interruptedDuringRead = false
        pendingBytes.removeAll()
        Interrupt.reset()
        SignalHandling.drainWakeups()

        _ = kt_el_prep_term(editLine, 1)  // Raw mode before the prompt is drawn (see the shim).
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if interruptedDuringRead {
            write("^C\n")
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    /// Writes text through the editor's own output stream, so it is ordered with its drawing.
    func write(_ text: String) {
        fputs(text, outputFile)
        fflush(outputFile)
    }

    /// Whether more input is already waiting (the rest of a paste).
    public var hasPendingInput: Bool {
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// The terminal width, for listing completions (80 when unknown).
    var terminalColumns: Int {
        let columns = Int(kt_terminal_columns(fileno(outputFile)))
        return columns > 0 ? columns : 80
    }

    var currentPromptPointer: UnsafeMutablePointer<CChar> { promptBuffer }

    /// The Tab key: indent in YAML, otherwise complete from the backend's candidates.
    func completeAtCursor() -> UInt8 {
        if tabInsertsIndent {
            _ = el_insertstr(editLine, "  ")
            return UInt8(CC_REFRESH)
        }
        guard let info = el_line(editLine), let start = info.pointee.buffer, let cursor = info.pointee.cursor
        else { return UInt8(CC_ERROR) }
        let length = cursor - start
        let before = start.withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        let candidates = completer?(before) ?? []
        switch tabCompleter.press(lineBeforeCursor: before, candidates: candidates) {
        case .insert(let text):
            _ = el_insertstr(editLine, text)
            return UInt8(CC_REFRESH)
        case .list(let names):
            write("\n" + ColumnLayout.format(names, width: terminalColumns))
            return UInt8(CC_REDISPLAY)
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        }
    }
}

/// Opening the editor failed: which call, and errno.
public enum LineEditorError: Error, Equatable, CustomStringConvertible {
    case openFailed(String, Int32)

    public var description: String {
        switch self {
        case .openFailed(let call, let code):
            return "cannot start the line editor: \(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// A NUL-terminated copy of `text` that stays put while libedit holds on to it.
private func makeCString(_ text: String) -> UnsafeMutablePointer<CChar> {
    let bytes = Array(text.utf8CString)
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    buffer.initialize(from: bytes, count: bytes.count)
    return buffer
}

/// The LineEditor that owns a libedit handle (stored as EL_CLIENTDATA).
func lineEditor(of editLine: OpaquePointer?) -> LineEditor? {
    guard let editLine, let data = kt_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
}

private let emptyPrompt = makeCString("")

// C callbacks cannot capture context; they find their editor through the libedit handle.
private let promptCallback: kt_prompt_fn = { editLine in
    lineEditor(of: editLine)?.currentPromptPointer ?? emptyPrompt
}

private let completeCallback: kt_editor_fn = { editLine, _ in
    lineEditor(of: editLine)?.completeAtCursor() ?? UInt8(CC_ERROR)
}

/// Ends el_gets with "end of file"; the flag makes readLine report Ctrl-C rather than Ctrl-D.
private let interruptCallback: kt_editor_fn = { editLine, _ in
    lineEditor(of: editLine)?.interruptedDuringRead = true
    return UInt8(CC_EOF)
}

private let readCallback: el_rfunc_t = { editLine, character in
    guard let editor = lineEditor(of: editLine), let character else { return -1 }
    return editor.readCharacter(into: character)
}
