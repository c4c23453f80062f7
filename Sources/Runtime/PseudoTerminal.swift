import CSpawn
import Foundation

/// A pty pair for `kubectl exec -it`: the slave becomes the exec'd process's stdio and controlling
/// tty; kubetutor relays between its own terminal and the master until the process is gone.
public final class PseudoTerminal: @unchecked Sendable {
    public let master: Int32
    public private(set) var slave: Int32
    public let slavePath: String

    public init() throws {
        var name = [CChar](repeating: 0, count: 128)
        let master = cspawn_open_pty_master(&name, name.count)
        guard master >= 0 else { throw RuntimeError(operation: "open pty", stage: "posix_openpt", errno: errno) }
        let path = String(cString: name)
        let slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            let err = errno
            close(master)
            throw RuntimeError(operation: "open pty", stage: "open \(path)", errno: err)
        }
        self.master = master
        self.slave = slave
        slavePath = path
    }

    deinit {
        closeSlave()
        close(master)
    }

    /// Stdio for the exec'd process: all three on the slave, with a new session and controlling tty.
    public var stdio: StdioFDs { StdioFDs(stdin: slave, stdout: slave, stderr: slave, tty: true) }

    /// Close our copy once the process has its own: then reading the master ends (EIO) when it exits.
    public func closeSlave() {
        if slave >= 0 { close(slave) }
        slave = -1
    }

    /// Gives the pty the size of `terminal` (kubetutor's own stdout), so full-screen programs fit.
    public func copyWindowSize(from terminal: Int32) {
        var rows: UInt16 = 0, cols: UInt16 = 0
        if cspawn_get_winsize(terminal, &rows, &cols) == 0 { _ = cspawn_set_winsize(master, rows, cols) }
    }

    /// Copies `input` → master and master → `output` until the process side closes (all slave fds
    /// gone) or `stop()` returns true (checked every 100 ms). End of `input` sends the terminal's EOF.
    public func relay(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, stop: () -> Bool = { false }) {
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
                if n > 0 && !writeAll(output, buffer, n) { return }
            }
            if inputOpen && pfds[1].revents != 0 {
                let n = read(input, &buffer, buffer.count)
                if n > 0 {
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
