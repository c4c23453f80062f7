/// Prints the bench's figures as an aligned table with each target and whether it was met.
struct BenchReport {
    var sections: [(title: String, figures: [BenchFigure])] = []

    var targets: Int { sections.flatMap(\.figures).filter { $0.target != nil }.count }
    var missed: [BenchFigure] { sections.flatMap(\.figures).filter { $0.meetsTarget == false } }

    func render() -> String {
        let figures = sections.flatMap(\.figures)
        let nameWidth = max(40, figures.map { $0.name.count }.max() ?? 0) + 2
        let valueWidth = max(10, figures.map { $0.unit.format($0.value).count }.max() ?? 0) + 2
        var text = ""
        for section in sections {
            text += "\n" + section.title + "\n"
            for figure in section.figures {
                var row = "  " + pad(figure.name, nameWidth) + pad(figure.unit.format(figure.value), valueWidth)
                if let target = figure.target {
                    row += pad("≤ " + figure.unit.formatLimit(target.atMost), 12)
                    row += figure.meetsTarget == true ? "ok" : "MISSED"
                }
                text += row.trimmingTrailingSpaces() + "\n"
            }
        }
        let missed = self.missed.count
        text += "\n" + (missed == 0 ? "All \(targets) targets met." : "\(missed) of \(targets) targets missed.") + "\n"
        return text
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
