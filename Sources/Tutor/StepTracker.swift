import Foundation
import Cluster

/// Watches one step being worked on: remembers whether a learner command already satisfied the step's
/// command checks, and the Deployments' pods when the step began (for `podRecreated`).
public final class StepTracker {
    public let step: LessonStep
    private let cluster: Cluster
    private(set) var baseline: [String: Set<String>] = [:]
    /// True once one command met every `ran`/`output` check of the step (or the step has none).
    public private(set) var commandChecksMet: Bool
    /// The outcome of the last command checks tried, for `check` to explain.
    private var lastCommandOutcomes: [CheckOutcome] = []
    /// The learner's last command, as typed (for `check` to refer to).
    private var lastEntry: LearnerEntry?

    public init(step: LessonStep, cluster: Cluster) {
        self.step = step
        self.cluster = cluster
        commandChecksMet = !step.checks.contains(where: \.isCommandCheck)
        takeBaseline()
    }

    /// Records the Deployments' pod names as the step's starting point (again after a `reset`).
    public func takeBaseline() {
        baseline = cluster.sync {
            var names: [String: Set<String>] = [:]
            for d in cluster.deployments.list(namespace: ClusterChecks.namespace) {
                let pods = ClusterChecks.pods(of: d, in: cluster).filter { $0.metadata.deletionTimestamp == nil }
                names[d.metadata.name] = Set(pods.map(\.metadata.name))
            }
            return names
        }
    }

    /// Feeds one learner command and its result to the command checks.
    public func observe(_ entry: LearnerEntry, _ result: EntryResult) {
        let commandChecks = step.checks.filter(\.isCommandCheck)
        guard !commandChecks.isEmpty, !commandChecksMet else { return }
        lastCommandOutcomes = commandChecks.map { CheckOutcome(check: $0, passed: CommandChecks.holds($0, entry: entry, result: result)) }
        lastEntry = entry
        if lastCommandOutcomes.allSatisfy(\.passed) { commandChecksMet = true }
    }

    /// Every check's verdict now.
    public func evaluate(language: Language) -> [CheckOutcome] {
        let checks = ClusterChecks(cluster: cluster, language: language, baseline: baseline)
        let clusterOutcomes = cluster.sync { step.checks.filter { !$0.isCommandCheck }.map(checks.evaluate) }
        var outcomes: [CheckOutcome] = []
        var clusterIterator = clusterOutcomes.makeIterator()
        for check in step.checks {
            if check.isCommandCheck {
                let passed = commandChecksMet
                let tried = lastCommandOutcomes.first { $0.check == check }
                let detail: String
                if passed {
                    detail = ""
                } else if tried?.passed == true {
                    detail = say(language, "you did, but its output did not show the rest yet: run it again",
                                 "実行しましたが、出力にまだ残りの条件が表示されていません。もう一度実行しましょう")
                } else if let entry = lastEntry, tried != nil {
                    let last: String
                    switch entry {
                    case .command(let line): last = "`\(line)`"
                    case .manifest: last = say(language, "the manifest you typed", "入力したマニフェスト")
                    }
                    if case .output = check.kind {
                        detail = say(language, "the output of \(last) did not show it", "\(last) の出力には表示されませんでした")
                    } else {
                        detail = say(language, "not yet (your last command was \(last))", "まだです（直前のコマンドは \(last)）")
                    }
                } else {
                    detail = say(language, "not yet", "まだです")
                }
                outcomes.append(CheckOutcome(check: check, passed: passed, detail: detail))
            } else if let outcome = clusterIterator.next() {
                outcomes.append(outcome)
            }
        }
        return outcomes
    }

    public func isComplete(language: Language = .en) -> Bool {
        commandChecksMet && evaluate(language: language).allSatisfy(\.passed)
    }

    /// Polls until the step is complete or `timeout` passes (cluster checks need the cluster to catch up).
    public func waitForCompletion(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if isComplete() { return true }
            if Date() >= deadline || !commandChecksMet { return false }
            usleep(20_000)
        }
    }
}
