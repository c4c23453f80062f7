import CEditLine
import Foundation
import Tutor

/// The line editor's history (libedit's `History`), optionally kept in a file between runs.
///
/// Command lines are recorded, and a typed manifest as one entry (libedit keeps its newlines, and
/// its history file encodes them). Empty lines and repeats are not recorded. The file is loaded only
/// when it is a regular file of reasonable size (a FIFO or `/dev/zero` would hang the start), and
/// saved atomically (libedit's own save rewrites the file in place: a kill mid-save emptied it).
public final class EditHistory {
    /// libedit's `History *`.
    let handle: OpaquePointer
    /// The file the history is loaded from and saved to after every entry, if any.
    public let file: String?
    public let limit: Int
    /// Why the file was not loaded (and will not be written), if it was not.
    public let loadProblem: String?

    /// Creates a history holding at most `limit` entries, loading `file` if it exists.
    /// Returns nil only if libedit cannot allocate a history.
    public init?(limit: Int = 1000, file: String? = nil) {
        guard let handle = history_init() else { return nil }
        self.handle = handle
        self.file = file
        self.limit = limit
        _ = kt_history_set_size(handle, Int32(clamping: limit))
        _ = kt_history_set_unique(handle, 1)
        var problem: String?
        if let file {
            StateFile.removeStaleTemporaries(of: file)
            switch StateFile.read(file, maxBytes: 2 << 20) {
            case .absent: break
            case .unreadable(let why): problem = "history file \(file) not loaded: \(why)"
            case .data: _ = kt_history_load(handle, file)
            }
        }
        loadProblem = problem
    }

    deinit {
        history_end(handle)
    }

    /// Records one entry and saves the file, so a killed session keeps its history.
    /// A failure to save is returned, not thrown: losing history must not stop the shell.
    @discardableResult
    public func record(_ line: String) -> HistoryError? {
        let entry = line.trimmingWhitespace()
        guard !entry.isEmpty else { return nil }
        _ = kt_history_enter(handle, entry)
        return save()
    }

    /// Writes the history file (creating its directory), if there is one.
    @discardableResult
    public func save() -> HistoryError? {
        guard let file else { return nil }
        do {
            try HistoryFile.createParentDirectory(of: file)
        } catch {
            return HistoryError(path: file, reason: "cannot create its directory: \(error)")
        }
        if loadProblem != nil { return HistoryError(path: file, reason: "left alone: it could not be loaded") }
        if let why = StateFile.refusesReplacement(file) { return HistoryError(path: file, reason: why) }
        let temporary = "\(file).tmp-\(getpid())"
        guard kt_history_save(handle, temporary) >= 0 else {
            let reason = "cannot write it: \(String(cString: strerror(errno)))"
            unlink(temporary)
            return HistoryError(path: file, reason: reason)
        }
        let fd = open(temporary, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
        guard rename(temporary, file) == 0 else {
            let reason = "cannot replace it: \(String(cString: strerror(errno)))"
            unlink(temporary)
            return HistoryError(path: file, reason: reason)
        }
        return nil
    }

    /// The entries, oldest first.
    public var entries: [String] {
        var newestFirst: [String] = []
        var index: Int32 = 0
        while let entry = kt_history_entry(handle, index) {
            newestFirst.append(String(cString: entry))
            index += 1
        }
        return newestFirst.reversed()
    }
}

/// Saving the history file failed.
public struct HistoryError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "history file \(path): \(reason)" }
}
