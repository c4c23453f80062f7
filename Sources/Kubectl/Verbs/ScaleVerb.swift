import Foundation
import KubeAPI
import Cluster

/// `kubectl scale deployment NAME --replicas=N` (also `deploy/NAME`, replicasets, statefulsets).
enum ScaleVerb {
    static let verb = Kubectl.Verb(
        name: "scale", summary: "Set a new size for a deployment, replica set, or stateful set",
        flags: [FlagSpec("replicas"), FlagSpec("filename", "f", .list), FlagSpec("current-replicas")],
        run: { k, f, io in try k.scale(f, io) })
}

extension Kubectl {
    func scale(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard let text = flags.string("replicas") else {
            throw KubectlError("error: required flag(s) \"replicas\" not set")
        }
        guard let replicas = Int(text) else {
            throw KubectlError("error: invalid argument \"\(text)\" for \"--replicas\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax")
        }
        guard replicas >= 0 else { throw KubectlError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0") }
        var requests = try ResourceArgs.parse(flags.positional)
        if flags.has("filename") { requests += try filesAsRequests(flags.list("filename"), io: io) }
        guard !requests.isEmpty, requests.allSatisfy({ !$0.names.isEmpty }) else {
            throw KubectlError("error: resource(s) were provided, but no name was specified")
        }
        var failed = false
        for request in requests {
            for name in request.names {
                let key = ObjectKey(namespace: namespace, name: name)
                let done: Bool = cluster.sync {
                    switch request.kind {
                    case .deployment:
                        return (try? cluster.deployments.update(key) { d in
                            d.spec.replicas = replicas
                        }) != nil
                    case .replicaSet:
                        return (try? cluster.replicaSets.update(key) { r in
                            r.spec.replicas = replicas
                        }) != nil
                    default:
                        return false
                    }
                }
                if done {
                    io.line("\(request.kind.qualifiedSingular)/\(name) scaled")
                } else if [ResourceKind.deployment, .replicaSet].contains(request.kind) {
                    io.errorLine(KubectlError.notFound(request.kind, name).message)
                    failed = true
                } else {
                    io.errorLine("error: no scaler has been implemented for \(request.kind.kind)")
                    failed = true
                }
            }
        }
        return failed ? 1 : 0
    }
}
