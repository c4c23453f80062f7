import Foundation
@testable import Shell

/// A backend that records what it is asked to run and answers from a script.
final class RecordingBackend: ShellBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var inputs: [ShellInput] = []
    /// Outcome per command text; anything else is `.ok`.
    var outcomes: [String: CommandOutcome] = [:]
    var candidates: [String] = []
    var prompt = "kubetutor> "

    var received: [ShellInput] { lock.withLock { inputs } }

    func run(_ input: ShellInput, output: OutputSink) -> CommandOutcome {
        lock.withLock { inputs.append(input) }
        switch input {
        case .command(let command):
            output.out("ran: \(command)\n")
            let outcome = outcomes[command] ?? .ok
            if outcome == .failed { output.err("error: \(command) failed\n") }
            return outcome
        case .yaml(let text):
            output.out("applied \(text.split(separator: "\n").count) lines\n")
            return .ok
        }
    }

    func completions(lineBeforeCursor: String) -> [String] { candidates }
}

/// Collects everything written to an OutputSink.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    var sink: OutputSink {
        OutputSink(out: { text in self.lock.withLock { self.outText += text } },
                   err: { text in self.lock.withLock { self.errText += text } })
    }
}
