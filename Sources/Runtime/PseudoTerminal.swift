import CSpawn
import Foundation

/// The master of the pty that `kubectl exec -it` runs on. The terminal is made inside the container
/// (its own devpts, as runc does): kubetutor passes a `ConsoleSocket` as the process's stdio, the
/// process's side opens /dev/ptmx there and sends the master back. kubetutor then relays between its
/// own terminal and the master until the process is gone.
public final class PseudoTerminal: @unchecked Sendable {
    public let master: Int32

    /// Adopts a received master.
    public init(master: Int32) { self.master = master }

    deinit { close(master) }

    /// Gives the pty the size of `terminal` (kubetutor's own stdout), so full-screen programs fit.
    public func copyWindowSize(from terminal: Int32) {
        var rows: UInt16 = 0, cols: UInt16 = 0
        if cspawn_get_winsize(terminal, &rows, &cols) == 0 { _ = cspawn_set_winsize(master, rows, cols) }
    }

    /// Sets the pty's size (a client's resize message).
    public func setWindowSize(columns: UInt16, rows: UInt16) {
        _ = cspawn_set_winsize(master, rows, columns)
    }

    /// Copies `input` → master and master → `output` until the process side closes (all slave fds
    /// gone) or `stop()` returns true (checked every 100 ms). End of `input` sends the terminal's EOF.
    /// `record` sees every chunk: true for what was typed, false for what the terminal showed.
    public func relay(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, stop: () -> Bool = { false },
                      record: ((_ typed: Bool, _ bytes: ArraySlice<UInt8>) -> Void)? = nil) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        var inputOpen = true
        while !stop() {
            var pfds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0),
                        pollfd(fd: inputOpen ? input : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&pfds, 2, 100)
            if ready < 0 && errno != EINTR { return }
            if pfds[0].revents != 0 {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 && !(n < 0 && (errno == EINTR || errno == EAGAIN)) { return }  // EIO: slave side closed
                if n > 0 { record?(false, buffer[0..<n]) }
                if n > 0 && !writeAll(output, buffer, n) { return }
            }
            if inputOpen && pfds[1].revents != 0 {
                let n = read(input, &buffer, buffer.count)
                if n > 0 {
                    record?(true, buffer[0..<n])
                    _ = writeAll(master, buffer, n)
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    inputOpen = false
                    var eof: UInt8 = 4  // ^D: what a terminal sends at end of input in canonical mode
                    _ = write(master, &eof, 1)
                }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ buffer: [UInt8], _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let n = buffer[done..<count].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}

/// runc's console socket: one end goes to the runtime as stdio with `tty`, and the pty master
/// arrives on the other once the process has its terminal.
public final class ConsoleSocket: @unchecked Sendable {
    private let parent: Int32
    private var child: Int32

    public init() throws {
        var pair: [Int32] = [-1, -1]
        guard cspawn_seqpacket_pair(&pair) == 0 else { throw RuntimeError(operation: "open pty", stage: "socketpair", errno: errno) }
        parent = pair[0]
        child = pair[1]
    }

    deinit {
        closeChildEnd()
        close(parent)
    }

    /// Stdio for the process: the runtime opens the terminal on its side and sends the master here.
    public var stdio: StdioFDs { StdioFDs(stdin: child, stdout: child, stderr: child, tty: true) }

    /// Once the process is started, only it may hold the other end (so a failed start reads EOF).
    public func closeChildEnd() {
        if child >= 0 { close(child) }
        child = -1
    }

    /// The master the process's side sent.
    public func receiveTerminal() throws -> PseudoTerminal {
        closeChildEnd()
        var byte: UInt8 = 0
        var fds: [Int32] = [-1]
        var count: Int32 = 0
        let n = cspawn_recv(parent, &byte, 1, &fds, 1, &count)
        guard n > 0, count == 1, fds[0] >= 0 else {
            throw RuntimeError(operation: "open pty", stage: "receive pty master", errno: n < 0 ? errno : EPIPE)
        }
        return PseudoTerminal(master: fds[0])
    }
}
