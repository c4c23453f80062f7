import Foundation
import KubeAPI

/// Which pods a controller deletes first when it has too many (controller.ActivePodsWithRanks):
/// unscheduled before scheduled, Pending before Unknown before Running, not ready before ready,
/// pods on crowded nodes first, then the most recently ready, the most restarted, the newest.
enum PodDeletionRanking {
    static func podsToDelete(_ pods: [Pod], count: Int) -> [Pod] {
        guard count < pods.count else { return pods }
        var perNode: [String: Int] = [:]
        for p in pods { if let n = p.spec.nodeName { perNode[n, default: 0] += 1 } }
        let ranked = pods.sorted { a, b in
            deleteFirst(a, b, rankA: a.spec.nodeName.map { perNode[$0] ?? 0 } ?? 0,
                        rankB: b.spec.nodeName.map { perNode[$0] ?? 0 } ?? 0)
        }
        return Array(ranked.prefix(count))
    }

    /// True when `a` should go before `b`.
    static func deleteFirst(_ a: Pod, _ b: Pod, rankA: Int, rankB: Int) -> Bool {
        let assignedA = a.spec.nodeName != nil, assignedB = b.spec.nodeName != nil
        if assignedA != assignedB { return !assignedA }
        let phaseA = phaseOrder(a.status.phase), phaseB = phaseOrder(b.status.phase)
        if phaseA != phaseB { return phaseA < phaseB }
        let readyA = ControllerSupport.isReady(a), readyB = ControllerSupport.isReady(b)
        if readyA != readyB { return !readyA }
        if rankA != rankB { return rankA > rankB }
        if readyA, readyB {
            let ta = ControllerSupport.readyCondition(a)?.lastTransitionTime ?? .distantPast
            let tb = ControllerSupport.readyCondition(b)?.lastTransitionTime ?? .distantPast
            if ta != tb { return ta > tb }
        }
        let restartsA = a.status.containerStatuses.reduce(0) { $0 + $1.restartCount }
        let restartsB = b.status.containerStatuses.reduce(0) { $0 + $1.restartCount }
        if restartsA != restartsB { return restartsA > restartsB }
        let ca = a.metadata.creationTimestamp ?? .distantFuture, cb = b.metadata.creationTimestamp ?? .distantFuture
        if ca != cb { return ca > cb }
        return a.metadata.name > b.metadata.name
    }

    private static func phaseOrder(_ phase: String) -> Int {
        switch phase {
        case "Pending": return 0
        case "Unknown": return 1
        case "Running": return 2
        default: return 3
        }
    }
}
