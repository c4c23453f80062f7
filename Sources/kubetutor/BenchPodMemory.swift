import Foundation

/// Resident memory of a running pod: its holder (pause) and its nginx container.
struct PodMemoryBench: BenchSection {
    /// Enough pods for a stable median without crowding the nodes.
    static let maxPods = 50

    var title: String { "Memory per pod" }

    func run(in context: BenchContext) throws -> [BenchFigure] {
        let boot = try context.cluster()
        let fleet = BenchPodFleet(cluster: boot.cluster)
        defer { try? fleet.deleteAll() }
        let count = max(1, min(context.pods, Self.maxPods))
        var holders: [Double] = []
        var nginxes: [Double] = []
        for index in 0..<count {
            let name = "bench-memory-\(index)"
            _ = try fleet.start(name)
            let (holder, nginx) = fleet.hostPIDs(of: name)
            guard let holder, let nginx else { throw BenchError("pod \(name) runs but its processes are unknown") }
            holders.append(try BenchPodFleet.residentBytes(of: holder))
            nginxes.append(try BenchPodFleet.residentBytes(of: nginx))
        }
        try fleet.deleteAll()
        let holder = BenchSamples(holders), nginx = BenchSamples(nginxes)
        return [
            BenchFigure("holder VmRSS (median of \(holder.count) pods)", holder.median, .bytes, target: BenchTarget(atMost: 1_048_576)),
            BenchFigure("nginx VmRSS (median of \(nginx.count) pods)", nginx.median, .bytes, target: BenchTarget(atMost: 4 * 1_048_576)),
            BenchFigure("holder + nginx VmRSS (largest pod)", zip(holders, nginxes).map(+).max() ?? 0, .bytes),
        ]
    }
}
