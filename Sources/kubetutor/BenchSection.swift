import Foundation
import Cluster
import Runtime

/// One part of `kubetutor bench`: a titled group of measurements. New benchmarks (self-heal
/// latency, large deployments) are further conformers listed in `Bench.sections`.
protocol BenchSection {
    /// The heading printed above the section's figures.
    var title: String { get }
    /// Measures and returns the figures, in the order they are printed.
    func run(in context: BenchContext) throws -> [BenchFigure]
}

/// One measured number, with the target it is held to (if any).
struct BenchFigure {
    var name: String
    var value: Double
    var unit: BenchUnit
    var target: BenchTarget?

    init(_ name: String, _ value: Double, _ unit: BenchUnit, target: BenchTarget? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.target = target
    }

    var meetsTarget: Bool? { target.map { value <= $0.atMost } }
}

/// An upper bound a figure should stay under, in the figure's unit.
struct BenchTarget {
    var atMost: Double
}

/// How a figure's value (seconds, bytes or a plain ratio) is shown.
enum BenchUnit {
    case seconds
    case bytes
    case ratio

    func format(_ value: Double) -> String {
        switch self {
        case .seconds:
            if value < 0.001 { return String(format: "%.0f µs", value * 1e6) }
            if value < 1 { return String(format: value < 0.01 ? "%.2f ms" : "%.1f ms", value * 1e3) }
            return String(format: "%.2f s", value)
        case .bytes:
            let mebibytes = value / 1_048_576
            return mebibytes < 10 ? String(format: "%.2f MiB", mebibytes) : String(format: "%.0f MiB", mebibytes)
        case .ratio:
            return String(format: "%.2f×", value)
        }
    }

    /// A round limit without trailing zeros: `100 ms`, `1 MiB`, `5×`.
    func formatLimit(_ value: Double) -> String {
        switch self {
        case .seconds: return value < 1 ? String(format: "%g ms", value * 1e3) : String(format: "%g s", value)
        case .bytes: return String(format: "%g MiB", value / 1_048_576)
        case .ratio: return String(format: "%g×", value)
        }
    }
}

/// A measurement that could not be taken; says which and why.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What the sections share: the options, and one embedded cluster started on first use.
final class BenchContext {
    let pods: Int
    let runs: Int
    /// Runs of each large Deployment (their median is reported).
    let rounds: Int
    private var boot: ClusterBoot?

    init(pods: Int, runs: Int, rounds: Int = 3) {
        self.rounds = rounds
        self.pods = pods
        self.runs = runs
    }

    /// The in-process cluster (a LinuxRuntime over the image catalog, as `kubetutor start` has).
    /// Call on the main thread: the cluster's init dies with the thread that spawned it.
    func cluster() throws -> ClusterBoot {
        if let boot { return boot }
        let started = try ClusterBoot.start(workers: 2)
        boot = started
        return started
    }

    /// The isolation mode the runtime probe chooses on this machine.
    var isolation: IsolationMode { boot?.support.mode ?? RuntimeSupport.probe().mode }

    /// Stops the cluster, if one was started, and every pod with it.
    func shutdown() {
        boot?.cluster.shutdown()
        boot = nil
    }
}
