import Foundation

/// Kubernetes resource quantities (`500m`, `1`, `128Mi`, `1G`), as far as requests, limits, the
/// scheduler and describe need them: parsed to millicores or bytes, summed, printed.
public enum Quantity {
    private static let suffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
        ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18), ("m", 1e-3),
    ]

    /// The value in base units (bytes for memory, cores for cpu); nil when unparsable.
    public static func value(_ text: String) -> Double? {
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }

    /// `128Mi` → 134217728; rounded up as the API server rounds to whole bytes.
    public static func bytes(_ text: String) -> Int64? {
        value(text).map { Int64(exactly: $0.rounded(.up)) ?? Int64.max }
    }

    /// `500m` → 500, `1` → 1000, `0.25` → 250.
    public static func millicores(_ text: String) -> Int64? {
        value(text).map { Int64(exactly: ($0 * 1000).rounded(.up)) ?? Int64.max }
    }

    /// A cpu amount as kubectl prints a sum: `500m`, or whole cores as `2`.
    public static func cpu(milli: Int64) -> String {
        milli % 1000 == 0 ? String(milli / 1000) : "\(milli)m"
    }

    /// A memory amount: the largest binary suffix that divides it (`192Mi`), else bytes.
    public static func memory(bytes: Int64) -> String {
        guard bytes != 0 else { return "0" }
        for (suffix, factor) in [("Ei", Int64(1) << 60), ("Pi", Int64(1) << 50), ("Ti", Int64(1) << 40),
                                 ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return String(bytes)
    }
}

/// What a pod asks of its node: the larger of its app containers' sum and its largest init
/// container, per resource (the scheduler's and kubelet's effective request).
public struct PodResources: Equatable, Sendable {
    public var cpuRequestMilli: Int64 = 0
    public var memoryRequestBytes: Int64 = 0
    public var cpuLimitMilli: Int64 = 0
    public var memoryLimitBytes: Int64 = 0

    public init(_ spec: PodSpec) {
        func effective(_ pick: (ResourceRequirements) -> [String: String], _ name: String, _ parse: (String) -> Int64?) -> Int64 {
            let app = spec.containers.reduce(Int64(0)) { $0 &+ (pick($1.resources)[name].flatMap(parse) ?? 0) }
            let initMax = spec.initContainers.map { pick($0.resources)[name].flatMap(parse) ?? 0 }.max() ?? 0
            return max(app, initMax)
        }
        cpuRequestMilli = effective({ $0.requests }, "cpu", Quantity.millicores)
        memoryRequestBytes = effective({ $0.requests }, "memory", Quantity.bytes)
        cpuLimitMilli = effective({ $0.limits }, "cpu", Quantity.millicores)
        memoryLimitBytes = effective({ $0.limits }, "memory", Quantity.bytes)
    }

    /// The pod's QoS class as GetPodQOS computes it: BestEffort with no requests or limits at all,
    /// Guaranteed when every container limits cpu and memory and requests equal limits, else Burstable.
    public static func qosClass(_ spec: PodSpec) -> String {
        var any = false, guaranteed = true
        for c in spec.initContainers + spec.containers {
            for name in ["cpu", "memory"] {
                let request = c.resources.requests[name].flatMap(Quantity.value) ?? 0
                let limit = c.resources.limits[name].flatMap(Quantity.value) ?? 0
                if request != 0 || limit != 0 { any = true }
                if limit == 0 || request != limit { guaranteed = false }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable"
    }
}
