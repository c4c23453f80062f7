import Foundation
import Runtime

/// Pod apply → Ready latency on the embedded cluster, against a bare namespaced spawn.
struct PodStartBench: BenchSection {
    /// Pods alive at once; batches keep the three nodes under the kubelet's 110-pod limit.
    static let batchSize = 100

    var title: String { "Pod start" }

    func run(in context: BenchContext) throws -> [BenchFigure] {
        let boot = try context.cluster()
        let fleet = BenchPodFleet(cluster: boot.cluster)
        var latencies: [Double] = []
        var scheduling: [Double] = []
        for index in 0..<context.pods {
            let timing = try fleet.startTimed("bench-start-\(index)")
            latencies.append(timing.ready)
            scheduling.append(timing.scheduled)
            if fleet.names.count == Self.batchSize { try fleet.deleteAll() }
        }
        try fleet.deleteAll()
        let apply = BenchSamples(latencies)
        let scheduled = BenchSamples(scheduling)

        let isolated = boot.support.mode == .isolated
        let baselineRuns = max(100, context.pods)
        var spawns: [Double] = []
        for _ in 0..<baselineRuns {
            spawns.append(try SpawnBaseline.measure(program: "/bin/true", isolated: isolated))
        }
        let baseline = BenchSamples(spawns)

        return [
            BenchFigure("apply → Ready p50 (\(apply.count) pods)", apply.median, .seconds, target: BenchTarget(atMost: 0.005)),
            BenchFigure("apply → Ready p99", apply.percentile(99), .seconds),
            BenchFigure("of which apply → bound to a node, p50", scheduled.median, .seconds),
            BenchFigure("bare namespaced spawn of /bin/true p50 (\(baseline.count) runs)", baseline.median, .seconds),
            BenchFigure("apply → Ready p50 / spawn p50", apply.median / max(baseline.median, 1e-9), .ratio,
                        target: BenchTarget(atMost: 3)),
        ]
    }
}
