/// Order statistics over a set of samples (seconds or bytes).
struct BenchSamples {
    let sorted: [Double]

    init(_ values: [Double]) { sorted = values.sorted() }

    var count: Int { sorted.count }
    var median: Double { percentile(50) }
    var max: Double { sorted.last ?? 0 }

    /// Nearest-rank percentile: the smallest sample with at least `p` percent of samples at or below it.
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
