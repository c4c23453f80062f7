import Kubectl

/// Left-aligned columns padded by terminal display width, so Japanese titles line up.
enum TextTable {
    static func render(_ rows: [[String]], gap: Int = 2) -> String {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell) + gap)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
