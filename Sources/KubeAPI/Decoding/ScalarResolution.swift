import YAML

/// What a YAML scalar becomes on kubectl's way to JSON (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 rules):
/// plain `3` is a number, `yes` a bool, `~` null; quoted scalars are always strings.
enum ResolvedScalar: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)

    /// The JSON type name encoding/json puts in "cannot unmarshal X into ...".
    var jsonKind: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .float: return "number"
        case .string: return "string"
        }
    }

    /// The number as JSON text, as json.Marshal writes it (an integral float prints without a fraction).
    var numberText: String? {
        switch self {
        case .int(let i): return String(i)
        case .float(let d):
            if let i = integralValue(d) { return String(i) }
            return String(d)
        default: return nil
        }
    }
}

private let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
private let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
private let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
private let specialFloats: [String: Double] = [
    ".inf": .infinity, ".Inf": .infinity, ".INF": .infinity, "+.inf": .infinity, "+.Inf": .infinity, "+.INF": .infinity,
    "-.inf": -.infinity, "-.Inf": -.infinity, "-.INF": -.infinity, ".nan": .nan, ".NaN": .nan, ".NAN": .nan,
]

/// An integral double that JSON would print without a fraction, as Int64.
func integralValue(_ d: Double) -> Int64? {
    guard d.isFinite, d == d.rounded(), abs(d) < 9.2e18 else { return nil }
    return Int64(d)
}

/// Resolves a scalar node the way go-yaml v2 does when decoding into `interface{}`.
func resolveScalar(_ text: String, _ style: ScalarStyle) -> ResolvedScalar {
    guard style == .plain else { return .string(text) }
    if nullWords.contains(text) { return .null }
    if trueWords.contains(text) { return .bool(true) }
    if falseWords.contains(text) { return .bool(false) }
    if let f = specialFloats[text] { return .float(f) }
    guard let first = text.first else { return .string(text) }
    if first.isASCII && (first.isNumber || first == "+" || first == "-") {
        let plain = text.replacingOccurrences(of: "_", with: "")
        if let i = parseGoInt(plain) { return .int(i) }
        if isYAMLFloat(plain), let d = Double(plain) { return .float(d) }
    } else if first == ".", let d = Double(text), isYAMLFloat(text) {
        return .float(d)
    }
    return .string(text)
}

/// strconv.ParseInt(s, 0, 64): optional sign, then 0x / 0o / 0b prefixes, a leading 0 for octal, else decimal.
private func parseGoInt(_ s: String) -> Int64? {
    var body = Substring(s)
    var negative = false
    if body.first == "+" || body.first == "-" {
        negative = body.first == "-"
        body = body.dropFirst()
    }
    guard !body.isEmpty else { return nil }
    var radix = 10
    let lower = body.lowercased()
    if lower.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
    else if lower.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
    else if lower.hasPrefix("0b") { radix = 2; body = body.dropFirst(2) }
    else if body.count > 1 && body.first == "0" { radix = 8; body = body.dropFirst() }
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isHexDigit }),
          let magnitude = UInt64(body, radix: radix) else { return nil }
    if negative {
        return magnitude <= UInt64(Int64.max) + 1 ? (magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
}

/// go-yaml's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
private func isYAMLFloat(_ s: String) -> Bool {
    var chars = Array(s.utf8)[...]
    func digits() -> Int {
        var n = 0
        while let c = chars.first, c >= 48, c <= 57 { chars = chars.dropFirst(); n += 1 }
        return n
    }
    if let c = chars.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { chars = chars.dropFirst() }
    if chars.first == UInt8(ascii: ".") {
        chars = chars.dropFirst()
        if digits() == 0 { return false }
    } else {
        if digits() == 0 { return false }
        if chars.first == UInt8(ascii: ".") { chars = chars.dropFirst(); _ = digits() }
    }
    if let c = chars.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        chars = chars.dropFirst()
        if let s = chars.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { chars = chars.dropFirst() }
        if digits() == 0 { return false }
    }
    return chars.isEmpty
}

extension YNode {
    /// The JSON type this node would have after kubectl's YAML → JSON conversion.
    var jsonKind: String {
        switch self {
        case .scalar(let text, let style, _): return resolveScalar(text, style).jsonKind
        case .mapping: return "object"
        case .sequence: return "array"
        }
    }

    /// A mapping key as sigs.k8s.io/yaml turns it into a JSON key (`yes:` becomes "true").
    var keyText: String {
        switch self {
        case .scalar(let text, let style, _):
            switch resolveScalar(text, style) {
            case .bool(let b): return b ? "true" : "false"
            case .int(let i): return String(i)
            case .null: return "null"
            default: return text
            }
        default: return ""
        }
    }
}
