import Foundation
import APIServer
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
            throw KubectlError("error: invalid argument \"\(text)\" for \"--replicas\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax\nSee 'kubectl scale --help' for usage.")
        }
        guard replicas >= 0 else { throw KubectlError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0") }
        var requests = try ResourceArgs.parse(flags.positional)
        if flags.has("filename") { requests += try filesAsRequests(flags.list("filename"), io: io) }
        guard !requests.isEmpty, requests.allSatisfy({ !$0.names.isEmpty }) else {
            throw KubectlError("error: resource(s) were provided, but no name was specified")
        }
        var current: Int?
        if let text = flags.string("current-replicas"), text != "-1" {
            guard let n = Int(text) else {
                throw KubectlError("error: invalid argument \"\(text)\" for \"--current-replicas\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax\nSee 'kubectl scale --help' for usage.")
            }
            current = n
        }
        let api = cluster.api
        // kubectl reads every object first: a missing one fails the command before anything scales.
        for request in requests {
            for name in request.names where (try? api.get(request.kind, namespace: namespace, name: name)) == nil {
                throw KubectlError("error: no objects passed to scale \(request.kind.qualifiedPlural) \(goQuoted(name)) not found")
            }
        }
        var failed = false
        for request in requests {
            for name in request.names {
                // Through the scale subresource (autoscaling/v1 Scale), as kubectl scales.
                do {
                    let scale = try api.scale(request.kind, namespace: namespace, name: name)
                    if let current, case .int(let was)? = scale["spec"]?["replicas"], was != current {
                        io.errorLine("error: Expected replicas to be \(current), was \(was)")
                        failed = true
                        continue
                    }
                    _ = try api.updateScale(request.kind, namespace: namespace, name: name, patch: .merge,
                                            body: .object([("spec", .object([("replicas", .int(replicas))]))]))
                    io.line("\(request.kind.qualifiedSingular)/\(name) scaled")
                } catch let e as APIError {
                    io.errorLine(e.kubectlMessage)
                    failed = true
                }
            }
        }
        return failed ? 1 : 0
    }
}
