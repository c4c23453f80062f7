import APIServer
import Foundation

/// Prints `ResourceTable`s as kubectl's HumanReadablePrinter does: columns joined by tabs,
/// aligned by a tabwriter (min width 6, padding 3), no trailing spaces after the last column.
public struct TablePrinter {
    private var writer: TabWriter
    private var printedHeader = false

    /// A printer for one `kubectl get`. For `-w`, keep one printer for the whole watch: the
    /// header prints once and column widths never shrink between updates.
    public init(watch: Bool = false) {
        writer = TabWriter.table()
        writer.rememberWidths = watch
    }

    /// Renders one table. An empty table prints nothing, header included (kubectl then says
    /// "No resources found…" on stderr: see `EmptyResult`).
    public static func render(_ table: ResourceTable, options: TableOptions) -> String {
        var printer = TablePrinter()
        return printer.print(table, options: options)
    }

    /// Renders rows, with the header only before the first rows this printer prints.
    public mutating func print(_ table: ResourceTable, options: TableOptions) -> String {
        guard !table.rows.isEmpty else { return "" }
        var text = ""
        if !options.noHeaders && !printedHeader {
            text += Self.header(table.columns, options: options).joined(separator: "\t") + "\n"
        }
        printedHeader = true
        for row in table.rows {
            text += Self.cells(row, columns: table.columns, options: options).joined(separator: "\t") + "\n"
        }
        return writer.format(text)
    }

    static func header(_ columns: [ResourceTable.Column], options: TableOptions) -> [String] {
        var names: [String] = []
        if options.withNamespace { names.append("NAMESPACE") }
        names += columns.filter { options.wide || !$0.wideOnly }.map { $0.name.uppercased() }
        names += options.labelColumns.map { key in
            String(key.split(separator: "/", omittingEmptySubsequences: false).last ?? "").uppercased()
        }
        if options.showLabels { names.append("LABELS") }
        return names
    }

    static func cells(_ row: ResourceTable.Row, columns: [ResourceTable.Column], options: TableOptions) -> [String] {
        var cells: [String] = []
        if options.withNamespace { cells.append(row.namespace) }
        for (index, column) in columns.enumerated() where options.wide || !column.wideOnly {
            var cell = index < row.cells.count ? printable(row.cells[index]) : ""
            if index == 0, let kind = options.kindPrefix { cell = "\(kind)/\(cell)" }
            cells.append(cell)
        }
        cells += options.labelColumns.map { printable(row.labels[$0] ?? "") }
        if options.showLabels { cells.append(printable(LabelFormatting.labels(row.labels))) }
        return cells
    }

    /// A cell stops at its first line break (marked `...`), and tabs inside it must not
    /// open new columns.
    static func printable(_ cell: String) -> String {
        var text = cell
        var truncated = false
        if let cut = text.unicodeScalars.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
            text = String(text.unicodeScalars[..<cut])
            truncated = true
        }
        text = LabelFormatting.escapeTerminal(text)
        if text.contains("\t") { text = text.replacingOccurrences(of: "\t", with: " ") }
        return truncated ? text + "..." : text
    }
}
