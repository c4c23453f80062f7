import Foundation
import XCTest

/// The real `kubetutor` binary run with piped stdin/stdout/stderr, for end-to-end tests.
final class KubetutorProcess {
    let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    /// `.build/<triple>/debug/` — where the test bundle and the binaries are built.
    static var buildDirectory: URL {
        let bundle = Bundle(for: KubetutorProcess.self).bundleURL
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    }

    static var binary: URL { buildDirectory.appendingPathComponent("kubetutor") }

    /// Starts kubetutor. `user` runs it as another user (via setpriv; tests need root for that), who
    /// needs a `stateDirectory` it can write: it is also that user's HOME.
    init(arguments: [String] = [], environment extra: [String: String] = [:], user: String? = nil,
         stateDirectory: String = NSTemporaryDirectory()) throws {
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = stateDirectory
        env["XDG_RUNTIME_DIR"] = nil
        for (k, v) in extra { env[k] = v }
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            // --reset-env drops this process's environment: pass the state directory and `environment` on.
            let passed = ["XDG_STATE_HOME=\(stateDirectory)", "HOME=\(stateDirectory)"]
                + extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            process.arguments = ["--reuid=\(user)", "--regid=nogroup", "--clear-groups", "--reset-env", "--", "/usr/bin/env"]
                + passed + [Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        process.environment = env
        process.standardInput = input
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.lock.lock(); self?.out += String(decoding: d, as: UTF8.self); self?.lock.unlock()
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.lock.lock(); self?.err += String(decoding: d, as: UTF8.self); self?.lock.unlock()
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { lock.lock(); defer { lock.unlock() }; return out }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return err }

    func send(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits until stdout (or stderr) contains `text`.
    @discardableResult
    func waitFor(_ text: String, inStderr: Bool = false, timeout: TimeInterval = 15,
                 file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (inStderr ? stderr : stdout).contains(text) { return true }
            usleep(5_000)
        }
        XCTFail("timed out waiting for \(text.debugDescription)\nstdout:\n\(stdout)\nstderr:\n\(stderr)", file: file, line: line)
        return false
    }

    /// Waits for the process to end; returns its status, or nil on timeout.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Runs a whole script through stdin and returns (status, stdout, stderr).
    static func run(script: String, arguments: [String] = [], environment: [String: String] = [:],
                    user: String? = nil, stateDirectory: String = NSTemporaryDirectory(),
                    timeout: TimeInterval = 60) throws -> (Int32, String, String) {
        let p = try KubetutorProcess(arguments: arguments, environment: environment, user: user, stateDirectory: stateDirectory)
        p.send(script)
        p.closeInput()
        guard let status = p.waitForExit(timeout: timeout) else {
            kill(p.pid, SIGKILL)
            XCTFail("kubetutor did not exit\nstdout:\n\(p.stdout)\nstderr:\n\(p.stderr)")
            return (-1, p.stdout, p.stderr)
        }
        usleep(20_000)  // let the pipe handlers drain
        return (status, p.stdout, p.stderr)
    }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
    }
}

/// Host processes, read from /proc.
enum HostProcesses {
    /// Every live process whose parent chain includes `root`.
    static func descendants(of root: Int32) -> [Int32] {
        var parent: [Int32: Int32] = [:]
        for pid in all() {
            if let ppid = parentPID(pid) { parent[pid] = ppid }
        }
        return parent.keys.filter { pid in
            var p = parent[pid]
            var hops = 0
            while let current = p, hops < 64 {
                if current == root { return true }
                p = parent[current]
                hops += 1
            }
            return false
        }.sorted()
    }

    static func all() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }

    static func parentPID(_ pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Waits until none of `pids` is alive; returns those still alive at the deadline.
    static func waitGone(_ pids: [Int32], timeout: TimeInterval = 5) -> [Int32] {
        let deadline = Date().addingTimeInterval(timeout)
        var alive = pids.filter(isAlive)
        while !alive.isEmpty && Date() < deadline {
            usleep(10_000)
            alive = alive.filter(isAlive)
        }
        return alive
    }
}
