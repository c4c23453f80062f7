import Foundation
import KubeAPI
import Cluster

/// `kubectl rollout status|history|undo|restart|pause|resume deployment/NAME`.
enum RolloutVerb {
    static let verb = Kubectl.Verb(
        name: "rollout", summary: "Manage the rollout of a resource",
        flags: [FlagSpec("revision"), FlagSpec("to-revision"), FlagSpec("timeout"), FlagSpec("watch", "w", .bool)],
        run: { k, f, io in try k.rollout(f, io) })

    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let changeCause = "kubernetes.io/change-cause"
}

extension Kubectl {
    func rollout(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard let sub = flags.positional.first else {
            throw KubectlError("error: Required subcommand: one of history, pause, restart, resume, status, undo")
        }
        let requests = try ResourceArgs.parse(Array(flags.positional.dropFirst()))
        guard let request = requests.first, let name = request.names.first else {
            throw KubectlError("error: required resource not specified")
        }
        guard request.kind == .deployment else {
            throw KubectlError("error: kubetutor can roll out deployments (got \(request.kind.plural))")
        }
        let key = ObjectKey(namespace: namespace, name: name)
        guard cluster.sync({ cluster.deployments.get(key) }) != nil else { throw KubectlError.notFound(.deployment, name) }
        switch sub {
        case "status": return try rolloutStatus(key, flags: flags, io: io)
        case "history": return try rolloutHistory(key, flags: flags, io: io)
        case "undo": return try rolloutUndo(key, flags: flags, io: io)
        case "restart":
            _ = try cluster.sync {
                try cluster.deployments.update(key) {
                    $0.spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] = formatRFC3339(cluster.clock.now)
                }
            }
            io.line("deployment.apps/\(name) restarted")
        case "pause", "resume":
            let pause = sub == "pause"
            let changed: Bool = try cluster.sync {
                let before = cluster.deployments.get(key)?.spec.paused
                try cluster.deployments.update(key) { $0.spec.paused = pause }
                return before != pause
            }
            io.line(changed ? "deployment.apps/\(name) \(pause ? "paused" : "resumed")" : "deployment.apps/\(name) \(pause ? "paused" : "resumed") (no change)")
        default:
            throw KubectlError("error: unknown command \"\(sub)\" for \"kubectl rollout\"")
        }
        return 0
    }

    /// kubectl's DeploymentStatusViewer: one line per change until the rollout completes.
    private func rolloutStatus(_ key: ObjectKey, flags: ParsedFlags, io: CommandIO) throws -> Int32 {
        let timeout = try flags.string("timeout").map { t -> TimeInterval in
            guard let d = GoDuration.parse(t) else { throw KubectlError("error: invalid argument \"\(t)\" for \"--timeout\" flag: time: invalid duration \"\(t)\"") }
            return d
        }
        let deadline = timeout.flatMap { $0 > 0 ? Date().addingTimeInterval($0) : nil }
        let watch = !flags.has("watch") || flags.bool("watch")
        var last = ""
        while true {
            guard let d = cluster.sync({ cluster.deployments.get(key) }) else { throw KubectlError.notFound(.deployment, key.name) }
            let (message, done) = Kubectl.rolloutMessage(d)
            if message != last {
                io.line(message)
                last = message
            }
            if done || !watch { return 0 }
            if io.isInterrupted() { return 1 }
            if let deadline, Date() >= deadline { throw KubectlError("error: timed out waiting for the condition") }
            usleep(20_000)
        }
    }

    static func rolloutMessage(_ d: Deployment) -> (String, Bool) {
        let name = d.metadata.name
        guard (d.metadata.generation ?? 0) <= d.status.observedGeneration else {
            return ("Waiting for deployment spec update to be observed...", false)
        }
        if d.status.conditions.first(where: { $0.type == "Progressing" })?.reason == "ProgressDeadlineExceeded" {
            return ("error: deployment \"\(name)\" exceeded its progress deadline", true)
        }
        if d.status.updatedReplicas < d.spec.replicas {
            return ("Waiting for deployment \"\(name)\" rollout to finish: \(d.status.updatedReplicas) out of \(d.spec.replicas) new replicas have been updated...", false)
        }
        if d.status.replicas > d.status.updatedReplicas {
            return ("Waiting for deployment \"\(name)\" rollout to finish: \(d.status.replicas - d.status.updatedReplicas) old replicas are pending termination...", false)
        }
        if d.status.availableReplicas < d.status.updatedReplicas {
            return ("Waiting for deployment \"\(name)\" rollout to finish: \(d.status.availableReplicas) of \(d.status.updatedReplicas) updated replicas are available...", false)
        }
        return ("deployment \"\(name)\" successfully rolled out", true)
    }

    /// The deployment's ReplicaSets by revision (on the cluster queue).
    private func revisions(of d: Deployment) -> [(Int, ReplicaSet)] {
        cluster.replicaSets.list(namespace: d.metadata.namespace) { rs in rs.metadata.ownerReferences.contains { $0.uid == d.metadata.uid } }
            .compactMap { rs in rs.metadata.annotations[RolloutVerb.revisionAnnotation].flatMap(Int.init).map { ($0, rs) } }
            .sorted { $0.0 < $1.0 }
    }

    private func rolloutHistory(_ key: ObjectKey, flags: ParsedFlags, io: CommandIO) throws -> Int32 {
        let (d, history): (Deployment?, [(Int, ReplicaSet)]) = cluster.sync {
            let d = cluster.deployments.get(key)
            return (d, d.map { revisions(of: $0) } ?? [])
        }
        guard d != nil else { throw KubectlError.notFound(.deployment, key.name) }
        if let wanted = flags.string("revision").flatMap(Int.init), wanted != 0 {
            guard let rs = history.first(where: { $0.0 == wanted })?.1 else {
                throw KubectlError("error: unable to find the specified revision")
            }
            io.line("deployment.apps/\(key.name) with revision #\(wanted)")
            var template = rs.spec.template
            template.metadata.labels["pod-template-hash"] = rs.metadata.labels["pod-template-hash"]
            io.out(Describe.podTemplateText(template))
            return 0
        }
        var text = "REVISION\tCHANGE-CAUSE\n"
        for (revision, rs) in history {
            text += "\(revision)\t\(rs.metadata.annotations[RolloutVerb.changeCause] ?? "<none>")\n"
        }
        var writer = TabWriter(minWidth: 0, padding: 2)
        io.line("deployment.apps/\(key.name) ")
        io.out(writer.format(text))
        io.line("")
        return 0
    }

    private func rolloutUndo(_ key: ObjectKey, flags: ParsedFlags, io: CommandIO) throws -> Int32 {
        let target = flags.string("to-revision").flatMap(Int.init) ?? 0
        let message: String = try cluster.sync {
            guard let d = cluster.deployments.get(key) else { throw KubectlError.notFound(.deployment, key.name) }
            let history = revisions(of: d)
            guard !history.isEmpty else { throw KubectlError("error: no rollout history found for deployment \"\(key.name)\"") }
            let current = history.last?.0 ?? 0
            let chosen: ReplicaSet?
            if target == 0 {
                chosen = history.filter { $0.0 < current }.last?.1
                if chosen == nil { throw KubectlError("error: no rollout history found for deployment \"\(key.name)\"") }
            } else {
                chosen = history.first { $0.0 == target }?.1
                if chosen == nil { throw KubectlError("error: unable to find specified revision \(target) in history") }
            }
            guard let rs = chosen else { return "" }
            var template = rs.spec.template
            template.metadata.labels["pod-template-hash"] = nil
            if template == d.spec.template { return "deployment.apps/\(key.name) skipped rollback (current template already matches revision \(target == 0 ? current : target))" }
            try cluster.deployments.update(key) { $0.spec.template = template }
            return "deployment.apps/\(key.name) rolled back"
        }
        io.line(message)
        return 0
    }
}
