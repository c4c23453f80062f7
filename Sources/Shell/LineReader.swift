import Foundation

/// Reads lines from a file descriptor with read(2): piped mode's input. It does not go through
/// stdio (`readLine()`), whose stdin FILE was seen spinning forever at end of input after a
/// Ctrl-C had interrupted a command; EINTR is retried and end of input is final.
public final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    public init(fd: Int32 = 0) { self.fd = fd }

    /// The next line without its newline (a final unterminated line too), or nil at end of input.
    public func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                compact()
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
            } else if n < 0 && errno == EAGAIN {
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)  // a non-blocking stdin: wait
                _ = poll(&ready, 1, -1)
            } else if n == 0 || errno != EINTR {
                atEnd = true
            }
        }
    }

    /// Drops consumed bytes once they dominate the buffer.
    private func compact() {
        if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
