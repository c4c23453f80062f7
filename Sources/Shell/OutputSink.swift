#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes: standard output and standard error, or a capture in tests.
public struct OutputSink: Sendable {
    /// Writes text meant for standard output.
    public let out: @Sendable (String) -> Void
    /// Writes text meant for standard error (kubectl prints errors and "No resources found" there).
    public let err: @Sendable (String) -> Void

    /// Receives an interactive terminal session (`exec -it`) once it ends: what was typed and what
    /// it showed. Those bytes went to the terminal directly, not through `out`.
    public let session: (@Sendable (_ typed: String, _ shown: String) -> Void)?

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                session: (@Sendable (_ typed: String, _ shown: String) -> Void)? = nil) {
        self.out = out
        self.err = err
        self.session = session
    }

    /// The process's file descriptors 1 and 2, written unbuffered so that output interleaves
    /// correctly with the line editor's own writes.
    public static let standard = OutputSink(
        out: { FileDescriptorWriter.writeAll($0, to: 1) },
        err: { FileDescriptorWriter.writeAll($0, to: 2) }
    )
}

/// Writes whole strings to a file descriptor, retrying on EINTR and short writes.
enum FileDescriptorWriter {
    /// Returns false when the descriptor refused the data (closed pipe, bad descriptor).
    @discardableResult
    static func writeAll(_ text: String, to fd: Int32) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(fd, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
