// Test helper: drive programs through a pseudo-terminal, as a person at a keyboard would.
// Self-contained (Foundation + Glibc only): ShellTests compiles this same file through the symlink
// Tests/ShellTests/PTYProcess.swift, since one test target cannot import another.
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Something went wrong setting up or talking to a pseudo-terminal.
struct PTYError: Error, CustomStringConvertible {
    let description: String

    init(_ call: String, _ code: Int32 = errno) {
        description = "\(call) failed: \(String(cString: strerror(code)))"
    }

    init(message: String) {
        description = message
    }
}

/// A pseudo-terminal pair. Write keystrokes to `master`; whatever the program on `slave` prints
/// is collected by `expect(_:)`. Control keys: "\t" Tab, "\u{3}" Ctrl-C, "\u{4}" Ctrl-D, "\r" Enter.
final class PTY {
    let master: Int32
    let slave: Int32
    let slavePath: String
    /// Everything read from the master so far.
    private(set) var transcript = ""
    /// Where the next `expect` starts looking, so that one output is matched once.
    private var searchStart: String.Index

    init(rows: UInt16 = 24, columns: UInt16 = 80) throws {
        // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module; on Linux they are
        // this: open the multiplexer, unlock the slave, ask its number (grantpt is a no-op on devpts).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw PTYError("open(/dev/ptmx)") }
        // The ioctl numbers are function-like macros Swift cannot import; these are the
        // asm-generic values (x86_64, arm64): _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int).
        let setPTYLock: UInt = 0x4004_5431
        let getPTYNumber: UInt = 0x8004_5430
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, setPTYLock, &unlock) == 0, ioctl(master, getPTYNumber, &number) == 0 else {
            let code = errno
            close(master)
            throw PTYError("ioctl(TIOCSPTLCK/TIOCGPTN)", code)
        }
        slavePath = "/dev/pts/\(number)"
        let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            close(master)
            throw PTYError("open(\(slavePath))")
        }
        self.master = master
        self.slave = slave
        searchStart = transcript.startIndex
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    deinit {
        close(master)
        close(slave)
    }

    /// Types `keys` (UTF-8) into the terminal.
    func send(_ keys: String) {
        let bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }

    /// Waits until `text` appears in the output after the previous match; returns the output up to
    /// and including it. Fails the test (and throws) when the deadline passes first.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = transcript.range(of: text, range: searchStart..<transcript.endIndex) {
                let seen = String(transcript[searchStart..<range.upperBound])
                searchStart = range.upperBound
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                let tail = String(transcript[searchStart...].suffix(400))
                XCTFail("timed out waiting for \(text.debugDescription); output since last match: \(tail.debugDescription)",
                        file: file, line: line)
                throw PTYError(message: "timed out waiting for \(text.debugDescription)")
            }
            if !readAvailable(waitingMilliseconds: Int32(min(remaining, 0.2) * 1000)) {
                // The other side closed; no more output will come.
                if transcript.range(of: text, range: searchStart..<transcript.endIndex) == nil {
                    XCTFail("terminal closed before \(text.debugDescription) appeared", file: file, line: line)
                    throw PTYError(message: "terminal closed")
                }
            }
        }
    }

    /// Like `expect`, but without failing: whether `text` appeared within `timeout`.
    func waitFor(_ text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while transcript.range(of: text, range: searchStart..<transcript.endIndex) == nil {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            if !readAvailable(waitingMilliseconds: Int32(min(remaining, 0.2) * 1000)) { return false }
        }
        if let range = transcript.range(of: text, range: searchStart..<transcript.endIndex) { searchStart = range.upperBound }
        return true
    }

    /// Reads whatever is available within the wait. Returns false once the terminal is closed.
    @discardableResult
    func readAvailable(waitingMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, waitingMilliseconds)
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count <= 0 { return count < 0 && (errno == EINTR || errno == EAGAIN) }
        transcript += String(decoding: buffer[0..<count], as: UTF8.self)
        return true
    }
}

/// A program running on its own pseudo-terminal in a new session, so the terminal is its
/// controlling tty: Ctrl-C sent to `pty` raises SIGINT in it, as in a real terminal.
/// `terminate()` (also run on deinit) kills and reaps it, so tests never leave processes behind.
final class PTYProcess {
    let pty: PTY
    let pid: pid_t
    private(set) var exitStatus: Int32?

    /// Starts `executable` with `arguments`; `environment` adds to (or overrides) this process's.
    init(_ executable: String, arguments: [String] = [], environment: [String: String] = [:],
         rows: UInt16 = 24, columns: UInt16 = 80) throws {
        pty = try PTY(rows: rows, columns: columns)
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        // POSIX_SPAWN_SETSID (glibc, hidden behind _GNU_SOURCE): the child leads a new session, so
        // opening the slave without O_NOCTTY makes it the controlling terminal.
        let spawnSetSID: Int16 = 0x80
        posix_spawnattr_setflags(&attributes, spawnSetSID | Int16(POSIX_SPAWN_SETSIGDEF))
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawn_file_actions_addopen(&actions, 0, pty.slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var merged = ProcessInfo.processInfo.environment
        merged["TERM"] = merged["TERM"] ?? "xterm"
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw PTYError("posix_spawn(\(executable))", result) }
        pid = child
    }

    deinit {
        terminate()
    }

    /// Waits for the program to exit by itself; returns its wait status, nil at the deadline.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while exitStatus == nil && Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = status
                break
            }
            pty.readAvailable(waitingMilliseconds: 20)  // Keep draining so the child never blocks on output.
        }
        return exitStatus
    }

    /// Kills the program if it still runs, and reaps it.
    func terminate() {
        guard exitStatus == nil else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exitStatus = status
    }
}
