import Foundation

/// Time from spawning `kubetutor` until it is ready for input: the banner line on stderr, which
/// is written once the cluster is up, right before the first prompt (or the first piped line).
struct StartupBench: BenchSection {
    var title: String { "Start-up" }

    func run(in context: BenchContext) throws -> [BenchFigure] {
        let executable = try Self.ownExecutable()
        var samples: [Double] = []
        for _ in 0..<context.runs {
            samples.append(try Self.timeToBanner(executable))
        }
        let times = BenchSamples(samples)
        return [
            BenchFigure("process start → prompt ready (median of \(times.count))", times.median, .seconds,
                        target: BenchTarget(atMost: 0.100)),
            BenchFigure("process start → prompt ready (slowest)", times.max, .seconds),
        ]
    }

    /// This very binary, so `kubetutor bench` measures the build it is part of.
    static func ownExecutable() throws -> URL {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return URL(fileURLWithPath: path)
    }

    /// Starts `kubetutor` with piped stdin and returns the seconds until its first stderr line;
    /// then ends its input and waits for it to exit.
    static func timeToBanner(_ executable: URL) throws -> Double {
        let process = Process()
        process.executableURL = executable
        process.arguments = []
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let started = DispatchTime.now().uptimeNanoseconds
        try process.run()
        defer { finish(process, input: input) }
        let fd = errors.fileHandleForReading.fileDescriptor
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !seen.contains(UInt8(ascii: "\n")) {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw BenchError("kubetutor exited before its banner (stderr: \(String(decoding: seen, as: UTF8.self)))")
            }
            seen += buffer[0..<count]
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let banner = String(decoding: seen, as: UTF8.self)
        guard banner.contains("ready") else { throw BenchError("kubetutor did not start: \(banner)") }
        return elapsed
    }

    /// Closes the child's stdin (it then stops its cluster and exits); kills it after 10 s.
    private static func finish(_ process: Process, input: Pipe) {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(1_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
