import Foundation
import Cluster
import KubeAPI

/// Bench pods (nginx, like the sample pod) started one at a time on the embedded cluster, each
/// timed from its creation to its Ready condition as seen by a store watch; deleted at the end.
final class BenchPodFleet {
    let cluster: Cluster
    private(set) var names: [String] = []
    private let ready = DispatchSemaphore(value: 0)
    private var watchToken = 0
    // Touched only on the cluster queue (inside `sync` or by the watcher).
    private var awaited: String?
    private var readyAt: UInt64 = 0
    private var scheduledAt: UInt64 = 0

    init(cluster: Cluster) {
        self.cluster = cluster
        watchToken = cluster.sync {
            cluster.pods.watch { [weak self] event in
                guard let self, case let pod = event.object, pod.metadata.name == self.awaited else { return }
                if case .deleted = event { return }
                if pod.spec.nodeName != nil && self.scheduledAt == 0 { self.scheduledAt = DispatchTime.now().uptimeNanoseconds }
                guard pod.status.conditions.contains(where: { $0.type == "Ready" && $0.status == "True" }) else { return }
                self.readyAt = DispatchTime.now().uptimeNanoseconds
                self.awaited = nil
                self.ready.signal()
            }
        }
    }

    deinit {
        let token = watchToken
        cluster.sync { cluster.pods.unwatch(token) }
    }

    /// Seconds from creation to Ready, and the part of it until the pod was bound to a node.
    struct Timing {
        var ready: Double
        var scheduled: Double
    }

    /// Creates pod `name` and returns the seconds until it is Ready.
    func start(_ name: String, timeout: TimeInterval = 10) throws -> Double {
        try startTimed(name, timeout: timeout).ready
    }

    /// Creates pod `name` and times it until it is Ready.
    func startTimed(_ name: String, timeout: TimeInterval = 10) throws -> Timing {
        var pod = Pod()
        pod.metadata.name = name
        pod.metadata.namespace = "default"
        var container = Container()
        container.name = "nginx"
        container.image = "nginx:latest"
        pod.spec.containers = [container]
        setDefaults(&pod)
        let started = DispatchTime.now().uptimeNanoseconds
        try cluster.sync {
            awaited = name
            scheduledAt = 0
            try cluster.createPod(pod)
        }
        names.append(name)
        guard ready.wait(timeout: .now() + timeout) == .success else {
            let status = cluster.sync { cluster.pods.get(ObjectKey(namespace: "default", name: name))?.status }
            throw BenchError("pod \(name) was not Ready within \(Int(timeout)) s; phase \(status?.phase ?? "?"), "
                + "containers \(status?.containerStatuses.map { "\($0.name): \($0.state)" } ?? [])")
        }
        let (ready, scheduled) = cluster.sync { (readyAt, scheduledAt) }
        return Timing(ready: Double(ready - started) / 1e9, scheduled: Double(max(scheduled, started) - started) / 1e9)
    }

    /// Host PIDs of a pod's holder and of its nginx container, once it runs.
    func hostPIDs(of name: String) -> (holder: Int32?, nginx: Int32?) {
        cluster.sync {
            let key = ObjectKey(namespace: "default", name: name)
            let holder = cluster.sandboxProcess(pod: key).flatMap { cluster.hostPID(of: $0) }
            let nginx = cluster.containerProcess(pod: key, container: "nginx").flatMap { cluster.hostPID(of: $0) }
            return (holder, nginx)
        }
    }

    /// Deletes every pod at once (grace period 0) and waits until their processes are gone.
    func deleteAll(timeout: TimeInterval = 10) throws {
        let pids = names.flatMap { name -> [Int32] in
            let (holder, nginx) = hostPIDs(of: name)
            return [holder, nginx].compactMap { $0 }
        }
        for name in names {
            try cluster.sync { _ = try cluster.deletePod(ObjectKey(namespace: "default", name: name), gracePeriod: 0) }
        }
        names = []
        let deadline = Date().addingTimeInterval(timeout)
        var alive = pids.filter(Self.isAlive)
        while !alive.isEmpty {
            guard Date() < deadline else { throw BenchError("processes of deleted bench pods still run: \(alive)") }
            usleep(1_000)
            alive = alive.filter(Self.isAlive)
        }
    }

    /// Whether a host process exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// A process's resident set size (VmRSS) in bytes.
    static func residentBytes(of pid: Int32) throws -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else {
            throw BenchError("cannot read VmRSS of process \(pid)")
        }
        return kilobytes * 1024
    }
}
