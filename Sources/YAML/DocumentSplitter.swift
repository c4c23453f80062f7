/// One piece of a multi-document stream as kubectl cuts it before handing it to go-yaml.
struct DocumentChunk: Equatable {
    /// The chunk's bytes (UTF-8), without the `---` line that ended it.
    var bytes: [UInt8]
    /// 0-based line in the whole source where the chunk starts; chunk line numbers add to it.
    var firstLine: Int
}

/// Splits a stream the way kubectl's YAML reader does (k8s.io/apimachinery `YAMLReader`): a line that
/// starts with `---` ends the current document, whatever the YAML context, and may be followed only by
/// spaces or a comment. go-yaml then parses each chunk alone, so its line numbers count from the chunk.
func splitDocuments(_ source: [UInt8]) throws -> [DocumentChunk] {
    var chunks: [DocumentChunk] = []
    var current: [UInt8] = []
    var currentStart = 0
    var lineNumber = 0
    var lineStart = 0
    while lineStart < source.count {
        var lineEnd = lineStart
        while lineEnd < source.count && source[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let next = min(lineEnd + 1, source.count)
        let line = source[lineStart..<next]
        if line.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "-")]) {
            let rest = String(decoding: source[(lineStart + 3)..<lineEnd], as: UTF8.self)
            let trimmed = rest.trimmingWhitespace()
            if let first = trimmed.first, first != "#" {
                throw YAMLError(
                    kind: .documentSeparator, problem: "invalid Yaml document separator: \(trimmed)",
                    mark: Mark(line: lineNumber + 1, column: 4), goYAMLLine: 0)
            }
            if !current.isEmpty { chunks.append(DocumentChunk(bytes: current, firstLine: currentStart)) }
            current = []
            currentStart = lineNumber + 1
        } else {
            current.append(contentsOf: line)
        }
        lineNumber += 1
        lineStart = next
    }
    if !current.isEmpty { chunks.append(DocumentChunk(bytes: current, firstLine: currentStart)) }
    return chunks
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (Go's `strings.TrimSpace`).
    func trimmingWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
