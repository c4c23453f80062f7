/// How many terminal columns `text` occupies: East Asian Wide and Fullwidth characters (CJK,
/// kana, Hangul, fullwidth forms) and emoji take 2, combining marks and control/format characters
/// take 0, everything else 1. Used to align columns that may hold Japanese text.
public func displayWidth(_ text: String) -> Int {
    text.reduce(0) { $0 + displayWidth(of: $1) }
}

/// Pads `text` with spaces on the right to `width` columns (never truncates).
public func padded(_ text: String, toWidth width: Int) -> String {
    let missing = width - displayWidth(text)
    return missing > 0 ? text + String(repeating: " ", count: missing) : text
}

/// A grapheme cluster is as wide as its widest scalar: a base letter with combining accents is 1,
/// an emoji ZWJ sequence or flag is 2. A variation selector 16 asks for emoji (wide) presentation.
func displayWidth(of character: Character) -> Int {
    var width = 0
    var wantsEmojiPresentation = false
    for scalar in character.unicodeScalars {
        if scalar.value == 0xFE0F { wantsEmojiPresentation = true }
        width = max(width, displayWidth(of: scalar))
    }
    return (wantsEmojiPresentation && width == 1) ? 2 : width
}

/// The width of a single scalar, as a terminal draws it on its own.
func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 { return 0 }
    if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
    if value < 0x300 { return 1 }  // Latin: the common case, without a property lookup.
    // Hangul Jamo vowels and final consonants join the preceding leading consonant.
    if value >= 0x1160 && value <= 0x11FF { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
        return 0
    default:
        break
    }
    if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
}

/// Ranges of the Unicode East Asian Width property W and F (emoji are covered by the
/// Emoji_Presentation property instead), sorted for binary search.
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,    // Hangul Jamo leading consonants
    0x2329...0x232A,    // angle brackets
    0x2E80...0x303E,    // CJK radicals, Kangxi radicals, CJK symbols and punctuation
    0x3040...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
    0x3400...0x4DBF,    // CJK Extension A
    0x4DC0...0x4DFF,    // Yijing hexagrams
    0x4E00...0x9FFF,    // CJK Unified Ideographs
    0xA000...0xA4CF,    // Yi
    0xA960...0xA97F,    // Hangul Jamo Extended-A
    0xAC00...0xD7A3,    // Hangul syllables
    0xF900...0xFAFF,    // CJK Compatibility Ideographs
    0xFE10...0xFE19,    // vertical forms
    0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
    0xFF00...0xFF60,    // fullwidth ASCII and punctuation
    0xFFE0...0xFFE6,    // fullwidth signs
    0x16FE0...0x16FE4,  // ideographic symbols
    0x17000...0x18CFF,  // Tangut, Khitan
    0x1AFF0...0x1B2FF,  // Kana supplements
    0x1F200...0x1F2FF,  // enclosed ideographic supplement
    0x20000...0x2FFFD,  // CJK Extensions B–F, compatibility supplement
    0x30000...0x3FFFD,  // CJK Extensions G–H
]

private func isWide(_ value: UInt32) -> Bool {
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
        let middle = (low + high) / 2
        let range = wideRanges[middle]
        if value < range.lowerBound {
            high = middle - 1
        } else if value > range.upperBound {
            low = middle + 1
        } else {
            return true
        }
    }
    return false
}
