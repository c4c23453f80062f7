import Foundation
import KubeAPI
import Cluster

/// `kubectl describe TYPE [NAME…]`, `-l`, `-f`.
enum DescribeVerb {
    static let verb = Kubectl.Verb(
        name: "describe", summary: "Show details of a specific resource or group of resources",
        flags: [FlagSpec("filename", "f", .list), FlagSpec("selector", "l"), FlagSpec("show-events", nil, .bool)],
        run: { k, f, io in try k.describe(f, io) })
}

extension Kubectl {
    func describe(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        var requests = try ResourceArgs.parse(flags.positional)
        if flags.has("filename") { requests += try filesAsRequests(flags.list("filename"), io: io) }
        guard !requests.isEmpty else {
            throw KubectlError("""
            You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.

            error: Required resource not specified.
            Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
            See 'kubectl describe -h' for help and examples
            """)
        }
        let selector = try flags.string("selector").map { try LabelSelectorParser.parse($0) }
        let showEvents = !flags.has("show-events") || flags.bool("show-events")
        var failed = false
        var texts: [String] = []
        cluster.sync {
            let now = cluster.clock.now
            for request in requests {
                var objects: [APIObject] = []
                if request.names.isEmpty {
                    objects = cluster.objects(of: request.kind, namespace: namespace).filter { selector?.matches($0.metadata.labels) ?? true }
                } else {
                    for name in request.names {
                        // kubectl describe also accepts a name prefix when no exact match exists.
                        if let o = cluster.object(of: request.kind, namespace: namespace, name: name) {
                            objects.append(o)
                        } else {
                            let prefixed = cluster.objects(of: request.kind, namespace: namespace).filter { $0.name.hasPrefix(name) }
                            if prefixed.isEmpty {
                                io.errorLine(KubectlError.notFound(request.kind, name).message)
                                failed = true
                            }
                            objects += prefixed
                        }
                    }
                }
                for o in objects {
                    let events = showEvents ? cluster.events(for: o.metadata) : nil
                    texts.append(describeText(o, events: events, now: now))
                }
            }
        }
        if texts.isEmpty && !failed {
            io.errorLine(EmptyResult.message(namespace: namespace))
        }
        io.out(texts.joined(separator: "\n\n"))
        return failed ? 1 : 0
    }

    /// One object's describe text (on the cluster queue).
    private func describeText(_ o: APIObject, events: [Event]?, now: Date) -> String {
        switch o {
        case .pod(let p):
            return Describe.pod(p, events: events, now: now, limitsNotEnforced: cluster.limitsNotEnforcedReason)
        case .deployment(let d):
            let sets = cluster.replicaSets.list(namespace: d.metadata.namespace) { rs in rs.metadata.ownerReferences.contains { $0.uid == d.metadata.uid } }
            let hash = d.spec.template.metadata.labels["pod-template-hash"]
            let newRS = sets.first { $0.metadata.labels["pod-template-hash"] == hash } ?? sets.max { ($0.metadata.annotations["deployment.kubernetes.io/revision"].flatMap { Int($0) } ?? 0) < ($1.metadata.annotations["deployment.kubernetes.io/revision"].flatMap { Int($0) } ?? 0) }
            let old = sets.filter { $0.metadata.uid != newRS?.metadata.uid }
            return Describe.deployment(d, newReplicaSet: newRS, oldReplicaSets: old, events: events, now: now)
        case .replicaSet(let rs):
            let owned = cluster.pods.list(namespace: rs.metadata.namespace) { p in p.metadata.ownerReferences.contains { $0.uid == rs.metadata.uid } }
            return Describe.replicaSet(rs, pods: owned, events: events, now: now)
        case .daemonSet(let ds):
            return Describe.daemonSet(ds, pods: cluster.pods.list(namespace: ds.metadata.namespace), events: events, now: now)
        case .statefulSet(let sts):
            return Describe.statefulSet(sts, pods: cluster.pods.list(namespace: sts.metadata.namespace), events: events, now: now)
        case .node(let n):
            let bound = cluster.pods.list { $0.spec.nodeName == n.metadata.name && !["Succeeded", "Failed"].contains($0.status.phase) }
            return Describe.node(n, pods: bound, events: events, now: now, leaseRenewed: cluster.leaseRenewTime(of: n.metadata.name))
        default:
            return "Name:         \(o.name)\nKind:         \(o.kind)\n"
        }
    }
}
