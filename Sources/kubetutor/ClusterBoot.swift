import Foundation
import Cluster
import Runtime
import Tutor

/// Starts the runtime and the embedded cluster, and says what came up (on stderr).
struct ClusterBoot {
    let cluster: Cluster
    let runtime: LinuxRuntime
    let support: RuntimeSupport
    let elapsed: TimeInterval

    /// Must run on the main thread: the cluster init dies with the thread that spawned it.
    /// Without isolation a pod is a plain process of this machine; as root that would make every
    /// pod root here, so it takes `allowRootWithoutIsolation` (`--allow-no-isolation`).
    static func start(workers: Int, allowRootWithoutIsolation: Bool = false, hostPaths: [String] = []) throws -> ClusterBoot {
        let started = Date()
        let support = RuntimeSupport.probe()
        if support.mode == .none && geteuid() == 0 && !allowRootWithoutIsolation {
            throw RuntimeError(operation: "start", stage: "isolation", errno: 0, detail:
                "\(support.message ?? "user namespaces are unavailable")\nkubetutor is running as root: pods without isolation "
                + "would run as root on this machine. Fix user namespaces as shown above, run kubetutor as an ordinary user, "
                + "or pass --allow-no-isolation if you accept that.")
        }
        let allowed = try HostPathAllowList(directories: hostPaths)
        if support.mode != .isolated && !hostPaths.isEmpty {
            throw RuntimeError(operation: "start", stage: "allow host path", errno: 0,
                               detail: "--allow-host-path needs isolated pods (user namespaces); without isolation a pod already sees all of this machine")
        }
        let runtime = try LinuxRuntime(mode: support.mode, hostPaths: allowed)
        let cluster = Cluster(config: ClusterConfig(workers: workers), runtime: runtime,
                              images: CatalogImages(runtime.images),
                              makeLog: { try ContainerLog(name: "container") })
        return ClusterBoot(cluster: cluster, runtime: runtime, support: support, elapsed: Date().timeIntervalSince(started))
    }

    /// What came up, in the learner's language (the isolation warning stays in English: it is the
    /// exact diagnosis to search for or paste to an instructor).
    func banner(_ language: Language) -> String {
        let names = cluster.sync { cluster.nodes.list().map(\.metadata.name) }
        var s = ShellText.ready.format(language, Version.current, cluster.config.name, names.count,
                                       names.joined(separator: ", "), String(format: "%.2f", elapsed)) + "\n"
        if let message = support.message { s += "WARNING: \(message)\n" }
        if support.mode == .isolated, let reason = runtime.limitsNotEnforcedReason {
            s += ShellText.limitsNotEnforced.format(language, reason) + "\n"
        }
        if !runtime.hostPaths.directories.isEmpty {
            s += ShellText.hostPaths.format(language, runtime.hostPaths.directories.joined(separator: ", ")) + "\n"
        }
        s += ShellText.typeHelp.text(language) + "\n"
        return s
    }
}

enum Version {
    static let current = "0.1.0"
}
