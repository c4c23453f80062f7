import Kubectl

/// The learner's answer beside the model answer, with the lines that differ marked: `!` on the
/// learner's lines feedback points at, `+` on the model's lines the answer misses or gets wrong.
public enum ModelAnswerView {
    public static func sideBySide(answer: String, model: String, grade: QuizGrade, language: Language) -> String {
        let left = lines(answer), right = lines(model)
        let width = max(24, min(44, (left.map { DisplayWidth.of($0) }.max() ?? 0) + 2))
        var s = pad(L("your answer", "あなたの解答").text(language), width + 4) + L("model answer", "模範解答").text(language) + "\n"
        s += String(repeating: "-", count: width + 4) + String(repeating: "-", count: width + 4) + "\n"
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? left[i] : "", r = i < right.count ? right[i] : ""
            let lm = grade.answerLines.contains(i + 1) ? "! " : "  "
            let rm = grade.modelLines.contains(i + 1) ? "+ " : "  "
            s += lm + pad(clip(l, width), width + 2) + rm + r + "\n"
        }
        s += L("! = where the feedback points, + = what the answer lacks or has differently",
               "! = 指摘のある行、+ = 解答に欠けている・異なる行").text(language) + "\n"
        return s
    }

    private static func lines(_ text: String) -> [String] {
        var out = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\t", with: "→   ") }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - DisplayWidth.of(s)))
    }

    private static func clip(_ s: String, _ width: Int) -> String {
        guard DisplayWidth.of(s) > width else { return s }
        var out = ""
        for c in s {
            if DisplayWidth.of(out + String(c)) >= width { break }
            out.append(c)
        }
        return out + "…"
    }
}
