import Foundation

/// What a learner has done, as saved between runs.
public struct Progress: Codable, Equatable, Sendable {
    public struct LessonRecord: Codable, Equatable, Sendable {
        /// Ids of the steps completed, in the order they were completed.
        public var completedSteps: [String] = []
        /// The step the learner is on (its index).
        public var currentStep: Int = 0
        public var hintsShown: Int = 0
        public var solutionsShown: Int = 0
        public var startedAt: Date?
        public var completedAt: Date?
        public init() {}
    }

    public var version = 1
    public var language: Language?
    /// The lesson being worked on (its id), for "continue where you left off".
    public var currentLesson: String?
    public var lessons: [String: LessonRecord] = [:]
    public init() {}

    public func record(_ id: String) -> LessonRecord { lessons[id] ?? LessonRecord() }

    /// This session's progress merged into what another session saved meanwhile: nothing either did
    /// is lost. Steps done are united, counters take the larger, dates the earlier; where both hold a
    /// lesson, this session's current step and lesson win (it is the one saving).
    public func merged(into saved: Progress) -> Progress {
        var out = saved
        out.language = language ?? saved.language
        out.currentLesson = currentLesson ?? saved.currentLesson
        for (id, mine) in lessons {
            guard let theirs = saved.lessons[id] else {
                out.lessons[id] = mine
                continue
            }
            var r = mine
            r.completedSteps = theirs.completedSteps + mine.completedSteps.filter { !theirs.completedSteps.contains($0) }
            r.hintsShown = max(mine.hintsShown, theirs.hintsShown)
            r.solutionsShown = max(mine.solutionsShown, theirs.solutionsShown)
            r.startedAt = [mine.startedAt, theirs.startedAt].compactMap { $0 }.min()
            r.completedAt = [mine.completedAt, theirs.completedAt].compactMap { $0 }.min()
            out.lessons[id] = r
        }
        return out
    }

    /// The same progress with every number in range (a hand-edited or damaged file must not crash a start).
    public var clamped: Progress {
        var p = self
        for (id, var r) in p.lessons {
            r.currentStep = max(0, r.currentStep)
            r.hintsShown = max(0, r.hintsShown)
            r.solutionsShown = max(0, r.solutionsShown)
            p.lessons[id] = r
        }
        return p
    }
}

/// Saves progress as JSON in `$XDG_STATE_HOME/kubetutor/progress.json` (default
/// `~/.local/state/kubetutor/`). Every save writes a temporary file in the same folder, flushes it
/// and renames it over the old one, so a crash leaves either the old or the new file, never half of one.
public struct ProgressStore: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StateDirectory.path(environment: environment) + "/progress.json"
    }

    /// The saved progress; empty when there is none. A damaged file is moved aside
    /// (`.damaged-<time>`) and reported; one that cannot be read at all is reported and left alone.
    public func load() -> (progress: Progress, warning: String?) {
        let (saved, warning) = StateFile.loadJSON(Progress.self, from: path, describedAs: "the progress file",
                                                  consequence: "progress of this session will not be saved there")
        return (saved?.clamped ?? Progress(), warning)
    }

    /// Saves under a lock (`PATH.lock`, flock), merged into what another session sharing the state
    /// directory saved meanwhile, so neither loses the other's work.
    public func save(_ progress: Progress) throws {
        try StateFile.withLock(path) {
            var merged = progress
            if case .data(let data) = StateFile.read(path), let saved = try? StateFile.decodeJSON(Progress.self, from: data) {
                merged = progress.merged(into: saved.clamped)
            }
            try StateFile.saveJSON(merged, to: path)
        }
    }
}

/// Write-to-temporary, fsync, rename: readers see the old or the new content, never a torn file.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32
        public var description: String { code == 0 ? operation : "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    public static func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: temporary, operation: "open", code: errno) }
        var offset = 0
        let failure: Failure? = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            while offset < buffer.count {
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return Failure(path: temporary, operation: "write", code: errno)
                }
                offset += n
            }
            return fsync(fd) == 0 ? nil : Failure(path: temporary, operation: "fsync", code: errno)
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(path: path, operation: "rename", code: code)
        }
    }
}
