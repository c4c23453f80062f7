import Foundation
import Cluster
import Runtime

/// Starts the runtime and the embedded cluster, and says what came up (on stderr).
struct ClusterBoot {
    let cluster: Cluster
    let runtime: LinuxRuntime
    let support: RuntimeSupport
    let elapsed: TimeInterval

    /// Must run on the main thread: the cluster init dies with the thread that spawned it.
    static func start(workers: Int) throws -> ClusterBoot {
        let started = Date()
        let support = RuntimeSupport.probe()
        let runtime = try LinuxRuntime(mode: support.mode)
        let cluster = Cluster(config: ClusterConfig(workers: workers), runtime: runtime,
                              images: CatalogImages(runtime.images),
                              makeLog: { try ContainerLog(name: "container") })
        return ClusterBoot(cluster: cluster, runtime: runtime, support: support, elapsed: Date().timeIntervalSince(started))
    }

    var banner: String {
        let names = cluster.sync { cluster.nodes.list().map(\.metadata.name) }
        var s = "kubetutor \(Version.current) — cluster \"\(cluster.config.name)\" ready: \(names.count) nodes (\(names.joined(separator: ", "))) in \(String(format: "%.2f", elapsed))s\n"
        if let message = support.message { s += "WARNING: \(message)\n" }
        s += "Type `help` for commands, Ctrl-D to quit.\n"
        return s
    }
}

enum Version {
    static let current = "0.1.0"
}
