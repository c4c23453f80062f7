import Foundation
import KubeAPI
import Runtime

/// The kubelet's side of its node: status heartbeats, and the node going down and coming back.
extension Kubelet {
    /// Posts node status now and then every heartbeat period of the timing in force.
    func startHeartbeats() {
        heartbeatGeneration += 1
        heartbeat(generation: heartbeatGeneration)
    }

    /// One beat of the loop `generation`; a stop, a restart of the loop or shutdown ends it. The timer
    /// holds the kubelet weakly: a cluster that is gone takes its heartbeats with it.
    private func heartbeat(generation: Int) {
        guard !stopped, generation == heartbeatGeneration, !cluster.isShutDown else { return }
        postNodeStatus()
        cluster.clock.schedule(after: cluster.timing.heartbeat, on: cluster.queue) { [weak self] in
            self?.heartbeat(generation: generation)
        }
    }

    /// Renews the node's lease and, like a kubelet with node leases, writes the Node's status only
    /// when it changes or every `statusReportPeriod` (Kubernetes: 5 minutes), so `get nodes -w` stays
    /// quiet while nothing happens.
    func postNodeStatus() {
        let now = cluster.clock.now.truncatedToSeconds
        let key = ObjectKey(namespace: "", name: nodeName)
        var cameBack = false
        let current = cluster.nodes.get(key)?.status.conditions.first { $0.type == "Ready" }
        let reportDue = current.map { $0.status != "True" || now.timeIntervalSince($0.lastHeartbeatTime ?? .distantPast) >= cluster.timing.statusReportPeriod } ?? true
        if reportDue { _ = try? cluster.nodes.update(key) { node in
            let ready = node.status.conditions.first { $0.type == "Ready" }
            if ready?.status != "True" { cameBack = true }
            node.status.conditions = NodeFactory.conditions(previous: node.status.conditions, now: now)
        } }
        cluster.nodeLifecycle?.leaseRenewed(nodeName)
        reportPidsLimits()
        rotateLogs()
        if cameBack, let node = cluster.nodes.get(key) {
            cluster.recorder.record(kind: "Node", apiVersion: "v1", meta: node.metadata, reason: "NodeReady",
                                    message: "Node \(nodeName) status is now: NodeReady", component: "kubelet", host: nodeName)
        }
    }

    /// The node lost power: its processes are gone (the runtime killed them), nothing is reported
    /// any more. Pods keep their last status in the store; what ran is remembered as lost.
    func stop() {
        guard !stopped else { return }
        stopped = true
        heartbeatGeneration += 1
        let now = cluster.clock.now.truncatedToSeconds
        for run in pods.values {
            run.sandbox = nil
            let restartPolicy = cluster.pods.get(run.key)?.spec.restartPolicy ?? "Always"
            for c in run.containers.values {
                c.timerGeneration += 1
                c.timerPending = false
                guard c.pid != nil || c.waiting != nil else { continue }
                if c.pid != nil {
                    var t = ContainerStateTerminated(exitCode: 255, reason: "Unknown", finishedAt: now)
                    t.startedAt = c.startedAt
                    t.containerID = c.containerID
                    c.previousTerminated = c.terminated
                    c.terminated = t
                    c.pid = nil
                }
                c.waiting = nil
                if restartPolicy == "Never" { c.finished = true } else { c.lostWithNode = true }
            }
        }
    }

    /// The node is back: heartbeats resume, and every pod bound to it is synced again (deleted ones
    /// are finalized and leave the store, the others get new sandboxes).
    func start() {
        guard stopped else { return }
        stopped = false
        for (uid, run) in pods where cluster.pods.get(run.key)?.metadata.uid != uid { forget(uid) }
        startHeartbeats()
        cluster.resyncPods(onNode: nodeName)
    }

    /// The kubelet's container log manager: a running container's log over containerLogMaxSize (10Mi)
    /// starts a new file. Checked on every heartbeat (the kubelet: every 10 s), since logs live in memory.
    func rotateLogs() {
        for run in pods.values {
            for c in run.containers.values { _ = c.log?.rotate(ifOver: cluster.config.containerLogMaxBytes) }
        }
    }

    /// A pod whose processes hit its pids limit gets a Warning event (kubetutor's own: a real
    /// kubelet only refuses the fork, which the program reports as "can't fork").
    func reportPidsLimits() {
        for run in pods.values {
            let hits = cluster.runtime.pidsLimitHits(podUID: run.uid)
            guard hits > run.pidsLimitHits, let pod = cluster.pods.get(run.key) else { continue }
            run.pidsLimitHits = hits
            event(pod, type: "Warning", reason: "PidsLimitReached",
                  message: "kubetutor: the pod reached its pids limit of \(Cgroups.defaultPodPidsLimit) processes "
                      + "(the kubelet's podPidsLimit); \(hits) fork(s) refused")
        }
    }
}
