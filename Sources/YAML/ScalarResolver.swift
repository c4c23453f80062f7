/// What go-yaml v2 (used by kubectl through sigs.k8s.io/yaml) decides an untagged plain scalar is.
/// YAML 1.1 flavoured: `yes`/`on`/`y` are booleans, `0755` is octal, `1_000` is an integer.
enum ResolvedScalar: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Floats, and integers too large for Int (go-yaml would make those uint64).
    case double(Double)
    /// Looks like a date or time; go-yaml hands these to `interface{}` as strings but quotes them on output.
    case timestamp
    case string

    /// Resolves `text` as go-yaml's `resolve("", text)` does.
    static func resolve(_ text: String) -> ResolvedScalar {
        if let known = known[text] { return known }
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "."):
            // Not a special float (those are in the table): maybe a plain one like `.5`.
            if isYAMLStyleFloat(text), let value = Double(text) { return .double(value) }
            return .string
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if isTimestamp(text) { return .timestamp }
            let plain = text.filter { $0 != "_" }
            if let value = goParseInt(plain) { return .int(value) }
            if isYAMLStyleFloat(plain), let value = Double(plain) { return .double(value) }
            return .string
        default:
            return .string
        }
    }

    /// The plain scalars go-yaml looks up by exact text.
    private static let known: [String: ResolvedScalar] = {
        var table: [String: ResolvedScalar] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { table[word] = .bool(true) }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { table[word] = .bool(false) }
        for word in ["", "~", "null", "Null", "NULL"] { table[word] = .null }
        for word in [".nan", ".NaN", ".NAN"] { table[word] = .double(.nan) }
        for word in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[word] = .double(.infinity) }
        for word in ["-.inf", "-.Inf", "-.INF"] { table[word] = .double(-.infinity) }
        return table
    }()

    /// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, then `0x`, `0o`, `0b`, a leading `0` (octal) or decimal.
    static func goParseInt(_ text: String) -> Int? {
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        var radix = 10
        let lower = rest.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            rest = rest.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            rest = rest.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            rest = rest.dropFirst(2)
        } else if rest.count > 1 && rest.hasPrefix("0") {
            radix = 8
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let magnitude = UInt64(rest, radix: radix)
        else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ text: String) -> Bool {
        var chars = Substring(text)
        if let sign = chars.first, sign == "+" || sign == "-" { chars = chars.dropFirst() }
        let isDigit: (Character) -> Bool = { $0 >= "0" && $0 <= "9" }
        let leading = chars.prefix(while: isDigit)
        chars = chars.dropFirst(leading.count)
        if chars.first == "." {
            chars = chars.dropFirst()
            let fraction = chars.prefix(while: isDigit)
            if leading.isEmpty && fraction.isEmpty { return false }
            chars = chars.dropFirst(fraction.count)
        } else if leading.isEmpty {
            return false
        }
        if let e = chars.first, e == "e" || e == "E" {
            chars = chars.dropFirst()
            if let sign = chars.first, sign == "+" || sign == "-" { chars = chars.dropFirst() }
            let exponent = chars.prefix(while: isDigit)
            if exponent.isEmpty { return false }
            chars = chars.dropFirst(exponent.count)
        }
        return chars.isEmpty
    }

    /// go-yaml's timestamp forms: `2006-1-2`, `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), and
    /// `2006-1-2 15:4:5.999999999` (no zone).
    static func isTimestamp(_ text: String) -> Bool {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(minDigits: 4, maxDigits: 4), year >= 0, scanner.take("-"),
            let month = scanner.number(minDigits: 1, maxDigits: 2), (1...12).contains(month), scanner.take("-"),
            let day = scanner.number(minDigits: 1, maxDigits: 2), (1...31).contains(day)
        else { return false }
        if scanner.atEnd { return true }
        let separator = scanner.next()
        guard separator == "T" || separator == "t" || separator == " ",
            let hour = scanner.number(minDigits: 1, maxDigits: 2), hour < 24, scanner.take(":"),
            let minute = scanner.number(minDigits: 1, maxDigits: 2), minute < 60, scanner.take(":"),
            let second = scanner.number(minDigits: 1, maxDigits: 2), second < 60
        else { return false }
        if scanner.take(".") {
            guard scanner.skipDigits() > 0 else { return false }
        }
        if separator == " " { return scanner.atEnd }
        if scanner.take("Z") { return scanner.atEnd }
        guard scanner.take("+") || scanner.take("-"),
            let zoneHour = scanner.number(minDigits: 2, maxDigits: 2), zoneHour < 24, scanner.take(":"),
            let zoneMinute = scanner.number(minDigits: 2, maxDigits: 2), zoneMinute < 60
        else { return false }
        return scanner.atEnd
    }

    /// YAML 1.1 sexagesimal numbers like `190:20:30`, which go-yaml quotes on output for old readers:
    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ text: String) -> Bool {
        var chars = Substring(text)
        if let sign = chars.first, sign == "+" || sign == "-" { chars = chars.dropFirst() }
        let isDigit: (Character) -> Bool = { $0 >= "0" && $0 <= "9" }
        guard let first = chars.first, isDigit(first) else { return false }
        chars = chars.dropFirst().drop { isDigit($0) || $0 == "_" }
        var groups = 0
        while chars.first == ":" {
            chars = chars.dropFirst()
            let group = chars.prefix(while: isDigit)
            guard (1...2).contains(group.count) else { return false }
            if group.count == 2, let tens = group.first, tens > "5" { return false }
            chars = chars.dropFirst(group.count)
            groups += 1
        }
        guard groups > 0 else { return false }
        if chars.first == "." { chars = chars.dropFirst().drop { isDigit($0) || $0 == "_" } }
        return chars.isEmpty
    }
}

/// Reads fixed-width decimal fields from the front of a string.
private struct DigitScanner {
    private var rest: Substring
    init(_ text: String) { rest = Substring(text) }

    var atEnd: Bool { rest.isEmpty }

    mutating func next() -> Character? { rest.popFirst() }

    mutating func take(_ character: Character) -> Bool {
        guard rest.first == character else { return false }
        rest = rest.dropFirst()
        return true
    }

    /// Skips any number of digits and says how many.
    mutating func skipDigits() -> Int {
        let digits = rest.prefix { $0 >= "0" && $0 <= "9" }
        rest = rest.dropFirst(digits.count)
        return digits.count
    }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
        let digits = rest.prefix(maxDigits).prefix { $0 >= "0" && $0 <= "9" }
        guard digits.count >= minDigits, let value = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        return value
    }
}
