import APIServer
import Foundation

/// describe.go's PrefixWriter over a tabwriter (minwidth 0, padding 2): each level indents two
/// spaces, and `flush()` ends an alignment section as Go's `Flush` does (describe flushes
/// before its Events table, so that table aligns on its own).
struct DescribeWriter {
    private var sections: [String] = []
    private var current = ""

    /// Writes `text` with `level` two-space indents in front of it (its first line only, like Go).
    mutating func write(_ level: Int, _ text: String) {
        current += String(repeating: "  ", count: level) + LabelFormatting.escapeTerminal(text)
    }

    /// Go's `WriteLine(s)`: the text and a newline, no indent.
    mutating func line(_ text: String) {
        current += LabelFormatting.escapeTerminal(text) + "\n"
    }

    mutating func flush() {
        sections.append(current)
        current = ""
    }

    /// The aligned text of everything written.
    func result() -> String {
        (sections + [current]).map { section in
            var writer = TabWriter.describe()
            return writer.format(section)
        }.joined()
    }
}

/// Time stamps as describe prints them: Go's RFC1123Z layout in the viewer's time zone.
struct DescribeClock {
    let now: Date
    private let formatter: DateFormatter

    init(now: Date, timeZone: TimeZone) {
        self.now = now
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    }

    /// An unset time prints as Go's zero time, as kubectl does.
    func rfc1123Z(_ date: Date?) -> String {
        guard let date else { return "Mon, 01 Jan 0001 00:00:00 +0000" }
        return formatter.string(from: date)
    }

    func age(_ date: Date?) -> String { HumanDuration.since(date, now: now) }
}
