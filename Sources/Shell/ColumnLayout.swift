/// Lays out completion candidates in columns, like `ls`: sorted down each column, then across,
/// as many columns as fit in the terminal width, two spaces between columns.
public enum ColumnLayout {
    /// Returns the lines (each ending in `\n`) listing `items` within `width` columns.
    public static func format(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let gap = 2
        let cellWidth = (items.map(displayWidth).max() ?? 0) + gap
        let columns = max(1, (max(width, 1) + gap) / cellWidth)
        let rows = (items.count + columns - 1) / columns
        var text = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < items.count else { break }
                let isLast = (column + 1) * rows + row >= items.count
                line += isLast ? items[index] : padded(items[index], toWidth: cellWidth)
            }
            text += line + "\n"
        }
        return text
    }
}
