import CEditLine
import Foundation

/// The line editor's history (libedit's `History`), optionally kept in a file between runs.
///
/// Only command lines are recorded: the lines of a YAML manifest typed inline are skipped, because
/// recalling one manifest line out of context is useless and libedit recalls entries one line at a
/// time. Empty lines and repeats of the previous entry are not recorded.
public final class EditHistory {
    /// libedit's `History *`.
    let handle: OpaquePointer
    /// The file the history is loaded from and saved to after every entry, if any.
    public let file: String?
    public let limit: Int

    /// Creates a history holding at most `limit` entries, loading `file` if it exists.
    /// Returns nil only if libedit cannot allocate a history.
    public init?(limit: Int = 1000, file: String? = nil) {
        guard let handle = history_init() else { return nil }
        self.handle = handle
        self.file = file
        self.limit = limit
        _ = kt_history_set_size(handle, Int32(clamping: limit))
        _ = kt_history_set_unique(handle, 1)
        if let file, FileManager.default.fileExists(atPath: file) {
            _ = kt_history_load(handle, file)
        }
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
        if kt_history_save(handle, file) < 0 {
            return HistoryError(path: file, reason: "cannot write it: \(String(cString: strerror(errno)))")
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
