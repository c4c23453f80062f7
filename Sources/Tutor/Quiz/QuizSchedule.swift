import Foundation

/// What the quiz remembers across sessions: per item a Leitner box and when the item is due again.
/// A wrong answer puts the item back in box 0 (due at once, so it comes first next time); each pass
/// moves it up a box and further away: 1, 3, 7, 14, 30 days.
public struct QuizSchedule: Codable, Equatable, Sendable {
    public struct Record: Codable, Equatable, Sendable {
        public var box = 0
        public var due: Date?
        public var attempts = 0
        public var passes = 0
        public var lastScore = 0
        public var bestScore = 0
        public init() {}
    }

    public var version = 1
    public var items: [String: Record] = [:]
    public init() {}

    /// The same schedule with every number in range (boxes 0–5, counts ≥ 0 and not near overflow).
    public var clamped: QuizSchedule {
        var s = self
        let cap = 1_000_000
        for (id, var r) in s.items {
            r.box = min(max(0, r.box), Self.intervalsInDays.count - 1)
            r.attempts = min(max(0, r.attempts), cap)
            r.passes = min(max(0, r.passes), r.attempts)
            r.lastScore = min(max(0, r.lastScore), cap)
            r.bestScore = min(max(0, r.bestScore), cap)
            s.items[id] = r
        }
        return s
    }

    static let intervalsInDays: [Double] = [0, 1, 3, 7, 14, 30]

    /// Records one finished item. A pass with hints moves up only one box from 0 at most.
    public mutating func record(_ id: String, passed: Bool, score: Int, hintsUsed: Int, now: Date) {
        var r = items[id] ?? Record()
        r.box = min(max(0, r.box), Self.intervalsInDays.count - 1)
        r.attempts = min(r.attempts, Int.max - 1) + 1
        r.lastScore = score
        r.bestScore = max(r.bestScore, score)
        if passed {
            r.passes = min(r.passes, Int.max - 1) + 1
            r.box = hintsUsed > 0 ? max(1, r.box) : min(r.box + 1, Self.intervalsInDays.count - 1)
        } else {
            r.box = 0
        }
        r.due = now.addingTimeInterval(Self.intervalsInDays[r.box] * 86_400)
        items[id] = r
    }

    /// Items for a session of `count`: due items first (lowest box, then most overdue), then items
    /// never seen, one bank file (course section) after another in turn, so a first session meets
    /// Pods and Deployments alike, each section's first items first; then the rest by due date.
    public func pick(from bank: [QuizItem], count: Int, now: Date) -> [QuizItem] {
        let seen = bank.filter { items[$0.id] != nil }
        var byTopic: [(section: String, items: [QuizItem])] = []
        for item in bank where items[item.id] == nil {
            if let i = byTopic.firstIndex(where: { $0.section == item.file }) { byTopic[i].items.append(item) } else { byTopic.append((item.file, [item])) }
        }
        var fresh: [QuizItem] = []
        for round in 0..<(byTopic.map(\.items.count).max() ?? 0) {
            for group in byTopic where round < group.items.count { fresh.append(group.items[round]) }
        }
        func due(_ i: QuizItem) -> Date { items[i.id]?.due ?? .distantPast }
        func box(_ i: QuizItem) -> Int { items[i.id]?.box ?? 0 }
        let overdue = seen.filter { due($0) <= now }.sorted { (box($0), due($0)) < (box($1), due($1)) }
        let later = seen.filter { due($0) > now }.sorted { due($0) < due($1) }
        return Array((overdue + fresh + later).prefix(max(0, count)))
    }
}

/// Saves the schedule as JSON in `$XDG_STATE_HOME/kubetutor/quiz.json` (default `~/.local/state`),
/// atomically (see `AtomicFile`).
public struct QuizScheduleStore: Sendable {
    public let path: String
    public init(path: String) { self.path = path }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let progress = ProgressStore.defaultPath(environment: environment)
        return (progress as NSString).deletingLastPathComponent + "/quiz.json"
    }

    /// The saved schedule; empty when none. A damaged file is kept aside and reported.
    public func load() -> (schedule: QuizSchedule, warning: String?) {
        let (saved, warning) = StateFile.loadJSON(QuizSchedule.self, from: path, describedAs: "the quiz file",
                                                  consequence: "this session's results will not be saved there")
        return (saved?.clamped ?? QuizSchedule(), warning)
    }

    public func save(_ schedule: QuizSchedule) throws {
        try StateFile.saveJSON(schedule, to: path)
    }
}
