import APIServer
import Foundation
import KubeAPI
import Cluster

/// `kubectl delete`: by name, `type/name`, `-f FILE`, `-l`, `--all`; graceful with `--grace-period`,
/// `--now`, `--force`; waits until the objects are gone unless `--wait=false`.
enum DeleteVerb {
    static let verb = Kubectl.Verb(
        name: "delete", summary: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
        flags: [FlagSpec("filename", "f", .list), FlagSpec("selector", "l"), FlagSpec("all", nil, .bool),
                FlagSpec("grace-period"), FlagSpec("now", nil, .bool), FlagSpec("force", nil, .bool),
                FlagSpec("wait", nil, .bool), FlagSpec("ignore-not-found", nil, .bool), FlagSpec("timeout"),
                FlagSpec("output", "o")],
        run: { k, f, io in try k.delete(f, io) })
}

extension Kubectl {
    func delete(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        var grace: Int64? = nil
        if let g = flags.string("grace-period") {
            guard let v = Int64(g) else {
                throw KubectlError("error: invalid argument \"\(g)\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"\(g)\": invalid syntax")
            }
            if v >= 0 { grace = v }
        }
        if flags.bool("now") {
            if grace != nil { throw KubectlError("error: --now and --grace-period cannot be specified together") }
            grace = 1
        }
        if flags.bool("force") {
            if let g = grace, g > 0 { throw KubectlError("error: --force and --grace-period greater than 0 cannot be specified together") }
            if grace == nil { grace = 0 }
            io.errorLine("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.")
        } else if grace == 0 {
            grace = 1  // kubectl: --grace-period=0 without --force means 1
        }
        var requests = try ResourceArgs.parse(flags.positional)
        if flags.has("filename") { requests += try filesAsRequests(flags.list("filename"), io: io) }
        if requests.isEmpty {
            throw KubectlError("""
            error: You must provide one or more resources by argument or filename.
            Example resource specifications include:
               '-f rsrc.yaml'
               '--filename=rsrc.json'
               '<resource> <name>'
               '<resource>'
            """)
        }
        let selector = try flags.string("selector").map { try LabelSelectorParser.parse($0) }
        if requests.contains(where: { $0.names.isEmpty }) && selector == nil && !flags.bool("all") {
            throw KubectlError("error: resource(s) were provided, but no name was specified")
        }
        var failed = false
        var deleted: [(ResourceKind, ObjectKey)] = []
        try cluster.sync {
            for request in requests {
                var targets: [APIObject] = []
                if request.names.isEmpty {
                    targets = cluster.objects(of: request.kind, namespace: namespace)
                        .filter { selector?.matches($0.metadata.labels) ?? true }
                } else {
                    for name in request.names {
                        if let o = cluster.object(of: request.kind, namespace: namespace, name: name) {
                            targets.append(o)
                        } else if !flags.bool("ignore-not-found") {
                            io.errorLine(KubectlError.notFound(request.kind, name).message)
                            failed = true
                        }
                    }
                }
                for o in targets {
                    try deleteObject(o, grace: grace)
                    // kubectl says "force deleted" when the grace period is 0 (only reachable with --force).
                    let operation = grace == 0 ? "force deleted" : "deleted"
                    io.line(flags.string("output") == "name" ? o.qualifiedName : "\(o.resource.qualifiedSingular) \"\(o.name)\" \(operation)")
                    deleted.append((o.resource, ObjectKey(namespace: o.metadata.namespace ?? "", name: o.name)))
                }
            }
        }
        if requests.allSatisfy({ $0.names.isEmpty }) && deleted.isEmpty && !failed {
            io.line("No resources found")
        }
        let wait = !flags.has("wait") || flags.bool("wait")
        if wait && grace != 0 {
            while !io.isInterrupted() {
                let remaining = cluster.sync { deleted.filter { cluster.object(of: $0.0, namespace: $0.1.namespace, name: $0.1.name) != nil } }
                if remaining.isEmpty { break }
                usleep(10_000)
            }
        }
        return failed ? 1 : 0
    }

    /// Starts deleting one object (on the cluster queue), through the API layer.
    func deleteObject(_ o: APIObject, grace: Int64?) throws {
        do {
            _ = try cluster.api.delete(o.resource, namespace: o.metadata.namespace ?? "", name: o.name,
                                       options: APIServer.DeleteOptions(gracePeriodSeconds: grace))
        } catch let e as APIError {
            throw e.kubectl
        }
    }
}
