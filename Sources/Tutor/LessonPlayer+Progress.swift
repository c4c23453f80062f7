import Foundation

extension LessonPlayer {
    /// `lessons`: every lesson with a mark (✓ done, ▶ current, ◐ started), steps done and title.
    func listing() -> String {
        var rows: [[String]] = [["", "#", say(language, "STEPS", "ステップ"), say(language, "LESSON", "レッスン")]]
        for (i, lesson) in catalog.lessons.enumerated() {
            let record = progress.record(lesson.id)
            let done = Set(record.completedSteps).intersection(lesson.steps.map(\.id)).count
            let mark = record.completedAt != nil ? "✓" : progress.currentLesson == lesson.id ? "▶" : done > 0 ? "◐" : " "
            var title = lesson.title.text(language)
            let missing = lesson.requires.filter { !capabilities.contains($0) }
            if !missing.isEmpty { title += say(language, " (needs \(missing.joined(separator: ", ")))", "（\(missing.joined(separator: ", ")) が必要）") }
            rows.append([mark, "\(i + 1)", "\(done)/\(lesson.steps.count)", title])
        }
        var text = TextTable.render(rows)
        if catalog.lessons.isEmpty { text = say(language, "No lessons found.\n", "レッスンが見つかりません。\n") }
        text += say(language, "Type `lesson N` to start or resume one.\n", "`lesson N` でレッスンを開始・再開します。\n")
        return text
    }

    /// `progress`: lessons completed and steps done, with hints and solutions used.
    func progressReport() -> String {
        let summary = ProgressSummary(catalog: catalog, progress: progress)
        var rows: [[String]] = [[say(language, "LESSON", "レッスン"), say(language, "STEPS", "ステップ"), say(language, "HINTS", "ヒント"),
                                 say(language, "SOLUTIONS", "解答表示"), say(language, "STATUS", "状態")]]
        for l in summary.lessons {
            let status = l.completed ? say(language, "completed", "修了") : l.stepsDone > 0 ? say(language, "in progress", "学習中") : "-"
            rows.append([l.title.text(language), "\(l.stepsDone)/\(l.stepsTotal)", "\(l.hintsShown)", "\(l.solutionsShown)", status])
        }
        return TextTable.render(rows) + say(language, "\(summary.lessonsCompleted) of \(summary.lessons.count) lessons completed.\n",
                                             "\(summary.lessons.count) レッスン中 \(summary.lessonsCompleted) レッスン修了。\n")
    }

    /// `progress export [DIR]`: writes kubetutor-progress.json and kubetutor-progress.txt into DIR.
    func export(to directory: String) -> PlayerReply {
        let summary = ProgressSummary(catalog: catalog, progress: progress)
        let jsonPath = (directory as NSString).appendingPathComponent("kubetutor-progress.json")
        let textPath = (directory as NSString).appendingPathComponent("kubetutor-progress.txt")
        do {
            try AtomicFile.write(try summary.json(), to: jsonPath)
            try AtomicFile.write(Data(summary.text(language: language).utf8), to: textPath)
        } catch {
            return PlayerReply(err: "error: progress export: \(error)\n", status: 1)
        }
        return PlayerReply(out: summary.text(language: language)
            + say(language, "Written: \(jsonPath)\n         \(textPath)\n", "書き出しました: \(jsonPath)\n                \(textPath)\n"))
    }
}
