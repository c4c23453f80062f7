import APIServer
import Foundation
import KubeAPI
import Cluster

/// `kubectl logs POD [-c CONTAINER] [-f] [-p] [--tail=N]`.
enum LogsVerb {
    static let verb = Kubectl.Verb(
        name: "logs", summary: "Print the logs for a container in a pod",
        flags: [FlagSpec("container", "c"), FlagSpec("follow", "f", .bool), FlagSpec("previous", "p", .bool),
                FlagSpec("tail"), FlagSpec("timestamps", nil, .bool), FlagSpec("all-containers", nil, .bool),
                FlagSpec("prefix", nil, .bool)],
        run: { k, f, io in try k.logs(f, io) })
}

extension Kubectl {
    func logs(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard var podName = flags.positional.first else {
            throw KubectlError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples")
        }
        if let slash = podName.firstIndex(of: "/") {
            let typed = String(podName[..<slash])
            let name = String(podName[podName.index(after: slash)...])
            guard let kind = ResourceKind.lookup(typed) else { throw KubectlError.unknownResource(typed) }
            podName = kind == .pod ? name : try podFor(kind, name, io: io)
        }
        let containerFlag = flags.string("container") ?? (flags.positional.count > 1 ? flags.positional[1] : nil)
        let key = ObjectKey(namespace: namespace, name: podName)
        let (log, containerName): (ContainerLogBuffer, String) = try cluster.sync {
            guard let pod = cluster.pods.get(key) else { throw KubectlError.notFound(.pod, podName) }
            let names = pod.spec.containers.map(\.name)
            let name: String
            if let c = containerFlag {
                guard names.contains(c) else { throw KubectlError("error: container \(c) is not valid for pod \(podName)") }
                name = c
            } else {
                name = names.first ?? ""
                if names.count > 1 {
                    io.errorLine("Defaulted container \"\(name)\" out of: \(names.joined(separator: ", "))")
                }
            }
            // The `log` subresource: the buffer, or the server's BadRequest for a waiting or missing run.
            do {
                return try cluster.api.log(namespace: namespace, pod: podName, container: name, previous: flags.bool("previous"))
            } catch let e as APIError {
                throw e.kubectl
            }
        }
        var (data, offset) = LogText.read(log)
        if let tail = flags.string("tail").flatMap(Int.init), tail >= 0 {
            io.out(LogText.tail(String(decoding: data, as: UTF8.self), lines: tail))
        } else {
            io.out(String(decoding: data, as: UTF8.self))
        }
        guard flags.bool("follow") else { return 0 }
        // Follow until Ctrl-C or until this run of the container has ended and its output is drained.
        while !io.isInterrupted() {
            (data, offset) = log.read(from: offset)
            if !data.isEmpty {
                io.out(String(decoding: data, as: UTF8.self))
                continue
            }
            if !cluster.api.isLogLive(log, namespace: namespace, pod: podName, container: containerName) { break }
            usleep(20_000)
        }
        return 0
    }
}

extension Kubectl {
    /// The pod `kubectl logs deployment/x` reads: one of the workload's running pods, saying which.
    func podFor(_ kind: ResourceKind, _ name: String, io: CommandIO) throws -> String {
        try cluster.sync {
            guard let owner = cluster.object(of: kind, namespace: namespace, name: name) else { throw KubectlError.notFound(kind, name) }
            var ownerUIDs: Set<String> = [owner.metadata.uid]
            if kind == .deployment {
                for rs in cluster.replicaSets.list(namespace: namespace) where rs.metadata.ownerReferences.contains(where: { $0.uid == owner.metadata.uid }) {
                    ownerUIDs.insert(rs.metadata.uid)
                }
            }
            let pods = cluster.pods.list(namespace: namespace) { p in
                p.metadata.ownerReferences.contains { ownerUIDs.contains($0.uid) } && p.metadata.deletionTimestamp == nil
            }.sorted { ($0.status.phase == "Running" ? 0 : 1, $0.metadata.creationTimestamp ?? .distantPast) < ($1.status.phase == "Running" ? 0 : 1, $1.metadata.creationTimestamp ?? .distantPast) }
            guard let first = pods.first else { throw KubectlError("error: timed out waiting for the condition") }
            if pods.count > 1 { io.errorLine("Found \(pods.count) pods, using pod/\(first.metadata.name)") }
            return first.metadata.name
        }
    }
}
