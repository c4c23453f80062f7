import CSpawn
import Foundation

/// A container's stdout+stderr in memory (a memfd): the container writes through the shared file
/// offset, readers use pread from their own offset (`kubectl logs`, `logs -f`). Nothing touches disk.
public final class ContainerLog: @unchecked Sendable {
    /// The write end to pass as the container's stdout and stderr.
    public let fd: Int32

    public init(name: String) throws {
        let fd = cspawn_memfd("kubetutor-log:\(name)")
        guard fd >= 0 else { throw RuntimeError(operation: "create log for \(name)", stage: "memfd_create", errno: errno) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Bytes written so far.
    public var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Up to `maxBytes` from `offset`; empty at the end. Advance your offset by the count returned.
    public func read(from offset: Int, maxBytes: Int = 1 << 20) -> Data {
        let want = max(0, min(maxBytes, size - offset))
        guard want > 0 else { return Data() }
        var data = Data(count: want)
        let got = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
        return got > 0 ? data.prefix(got) : Data()
    }

    /// The whole log as text.
    public var text: String { String(decoding: read(from: 0, maxBytes: Int.max), as: UTF8.self) }

    /// Stdio for a container writing to this log, reading `stdin` (e.g. `StdioFDs.devNull`).
    public func stdio(stdin: Int32) -> StdioFDs {
        StdioFDs(stdin: stdin, stdout: fd, stderr: fd)
    }
}

extension StdioFDs {
    /// A read-only /dev/null, opened once, for containers without stdin.
    public static let devNull: Int32 = open("/dev/null", O_RDONLY | O_CLOEXEC)
}
