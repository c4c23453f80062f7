/// Terminal column width of text: East Asian wide and fullwidth characters take two columns,
/// combining marks none. kubectl's tabwriter counts runes instead (CJK cells misalign there);
/// kubetutor aligns by what the learner sees. ASCII text measures the same either way.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars { width += of(scalar) }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if isCombining(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    private static func isCombining(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
             0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F,
             0xFE20...0xFE2F:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,   // Hangul Jamo initials
             0x2E80...0x303E,   // CJK radicals, punctuation
             0x3041...0x33FF,   // Hiragana, Katakana, CJK symbols
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified ideographs
             0xA000...0xA4CF,   // Yi
             0xAC00...0xD7A3,   // Hangul syllables
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFE30...0xFE4F,   // CJK compatibility forms
             0xFF00...0xFF60,   // fullwidth forms
             0xFFE0...0xFFE6,
             0x1F300...0x1F64F, // pictographs, emoticons
             0x1F900...0x1F9FF,
             0x20000...0x3FFFD: // CJK extensions B+
            return true
        default:
            return false
        }
    }
}
