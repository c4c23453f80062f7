import Foundation

/// Go's ways of printing a float64, which kubectl's JSON and YAML printers use.
enum GoFloatFormat {
    /// The shortest digits that round-trip `value` (no leading/trailing zeros) and the decimal point's
    /// position relative to them: `value = 0.<digits> × 10^point`. Only for finite, non-zero values.
    static func shortestDigits(_ value: Double) -> (digits: [Character], point: Int) {
        // Swift's description is already the shortest round-tripping form; re-read its digits.
        let text = String(describing: Swift.abs(value))
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        let intPart = mantissa.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        let fracPart = mantissa.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
        var digits = Array(intPart) + Array(fracPart)
        var point = intPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, point)
    }

    /// `strconv.FormatFloat(v, 'f', -1, 64)`.
    static func fixed(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, point) = shortestDigits(value)
        var out = value < 0 ? "-" : ""
        if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            out += String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            out += String(digits[..<point]) + "." + String(digits[point...])
        }
        return out
    }

    /// `strconv.FormatFloat(v, 'e', -1, 64)`: `1.5e+07`, exponent at least two digits.
    static func exponential(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0e+00" : "0e+00" }
        let (digits, point) = shortestDigits(value)
        var out = value < 0 ? "-" : ""
        out += String(digits[0])
        if digits.count > 1 { out += "." + String(digits[1...]) }
        let exponent = point - 1
        let magnitude = String(Swift.abs(exponent))
        out += "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" + magnitude : magnitude)
        return out
    }

    /// encoding/json's float64: fixed notation for 1e-6 ≤ |v| < 1e21, else exponential with `e-7` not `e-07`.
    static func json(_ value: Double) -> String {
        let magnitude = Swift.abs(value)
        guard magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 else { return fixed(value) }
        var text = exponential(value)
        if let e = text.range(of: "e-0") { text.replaceSubrange(e, with: "e-") }
        return text
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)` as go-yaml prints floats: exponential when the exponent is
    /// below -4 or at least 6 (Go's "shortest" rule), with `.inf`, `-.inf`, `.nan` for the specials.
    static func yaml(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        if value == 0 { return fixed(value) }
        let exponent = shortestDigits(value).point - 1
        return exponent < -4 || exponent >= 6 ? exponential(value) : fixed(value)
    }
}
