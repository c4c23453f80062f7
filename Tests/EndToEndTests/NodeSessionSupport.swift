import Foundation
import XCTest

/// Helpers for node and network sessions with the real binary: one command's output at a time,
/// pod rows of `get pods -o wide`, and the network namespaces a process tree holds.
extension KubetutorProcess {
    /// Sends `line` and returns what it printed on stdout, delimited by a `version --client` sent after it.
    func output(of line: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line at: UInt = #line) -> String {
        let start = stdout.utf8.count
        send(line + "\nversion --client\n")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let fresh = String(decoding: stdout.utf8.dropFirst(start), as: UTF8.self)
            if let marker = fresh.range(of: "Client Version:") { return String(fresh[..<marker.lowerBound]) }
            usleep(10_000)
        }
        XCTFail("no output for \(line.debugDescription)\nstderr:\n\(stderr)", file: file, line: at)
        return ""
    }

    /// `get pods -o wide` as rows: name → (status, ip, node).
    func podRows() -> [String: (status: String, ip: String, node: String)] {
        var rows: [String: (String, String, String)] = [:]
        for line in output(of: "kubectl get pods -o wide --no-headers").split(separator: "\n") {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard cells.count >= 7 else { continue }
            rows[cells[0]] = (cells[2], cells[5], cells[6])
        }
        return rows
    }

    /// Polls `get pods -o wide` until `done` holds; returns the last rows.
    @discardableResult
    func waitForPods(timeout: TimeInterval, file: StaticString = #filePath, line: UInt = #line,
                     _ done: ([String: (status: String, ip: String, node: String)]) -> Bool) -> [String: (status: String, ip: String, node: String)] {
        let deadline = Date().addingTimeInterval(timeout)
        var rows = podRows()
        while !done(rows) {
            guard Date() < deadline else {
                XCTFail("pods did not reach the expected state in \(timeout) s: \(rows)", file: file, line: line)
                return rows
            }
            usleep(100_000)
            rows = podRows()
        }
        return rows
    }
}

enum NetworkNamespaces {
    /// The network namespaces (nsfs inode links) of `pids` other than the host's own.
    static func held(by pids: [Int32]) -> Set<String> {
        let host = link(getpid())
        return Set(pids.compactMap(link).filter { $0 != host })
    }

    /// Live host processes inside any of `namespaces`.
    static func processes(in namespaces: Set<String>) -> [Int32] {
        HostProcesses.all().filter { pid in link(pid).map(namespaces.contains) ?? false && HostProcesses.isAlive(pid) }
    }

    static func link(_ pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net")
    }
}
