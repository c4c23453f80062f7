import Foundation
import KubeAPI

/// Deployment conditions as deployment/util sets them: a condition with the same status and reason is
/// left alone; the transition time only moves when the status changes; a set condition goes last.
enum DeploymentConditions {
    static let timedOut = "ProgressDeadlineExceeded"
    static let newRSAvailable = "NewReplicaSetAvailable"

    static func get(_ status: DeploymentStatus, _ type: String) -> DeploymentCondition? {
        status.conditions.first { $0.type == type }
    }

    static func set(_ status: inout DeploymentStatus, _ condition: DeploymentCondition) {
        var c = condition
        if let current = get(status, c.type) {
            if current.status == c.status && current.reason == c.reason { return }
            if current.status == c.status { c.lastTransitionTime = current.lastTransitionTime }
        }
        status.conditions.removeAll { $0.type == c.type }
        status.conditions.append(c)
    }
}

extension DeploymentCondition {
    static func make(_ type: String, _ status: String, _ reason: String, _ message: String, _ now: Date) -> DeploymentCondition {
        var c = DeploymentCondition(type: type, status: status)
        c.reason = reason
        c.message = message
        c.lastUpdateTime = now.truncatedToSeconds
        c.lastTransitionTime = now.truncatedToSeconds
        return c
    }
}

/// calculateStatus: counts summed over the ReplicaSets and the Available condition.
enum DeploymentStatusCalculator {
    static func status(_ d: Deployment, all: [ReplicaSet], newRS: ReplicaSet?, now: Date) -> DeploymentStatus {
        var s = d.status
        let available = DeploymentReplicaSets.availableReplicas(all)
        s.observedGeneration = d.metadata.generation ?? 0
        s.replicas = DeploymentReplicaSets.statusReplicas(all)
        s.updatedReplicas = newRS.map { DeploymentReplicaSets.statusReplicas([$0]) } ?? 0
        s.readyReplicas = DeploymentReplicaSets.readyReplicas(all)
        s.availableReplicas = available
        s.unavailableReplicas = max(0, DeploymentReplicaSets.specReplicas(all) - available)
        if available >= d.spec.replicas - DeploymentMath.maxUnavailable(d) {
            DeploymentConditions.set(&s, .make("Available", "True", "MinimumReplicasAvailable",
                                               "Deployment has minimum availability.", now))
        } else {
            DeploymentConditions.set(&s, .make("Available", "False", "MinimumReplicasUnavailable",
                                               "Deployment does not have minimum availability.", now))
        }
        return s
    }
}

/// Writing status: plain (scaling, paused) or with the Progressing condition of a rollout.
extension DeploymentController {
    func syncStatus(_ d: Deployment, all: [ReplicaSet], newRS: ReplicaSet?) throws {
        let status = DeploymentStatusCalculator.status(d, all: all, newRS: newRS, now: cluster.clock.now)
        if status != d.status { try cluster.deployments.update(d.key) { $0.status = status } }
    }

    /// syncRolloutStatus: Progressing says created/found, progressing, complete or timed out.
    func syncRolloutStatus(_ d: Deployment, all: [ReplicaSet], newRS: ReplicaSet?) throws {
        let now = cluster.clock.now
        var status = DeploymentStatusCalculator.status(d, all: all, newRS: newRS, now: now)
        let current = DeploymentConditions.get(d.status, "Progressing")
        let complete = status.replicas == status.updatedReplicas && current?.reason == DeploymentConditions.newRSAvailable
        let subject = newRS.map { "ReplicaSet \"\($0.metadata.name)\"" } ?? "Deployment \"\(d.metadata.name)\""
        if !complete {
            if DeploymentMath.isComplete(d, status) {
                DeploymentConditions.set(&status, .make("Progressing", "True", DeploymentConditions.newRSAvailable,
                                                        "\(subject) has successfully progressed.", now))
            } else if DeploymentMath.isProgressing(d, status) {
                var c = DeploymentCondition.make("Progressing", "True", "ReplicaSetUpdated", "\(subject) is progressing.", now)
                if let current {
                    if current.status == "True" { c.lastTransitionTime = current.lastTransitionTime }
                    status.conditions.removeAll { $0.type == "Progressing" }
                }
                DeploymentConditions.set(&status, c)
            } else if timedOut(d, status, now: now) {
                DeploymentConditions.set(&status, .make("Progressing", "False", DeploymentConditions.timedOut,
                                                        "\(subject) has timed out progressing.", now))
            }
        }
        if status != d.status { try cluster.deployments.update(d.key) { $0.status = status } }
        requeueAtDeadline(d, status, now: now)
    }

    /// DeploymentTimedOut: no progress for progressDeadlineSeconds since the condition last moved.
    private func timedOut(_ d: Deployment, _ status: DeploymentStatus, now: Date) -> Bool {
        guard let c = DeploymentConditions.get(status, "Progressing") else { return false }
        if c.reason == DeploymentConditions.newRSAvailable { return false }
        if c.reason == DeploymentConditions.timedOut { return true }
        guard let from = c.lastUpdateTime else { return false }
        return from.addingTimeInterval(TimeInterval(d.spec.progressDeadlineSeconds)) < now
    }

    /// requeueStuckDeployment: look again when an unfinished rollout would hit its deadline.
    private func requeueAtDeadline(_ d: Deployment, _ status: DeploymentStatus, now: Date) {
        guard let c = DeploymentConditions.get(status, "Progressing"), c.status == "True",
              c.reason != DeploymentConditions.newRSAvailable, !DeploymentMath.isComplete(d, status),
              let from = c.lastUpdateTime, !deadlineTimers.contains(d.key) else { return }
        let due = from.addingTimeInterval(TimeInterval(d.spec.progressDeadlineSeconds)).timeIntervalSince(now) + 1
        deadlineTimers.insert(d.key)
        let key = d.key
        cluster.clock.schedule(after: max(1, due), on: cluster.queue) { [weak self] in
            self?.deadlineTimers.remove(key)
            self?.enqueue(key)
        }
    }
}
