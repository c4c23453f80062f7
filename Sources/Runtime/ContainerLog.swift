import CSpawn
import Foundation

/// A container's stdout+stderr in memory (a memfd): the container writes through the shared file
/// offset, readers use pread from their own offset (`kubectl logs`, `logs -f`). Nothing touches disk.
/// Rotation (the kubelet's containerLogMaxSize) moves `start` to a line boundary and frees what lies
/// before it; offsets keep counting from the first byte ever written.
public final class ContainerLog: @unchecked Sendable {
    /// The kubelet's default containerLogMaxSize: 10Mi.
    public static let defaultMaxBytes = 10 << 20
    /// The write end to pass as the container's stdout and stderr.
    public let fd: Int32
    private let lock = NSLock()
    private var first = 0
    private var rotated = 0

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

    /// Where the current log file begins (0 until the first rotation).
    public var start: Int { lock.lock(); defer { lock.unlock() }; return first }

    /// How many times the log has rotated.
    public var rotations: Int { lock.lock(); defer { lock.unlock() }; return rotated }

    /// Rotates when the current file holds more than `maxBytes`: the file starts again after the last
    /// complete line (or at the end, when the last 64 KiB hold no newline) and the memory before it is
    /// freed. Rotated files are not kept: `kubectl logs` reads only the current one.
    @discardableResult
    public func rotate(ifOver maxBytes: Int = ContainerLog.defaultMaxBytes) -> Bool {
        let end = size
        lock.lock(); defer { lock.unlock() }
        guard end - first > maxBytes else { return false }
        let window = min(end - first, 64 << 10)
        var tail = Data(count: window)
        let got = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(end - window)) }
        var cut = end
        if got == window, let newline = tail.lastIndex(of: UInt8(ascii: "\n")) { cut = end - window + newline + 1 }
        first = cut
        rotated += 1
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        _ = cspawn_punch_hole(fd, Int64(cut / page * page))
        return true
    }

    /// Up to `maxBytes` from `offset` (or from `start`, when that is later); empty at the end. Advance
    /// your offset by the count returned, from `max(offset, start)`.
    public func read(from offset: Int, maxBytes: Int = 1 << 20) -> Data {
        let offset = max(offset, start)
        let want = max(0, min(maxBytes, size - offset))
        guard want > 0 else { return Data() }
        var data = Data(count: want)
        let got = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
        return got > 0 ? data.prefix(got) : Data()
    }

    /// The current log file as text.
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
