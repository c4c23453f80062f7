/// Go's `text/tabwriter` as kubectl configures it: a tab ends a cell, and consecutive lines that
/// have a cell in the same column form a block whose cells are padded to one width
/// (widest + padding, at least `minWidth`). Text after a line's last tab is not a column cell and
/// is never padded. Only spaces pad (kubectl never pads with tabs).
public struct TabWriter {
    public var minWidth: Int
    public var padding: Int
    /// liggitt/tabwriter's RememberWidths: a column never gets narrower than in an earlier
    /// `format` call, so `kubectl get -w` rows stay aligned with the header printed first.
    public var rememberWidths: Bool
    private var remembered: [Int] = []

    public init(minWidth: Int, padding: Int, rememberWidths: Bool = false) {
        self.minWidth = minWidth
        self.padding = padding
        self.rememberWidths = rememberWidths
    }

    /// `kubectl get` tables (cli-runtime printers.GetNewTabWriter: minwidth 6, padding 3).
    public static func table() -> TabWriter { TabWriter(minWidth: 6, padding: 3) }
    /// `kubectl describe` (describe.go tabbedString: minwidth 0, padding 2).
    public static func describe() -> TabWriter { TabWriter(minWidth: 0, padding: 2) }

    /// Aligns `text` as one Go `Flush` would.
    public mutating func format(_ text: String) -> String {
        var rawLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = rawLines.last == ""
        if endsWithNewline { rawLines.removeLast() }
        let lines = rawLines.map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let widths = lines.map { $0.map(DisplayWidth.of) }
        var layout = Layout(lines: lines, cellWidths: widths, endsWithNewline: endsWithNewline)
        var columnWidths: [Int] = []
        formatBlock(&layout, from: 0, to: lines.count, widths: &columnWidths)
        return layout.out
    }

    private struct Layout {
        let lines: [[String]]
        let cellWidths: [[Int]]
        let endsWithNewline: Bool
        var out = ""
    }

    /// Go's recursive `format`: find each block of lines sharing column `widths.count`,
    /// size that column, then lay out the columns right of it within the block.
    private mutating func formatBlock(_ layout: inout Layout, from start: Int, to end: Int, widths: inout [Int]) {
        let column = widths.count
        var line0 = start
        var this = start
        while this < end {
            if column >= layout.lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(&layout, line0, this, widths)
            line0 = this
            var width = minWidth
            while this < end, column < layout.lines[this].count - 1 {
                width = max(width, layout.cellWidths[this][column] + padding)
                this += 1
            }
            if rememberWidths {
                while remembered.count <= column { remembered.append(0) }
                width = max(width, remembered[column])
                remembered[column] = width
            }
            widths.append(width)
            formatBlock(&layout, from: line0, to: this, widths: &widths)
            widths.removeLast()
            line0 = this
        }
        writeLines(&layout, line0, end, widths)
    }

    private func writeLines(_ layout: inout Layout, _ from: Int, _ to: Int, _ widths: [Int]) {
        guard from < to else { return }
        for i in from..<to {
            let cells = layout.lines[i]
            for (j, cell) in cells.enumerated() {
                layout.out += cell
                if j < widths.count {
                    let pad = widths[j] - layout.cellWidths[i][j]
                    if pad > 0 { layout.out += String(repeating: " ", count: pad) }
                }
            }
            if i + 1 < layout.lines.count || layout.endsWithNewline { layout.out += "\n" }
        }
    }
}
