import Foundation

/// Where a command reads and writes. The shell passes its terminal; tests pass buffers.
public struct CommandIO {
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// The process's own stdin, for `exec -i` (and whether it is a terminal, for `-t`).
    public var stdinFD: Int32
    public var stdinIsTTY: Bool
    public var stdoutFD: Int32
    /// True once the user pressed Ctrl-C: long-running commands (`get -w`, `logs -f`, `wait`) stop.
    public var isInterrupted: () -> Bool
    /// Relative `-f` paths resolve against this.
    public var workingDirectory: String
    /// Told what an interactive session (`exec -it`) typed and showed, when it ends.
    public var session: ((_ typed: String, _ shown: String) -> Void)?

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, stdinFD: Int32 = 0,
                stdinIsTTY: Bool = false, stdoutFD: Int32 = 1, isInterrupted: @escaping () -> Bool = { false },
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.out = out
        self.err = err
        self.stdinFD = stdinFD
        self.stdinIsTTY = stdinIsTTY
        self.stdoutFD = stdoutFD
        self.isInterrupted = isInterrupted
        self.workingDirectory = workingDirectory
    }

    func line(_ s: String) { out(s + "\n") }
    func errorLine(_ s: String) { err(s + "\n") }

    /// A buffer-backed IO for tests and for capturing output (lesson checks).
    public static func capturing() -> (CommandIO, CapturedOutput) {
        let captured = CapturedOutput()
        let io = CommandIO(out: { captured.append(out: $0) }, err: { captured.append(err: $0) })
        return (io, captured)
    }
}

/// Output collected by `CommandIO.capturing()`.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var o = ""
    private var e = ""
    public init() {}
    func append(out s: String) { lock.lock(); o += s; lock.unlock() }
    func append(err s: String) { lock.lock(); e += s; lock.unlock() }
    public var stdout: String { lock.lock(); defer { lock.unlock() }; return o }
    public var stderr: String { lock.lock(); defer { lock.unlock() }; return e }
}
