import CSpawn
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

/// The size of the terminal on a descriptor.
public enum TerminalSize {
    /// Columns of the terminal `fd` is on; nil when it is not a terminal.
    public static func columns(of fd: Int32) -> Int? {
        guard isatty(fd) == 1 else { return nil }
        var rows: UInt16 = 0, cols: UInt16 = 0
        guard cspawn_get_winsize(fd, &rows, &cols) == 0, cols > 0 else { return nil }
        return Int(cols)
    }
}
