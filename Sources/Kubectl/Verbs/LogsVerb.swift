import APIServer
import Foundation
import KubeAPI
import Cluster

/// `kubectl logs POD [-c CONTAINER | --all-containers] [-f] [-p] [--tail=N] [--prefix]`.
enum LogsVerb {
    static let verb = Kubectl.Verb(
        name: "logs", summary: "Print the logs for a container in a pod",
        flags: [FlagSpec("container", "c"), FlagSpec("follow", "f", .bool), FlagSpec("previous", "p", .bool),
                FlagSpec("tail"), FlagSpec("timestamps", nil, .bool), FlagSpec("all-containers", nil, .bool),
                FlagSpec("prefix", nil, .bool), FlagSpec("limit-bytes"), FlagSpec("since"), FlagSpec("since-time")],
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
        let allContainers = flags.bool("all-containers")
        let key = ObjectKey(namespace: namespace, name: podName)
        // The containers to read, each through the `log` subresource (the buffer, or the server's
        // BadRequest for a waiting or missing run).
        let logs: [(log: ContainerLogBuffer, container: String)] = try cluster.sync {
            guard let pod = cluster.pods.get(key) else { throw KubectlError.notFound(.pod, podName) }
            let names = pod.spec.containers.map(\.name)
            var chosen: [String]
            if allContainers {
                chosen = pod.spec.initContainers.map(\.name) + names
            } else if let c = containerFlag {
                guard names.contains(c) || pod.spec.initContainers.contains(where: { $0.name == c }) else {
                    throw KubectlError("error: container \(c) is not valid for pod \(podName)")
                }
                chosen = [c]
            } else {
                chosen = [names.first ?? ""]
                if names.count > 1 {
                    let all = names + pod.spec.initContainers.map { "\($0.name) (init)" }
                    io.errorLine("Defaulted container \"\(chosen[0])\" out of: \(all.joined(separator: ", "))")
                }
            }
            do {
                return try chosen.map { try cluster.api.log(namespace: namespace, pod: podName, container: $0, previous: flags.bool("previous")) }
            } catch let e as APIError {
                throw e.kubectl
            }
        }
        // What the log subresource answers for options kubetutor's logs cannot honour.
        for (flag, option) in [("timestamps", "timestamps"), ("since", "sinceSeconds"), ("since-time", "sinceTime")]
            where flag == "timestamps" ? flags.bool(flag) : flags.has(flag) {
            throw KubectlError("Error from server (BadRequest): kubetutor does not simulate the log option \(option) yet (its logs keep no per-line times)")
        }
        var limit: Int?
        // 0 is kubectl's "no limit"; the flag is only sent when set.
        if let text = flags.string("limit-bytes"), text != "0" {
            guard let n = Int(text), n > 0 else {
                throw KubectlError("error: --limit-bytes must be greater than 0")
            }
            limit = n
        }
        let tail = flags.string("tail").flatMap(Int.init).flatMap { $0 >= 0 ? $0 : nil }
        var printers = logs.map { LogPrinter(prefix: flags.bool("prefix") ? "[pod/\(podName)/\($0.container)] " : "") }
        var offsets: [Int] = []
        for (i, entry) in logs.enumerated() {
            let (data, offset) = LogText.read(entry.log)
            var text = String(decoding: data, as: UTF8.self)
            if let tail { text = LogText.tail(text, lines: tail) }
            if let limit { text = String(decoding: Array(text.utf8.prefix(limit)), as: UTF8.self) }
            io.out(printers[i].lines(text))
            offsets.append(offset)
        }
        guard flags.bool("follow"), limit == nil else { return 0 }
        // Follow until Ctrl-C or until every run followed has ended and its output is drained.
        var live = Array(repeating: true, count: logs.count)
        while !io.isInterrupted() && live.contains(true) {
            var progressed = false
            for (i, entry) in logs.enumerated() where live[i] {
                let (data, next) = entry.log.read(from: offsets[i])
                if !data.isEmpty {
                    offsets[i] = next
                    io.out(printers[i].lines(String(decoding: data, as: UTF8.self)))
                    progressed = true
                } else if !cluster.api.isLogLive(entry.log, namespace: namespace, pod: podName, container: entry.container) {
                    live[i] = false
                }
            }
            if !progressed { usleep(20_000) }
        }
        return 0
    }
}

/// `--prefix`: `[pod/NAME/CONTAINER] ` before every line, also across chunks that split a line.
struct LogPrinter {
    let prefix: String
    private var atLineStart = true

    init(prefix: String) { self.prefix = prefix }

    mutating func lines(_ text: String) -> String {
        guard !prefix.isEmpty, !text.isEmpty else { return text }
        var out = ""
        for c in text {
            if atLineStart { out += prefix }
            out.append(c)
            atLineStart = c == "\n"
        }
        return out
    }
}

extension Kubectl {
    /// The pod `kubectl logs deployment/x` reads: one of the workload's running pods, saying which.
    /// `announce`: say which of several it took, as `logs` does (`port-forward` does not).
    func podFor(_ kind: ResourceKind, _ name: String, io: CommandIO, announce: Bool = true) throws -> String {
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
            if announce, pods.count > 1 { io.errorLine("Found \(pods.count) pods, using pod/\(first.metadata.name)") }
            return first.metadata.name
        }
    }
}
