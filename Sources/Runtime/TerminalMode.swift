import Foundation

/// The real terminal in raw mode for the length of an `exec -it`; `restore()` puts it back.
public struct TerminalMode: Sendable {
    public let fd: Int32
    private let saved: termios

    /// Switches `fd` to raw mode (no echo, no line editing, no signals from keys) and remembers the old mode.
    public static func makeRaw(_ fd: Int32 = STDIN_FILENO) throws -> TerminalMode {
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { throw RuntimeError(operation: "raw terminal", stage: "tcgetattr", errno: errno) }
        var raw = original
        cfmakeraw(&raw)
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { throw RuntimeError(operation: "raw terminal", stage: "tcsetattr", errno: errno) }
        return TerminalMode(fd: fd, saved: original)
    }

    public func restore() {
        var original = saved
        _ = tcsetattr(fd, TCSANOW, &original)
    }
}
