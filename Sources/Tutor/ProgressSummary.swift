import Foundation

/// What `progress export` hands to an instructor: per lesson, steps done, hints and solutions used,
/// start and finish times. As JSON (for collecting) and as a short text (for reading).
public struct ProgressSummary: Encodable {
    public struct LessonLine: Encodable {
        public var id: String
        var title: Localized
        public var stepsDone: Int
        public var stepsTotal: Int
        public var completedSteps: [String]
        public var hintsShown: Int
        public var solutionsShown: Int
        public var completed: Bool
        public var startedAt: Date?
        public var completedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, title, stepsDone, stepsTotal, completedSteps, hintsShown, solutionsShown, completed, startedAt, completedAt
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title.text(.en), forKey: .title)
            try c.encode(stepsDone, forKey: .stepsDone)
            try c.encode(stepsTotal, forKey: .stepsTotal)
            try c.encode(completedSteps, forKey: .completedSteps)
            try c.encode(hintsShown, forKey: .hintsShown)
            try c.encode(solutionsShown, forKey: .solutionsShown)
            try c.encode(completed, forKey: .completed)
            try c.encodeIfPresent(startedAt, forKey: .startedAt)
            try c.encodeIfPresent(completedAt, forKey: .completedAt)
        }
    }

    public var learner: String
    public var exportedAt: Date
    public var lessons: [LessonLine]
    public var lessonsCompleted: Int { lessons.filter(\.completed).count }

    public init(catalog: LessonCatalog, progress: Progress, learner: String = ProcessInfo.processInfo.environment["USER"] ?? "", now: Date = Date()) {
        self.learner = learner
        exportedAt = now
        lessons = catalog.lessons.map { lesson in
            let r = progress.record(lesson.id)
            let ids = lesson.steps.map(\.id)
            let done = r.completedSteps.filter(ids.contains)
            return LessonLine(id: lesson.id, title: lesson.title, stepsDone: done.count, stepsTotal: ids.count, completedSteps: done,
                              hintsShown: r.hintsShown, solutionsShown: r.solutionsShown, completed: r.completedAt != nil,
                              startedAt: r.startedAt, completedAt: r.completedAt)
        }
    }

    enum CodingKeys: String, CodingKey { case learner, exportedAt, lessonsCompleted, lessons }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(learner, forKey: .learner)
        try c.encode(exportedAt, forKey: .exportedAt)
        try c.encode(lessonsCompleted, forKey: .lessonsCompleted)
        try c.encode(lessons, forKey: .lessons)
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self) + Data("\n".utf8)
    }

    public func text(language: Language) -> String {
        let date = ISO8601DateFormatter().string(from: exportedAt)
        var s = say(language, "kubetutor progress of \(learner.isEmpty ? "a learner" : learner), \(date)\n",
                    "kubetutor 学習記録: \(learner.isEmpty ? "受講者" : learner)、\(date)\n")
        var rows: [[String]] = []
        for l in lessons {
            rows.append([l.completed ? "✓" : l.stepsDone > 0 ? "◐" : "·", l.title.text(language), "\(l.stepsDone)/\(l.stepsTotal)",
                         say(language, "hints \(l.hintsShown), solutions \(l.solutionsShown)", "ヒント \(l.hintsShown)、解答表示 \(l.solutionsShown)")])
        }
        s += TextTable.render(rows)
        s += say(language, "\(lessonsCompleted)/\(lessons.count) lessons completed\n", "\(lessons.count) レッスン中 \(lessonsCompleted) 修了\n")
        return s
    }
}
