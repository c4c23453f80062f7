import Foundation
import Kubectl

/// Lesson and help text reflowed to the terminal's width. Lesson files are wrapped by hand at
/// about 90 columns; printed as they are, a narrower terminal breaks every line again and Japanese
/// lines end with one character on a line of its own. Paragraphs (lines up to a blank line) are
/// joined and wrapped again by display width (wide characters take two columns): between words,
/// or between any two Japanese characters, never before closing punctuation (、。）」) nor after an
/// opening one (（「), as Japanese line breaking wants. Indented lines (examples, YAML) are kept as
/// they are; a list item (`- `, `* `, `1. `) wraps under its own text.
public enum TextReflow {
    /// Width for output that is not a terminal.
    public static let pipedWidth = 80

    public static func reflow(_ text: String, width: Int) -> String {
        let width = max(20, width)
        var out: [String] = []
        var paragraph: [String] = []
        var marker = ""
        func flush() {
            if !paragraph.isEmpty { out += wrap(join(paragraph), width: width, marker: marker) }
            paragraph = []
            marker = ""
        }
        var fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") { flush(); fenced.toggle(); out.append(line); continue }
            if fenced || line.hasPrefix("  ") || line.hasPrefix("\t") || line.hasPrefix("|") { flush(); out.append(line); continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { flush(); out.append(""); continue }
            if let m = listMarker(line) {
                flush()
                marker = m
                paragraph = [String(line.dropFirst(m.count))]
                continue
            }
            paragraph.append(line)
        }
        flush()
        return out.joined(separator: "\n")
    }

    private static func listMarker(_ line: String) -> String? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("・") { return line.hasPrefix("・") ? "・" : String(line.prefix(2)) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return String(line.prefix(digits.count + 2)) }
        return nil
    }

    static func isCJK(_ c: Character) -> Bool { c.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false }

    /// Lines of one paragraph as one: no space where a line break fell next to Japanese text.
    private static func join(_ lines: [String]) -> String {
        var text = ""
        for line in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if let last = text.last, let first = line.first, !(isCJK(last) || isCJK(first)) { text += " " }
            text += line
        }
        return text
    }

    private static let noLineStart: Set<Character> = ["、", "。", "，", "．", "）", "」", "』", "】", "〉", "》", "！", "？", "：", "；", "・", "ー", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", ")", ",", ".", ":", ";", "!", "?"]
    private static let noLineEnd: Set<Character> = ["（", "「", "『", "【", "〈", "《", "("]

    /// Units that may not be split: a word (with a `code span` kept whole), or one Japanese
    /// character with the punctuation that must stay with it. `space` is whether a space precedes it.
    private static func units(_ text: String) -> [(text: String, space: Bool)] {
        var units: [(text: String, space: Bool)] = []
        var word = ""
        var space = false
        var inCode = false
        func end() {
            guard !word.isEmpty else { return }
            units.append((word, space))
            word = ""
            space = false
        }
        for c in text {
            if c == "`" { inCode.toggle(); word.append(c); continue }
            if inCode { word.append(c); continue }
            if c == " " { end(); space = true; continue }
            if isCJK(c) || noLineStart.contains(c) && !word.isEmpty && isCJK(word.last ?? " ") {
                if noLineStart.contains(c), !word.isEmpty || !units.isEmpty {
                    // Closing punctuation stays with what precedes it.
                    if word.isEmpty, var last = units.popLast() { last.text.append(c); units.append(last) } else { word.append(c) }
                    continue
                }
                if let last = word.last, noLineEnd.contains(last) { word.append(c); continue }
                end()
                word.append(c)
                if !noLineEnd.contains(c) { end() }
                continue
            }
            if let last = word.last, isCJK(last), !noLineEnd.contains(last) { end() }
            word.append(c)
        }
        end()
        return units
    }

    private static func wrap(_ text: String, width: Int, marker: String) -> [String] {
        let indent = String(repeating: " ", count: DisplayWidth.of(marker))
        var lines: [String] = []
        var line = marker
        var used = DisplayWidth.of(marker)
        var empty = true
        for unit in units(text) {
            let w = DisplayWidth.of(unit.text)
            let gap = unit.space && !empty ? 1 : 0
            if !empty && used + gap + w > width {
                lines.append(line)
                line = indent
                used = indent.count
                empty = true
            }
            if unit.space && !empty { line += " "; used += 1 }
            line += unit.text
            used += w
            empty = false
        }
        lines.append(line)
        return lines
    }
}
