/// Grades a concept question: the learner types the letters of the right choices (`b`, `a c`, `a,c`).
public enum ChoiceGrader {
    static func letters(count: Int) -> [String] {
        Array("abcdefghijklmnopqrstuvwxyz".prefix(max(0, count))).map { String($0) }
    }

    public static func grade(_ answer: String, item: QuizItem, language: Language) -> QuizGrade {
        let valid = Set(letters(count: item.choices.count))
        let picked = Set(answer.lowercased().split(whereSeparator: { " ,;/".contains($0) }).map(String.init))
        let right = Set(item.answer)
        var feedback: [QuizFeedback] = []
        let unknown = picked.subtracting(valid)
        if picked.isEmpty || !unknown.isEmpty {
            feedback.append(QuizFeedback(.error, message: L(
                "answer with the letter of a choice (\(valid.sorted().joined(separator: ", "))).",
                "選択肢の記号（\(valid.sorted().joined(separator: ", "))）で答えてください。").text(language)))
        }
        let correct = picked.intersection(right).count
        let wrong = picked.subtracting(right).intersection(valid)
        for letter in wrong.sorted() {
            feedback.append(QuizFeedback(.wrong, message: L("`\(letter)` is not right.", "`\(letter)` は正しくありません。").text(language)))
        }
        if correct < right.count && unknown.isEmpty && !picked.isEmpty {
            feedback.append(QuizFeedback(.missing, message: L(
                "\(right.count - correct) right choice(s) missing.", "正しい選択肢があと \(right.count - correct) つあります。").text(language)))
        }
        let passed = picked == right
        let total = right.count
        let satisfied = max(0, correct - wrong.count)
        return QuizGrade(passed: passed, fraction: total == 0 ? 0 : Double(satisfied) / Double(total),
                         satisfied: satisfied, total: total, feedback: feedback, answerLines: [], modelLines: [])
    }
}

/// Grades an answer to any item.
public enum QuizGrader {
    public static func grade(_ answer: String, item: QuizItem, language: Language) -> QuizGrade {
        switch item.kind {
        case .manifest: return ManifestGrader.grade(answer, item: item, language: language)
        case .choice: return ChoiceGrader.grade(answer, item: item, language: language)
        }
    }
}
