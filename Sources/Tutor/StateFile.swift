import Foundation

/// Reading kubetutor's state files safely: only a regular file below a size cap is read (a FIFO
/// would block the start, `/dev/zero` would fill memory), an unreadable file is told apart from an
/// absent one, a damaged file is kept aside under a timestamped name (never overwritten by the next
/// damage), and temporary files of processes that died mid-save are removed.
public enum StateFile {
    public enum Contents: Equatable {
        case absent
        case data(Data)
        /// There, but not readable as a state file: why (not a regular file, too large, no permission).
        case unreadable(String)
    }

    /// State files are small; anything larger is not one of ours.
    public static let maxBytes = 4 << 20

    public static func read(_ path: String, maxBytes: Int = StateFile.maxBytes) -> Contents {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return errno == ENOENT ? .absent : .unreadable(String(cString: strerror(errno)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .unreadable("it is not a regular file") }
        guard Int(st.st_size) <= maxBytes else { return .unreadable("it is larger than \(maxBytes >> 20) MiB") }
        // O_NONBLOCK: a file swapped for a FIFO after the stat still cannot block the start.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var fst = stat()
        guard fstat(fd, &fst) == 0, (fst.st_mode & S_IFMT) == S_IFREG else { return .unreadable("it is not a regular file") }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while data.count <= maxBytes {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .unreadable(String(cString: strerror(errno))) }
            if n == 0 { return .data(data) }
            data.append(contentsOf: buffer[0..<n])
        }
        return .unreadable("it is larger than \(maxBytes >> 20) MiB")
    }

    /// Moves a damaged file aside as `PATH.damaged-<UTC time>` and returns that name (nil when the
    /// move failed: then the file stays where it is, and must not be overwritten).
    public static func keepAside(_ path: String, now: Date = Date()) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var aside = "\(path).damaged-\(formatter.string(from: now))"
        var n = 1
        while FileManager.default.fileExists(atPath: aside) {
            n += 1
            aside = "\(path).damaged-\(formatter.string(from: now))-\(n)"
        }
        return rename(path, aside) == 0 ? aside : nil
    }

    /// Removes `PATH.tmp-<pid>` files left by kubetutor processes that are gone.
    public static func removeStaleTemporaries(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + entry) }
        }
    }

    /// A JSON state file, decoded: nil with no warning when there is none; nil with a warning when it
    /// cannot be read (left alone: `consequence` says what that means) or is damaged (kept aside).
    public static func loadJSON<T: Decodable>(_ type: T.Type, from path: String, describedAs what: String,
                                              consequence: String) -> (value: T?, warning: String?) {
        removeStaleTemporaries(of: path)
        let data: Data
        switch read(path) {
        case .absent: return (nil, nil)
        case .unreadable(let why): return (nil, "\(what) \(path) cannot be read (\(why)); \(consequence)")
        case .data(let d): data = d
        }
        do {
            return (try decodeJSON(type, from: data), nil)
        } catch {
            guard let aside = keepAside(path) else {
                return (nil, "\(what) \(path) is damaged and could not be moved aside; it is left as it is")
            }
            return (nil, "\(what) \(path) could not be read (kept as \(aside)); starting afresh")
        }
    }

    public static func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: data)
    }

    /// Writes `value` as JSON atomically, unless something that is not ours stands at `path`.
    public static func saveJSON<T: Encodable>(_ value: T, to path: String) throws {
        if let why = refusesReplacement(path) { throw AtomicFile.Failure(path: path, operation: why, code: 0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try AtomicFile.write(try encoder.encode(value), to: path)
    }

    /// Runs `body` holding an exclusive lock on `PATH.lock` (another kubetutor saving the same file waits).
    public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try body() }  // no lock file possible: save unlocked rather than not at all
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Why `path` may not be replaced by a save: something other than a regular file is there.
    public static func refusesReplacement(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFLNK else { return "\(path) is not a regular file; kubetutor leaves it alone" }
        // Unreadable is not absent: what is there may be someone's progress.
        return access(path, R_OK) == 0 ? nil : "\(path) cannot be read; kubetutor leaves it alone"
    }
}

/// kubetutor's state directory: `$XDG_STATE_HOME/kubetutor`, or `~/.local/state/kubetutor` when
/// XDG_STATE_HOME is unset or not absolute (as the XDG spec says).
public enum StateDirectory {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/kubetutor" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/kubetutor"
    }
}

