import ArgumentParser
import Foundation

/// `kubetutor bench`: start-up time, pod start latency against a bare spawn, and per-pod memory.
/// Run it on a release build (`make bench`).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure start-up, pod start latency and memory (use a release build: `make bench`).")

    @Option(help: "Pods to start for the latency figures (at least 100 for a meaningful p99).")
    var pods: Int = 100

    @Option(help: "Start-up runs of kubetutor itself (the median is reported).")
    var runs: Int = 9

    @Option(help: "Runs of each 300/600-replica Deployment (the median is reported).")
    var rounds: Int = 3

    @Option(help: "Run only the sections whose title contains this text (e.g. \"API\").")
    var only: String?

    @Flag(help: "Exit with status 1 when a figure misses its target.")
    var check = false

    /// The measurements, in order. Further benchmarks (self-heal latency, 300/600-replica
    /// deployments) are added here as more `BenchSection`s.
    static let sections: [BenchSection] = [StartupBench(), PodStartBench(), PodMemoryBench(), DeploymentBench(), NodeBench(), APIBench()]

    /// The sections `--only` keeps (all without it).
    var selected: [BenchSection] {
        Self.sections.filter { only == nil || $0.title.localizedCaseInsensitiveContains(only ?? "") }
    }

    func validate() throws {
        guard pods >= 1 else { throw ValidationError("--pods must be at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        guard !selected.isEmpty else { throw ValidationError("no bench section matches --only \(only ?? "")") }
    }

    func run() throws {
        // Start-up runs first, before this process starts a cluster of its own.
        let context = BenchContext(pods: pods, runs: runs, rounds: rounds)
        defer { context.shutdown() }
        var build = "release build"
        #if DEBUG
        build = "DEBUG build (figures are meant for `swift build -c release`)"
        #endif
        print("kubetutor \(Version.current) bench — \(build); \(pods) pods, \(runs) start-up runs")
        var report = BenchReport()
        for section in selected {
            do {
                report.sections.append((section.title, try section.run(in: context)))
            } catch {
                FileHandle.standardError.write(Data("kubetutor bench: \(section.title): \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        print("isolation: \(context.isolation.rawValue); \(Self.loadLine())")
        print(report.render(), terminator: "")
        if check && !report.missed.isEmpty { throw ExitCode(1) }
    }

    /// The load average against the CPU count: latencies on a busy machine are noisy.
    static func loadLine() -> String {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        return "load average \(load) on \(ProcessInfo.processInfo.activeProcessorCount) CPUs"
    }
}
