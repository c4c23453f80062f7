import Foundation
import Cluster

/// Builds a step's starting cluster state: clean the `default` namespace, run the nearest `setup` at or
/// before the step, then replay the solutions of the steps between it and the step, waiting for each
/// to be complete before the next.
public enum StartState {
    /// Removes every workload and pod of `default` at once (no grace) and waits until the pods are gone.
    /// Nodes are left as they are.
    public static func clean(_ cluster: Cluster, timeout: TimeInterval = 10) -> Bool {
        cluster.sync {
            let ns = ClusterChecks.namespace
            for d in cluster.deployments.list(namespace: ns) { cluster.deployments.remove(d.key) }
            for r in cluster.replicaSets.list(namespace: ns) { cluster.replicaSets.remove(r.key) }
            for d in cluster.daemonSets.list(namespace: ns) { cluster.daemonSets.remove(d.key) }
            for s in cluster.statefulSets.list(namespace: ns) { cluster.statefulSets.remove(s.key) }
            for p in cluster.pods.list(namespace: ns) { _ = try? cluster.deletePod(p.key, gracePeriod: 0) }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while cluster.sync({ cluster.pods.list(namespace: ClusterChecks.namespace).isEmpty }) == false {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// Problems met on the way (empty when the state was built as written).
    public static func build(lesson: Lesson, step: Int, cluster: Cluster, runner: EntryRunner,
                             timeout: TimeInterval = 20) -> [String] {
        var problems: [String] = []
        if !clean(cluster) { problems.append("pods of the namespace default did not go away") }
        let from = (0...step).last { lesson.steps[$0].setup != nil } ?? 0
        for entry in lesson.steps[from].setup ?? [] {
            let result = runner(entry)
            if result.status != 0 {
                problems.append("setup `\(entry.display)` exited \(result.status): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        for index in from..<step {
            let tracker = StepTracker(step: lesson.steps[index], cluster: cluster)
            for entry in lesson.steps[index].solution {
                tracker.observe(entry, runner(entry))
            }
            if !tracker.waitForCompletion(timeout: timeout) {
                problems.append("step \(index + 1) (\(lesson.steps[index].id)) did not complete while replaying its solution")
            }
        }
        return problems
    }
}

extension StartState {
    /// What the `default` namespace holds: workloads by "kind/name", and a pod count.
    struct Inventory: Equatable {
        var workloads: Set<String> = []
        var pods = 0

        init(_ cluster: Cluster) {
            cluster.sync {
                let ns = ClusterChecks.namespace
                workloads.formUnion(cluster.deployments.list(namespace: ns).map { "deployment/\($0.metadata.name)" })
                workloads.formUnion(cluster.daemonSets.list(namespace: ns).map { "daemonset/\($0.metadata.name)" })
                workloads.formUnion(cluster.statefulSets.list(namespace: ns).map { "statefulset/\($0.metadata.name)" })
                let owned = cluster.pods.list(namespace: ns).filter { $0.metadata.deletionTimestamp == nil }
                for p in owned where p.metadata.ownerReferences.isEmpty { workloads.insert("pod/\(p.metadata.name)") }
                pods = owned.count
            }
        }
    }

    /// One line saying what preparing a step changed, from the inventories before and after.
    static func summary(before: Inventory, after: Inventory, language: Language) -> String {
        let removed = before.workloads.subtracting(after.workloads).sorted()
        let created = after.workloads.subtracting(before.workloads).sorted()
        if removed.isEmpty && created.isEmpty && before.pods == after.pods {
            return say(language, "The cluster is ready for this step (nothing to change).\n",
                       "クラスタはこのステップを始められる状態です（変更なし）。\n")
        }
        var parts: [String] = []
        if !removed.isEmpty { parts.append(say(language, "removed ", "削除: ") + removed.joined(separator: ", ")) }
        if !created.isEmpty { parts.append(say(language, "created ", "作成: ") + created.joined(separator: ", ")) }
        let pods = say(language, "\(after.pods) pod(s) now", "現在の Pod は \(after.pods) 個")
        return say(language, "Prepared the cluster for this step (the default namespace starts afresh): ",
                   "このステップのためにクラスタを準備しました（default namespace を初期状態から作り直し）: ")
            + (parts + [pods]).joined(separator: "; ") + "\n"
    }
}

extension LessonPlayer {
    /// Brings the cluster to the start of step `index` of `lesson` (as `reset` does) and says in one
    /// line what that removed and created. Used when a lesson is started or resumed.
    func prepare(lesson: Lesson, step index: Int) -> String {
        let before = StartState.Inventory(cluster)
        var text = ""
        for problem in StartState.build(lesson: lesson, step: index, cluster: cluster, runner: runner) {
            text += "warning: \(problem)\n"
        }
        return StartState.summary(before: before, after: StartState.Inventory(cluster), language: language) + text
    }

    /// `reset`: rebuilds the current step's starting state and restarts the step.
    func reset() -> String {
        guard let (lesson, index, _) = currentStep, let position else { return "" }
        var text = say(language, "Resetting the cluster to the start of this step…\n", "このステップの開始時の状態にクラスタを戻しています…\n")
        for problem in StartState.build(lesson: lesson, step: index, cluster: cluster, runner: runner) {
            text += "warning: \(problem)\n"
        }
        return text + enter(lesson: position.lesson, step: index) + save()
    }
}
