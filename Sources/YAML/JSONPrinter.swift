extension JSONValue {
    /// The value as `kubectl -o json` prints it: Go's `json.MarshalIndent(v, "", "    ")`, keys in the
    /// value's own order, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, integers without `.0`.
    /// No trailing newline: kubectl prints one after it.
    public func jsonString() -> String {
        var out = ""
        JSONPrinter.write(self, indent: "    ", level: 0, into: &out)
        return out
    }

    /// The value as Go's `json.Marshal` writes it (one line), e.g. for the
    /// `kubectl.kubernetes.io/last-applied-configuration` annotation (kubectl appends `\n` there).
    public func compactJSONString() -> String {
        var out = ""
        JSONPrinter.write(self, indent: nil, level: 0, into: &out)
        return out
    }

    /// The value with every object's keys sorted bytewise, as Go orders a map's keys in JSON: what
    /// kubectl prints for objects it holds as maps (everything read back from the server).
    public func sortingKeys() -> JSONValue {
        switch self {
        case .array(let items):
            return .array(items.map { $0.sortingKeys() })
        case .object(let fields):
            let sorted = fields.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            return .object(sorted.map { ($0.0, $0.1.sortingKeys()) })
        default:
            return self
        }
    }
}

/// Go encoding/json's output format.
enum JSONPrinter {
    static func write(_ value: JSONValue, indent: String?, level: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        // Go refuses to encode NaN and ±Inf; printing null keeps the output valid JSON.
        case .double(let number): out += number.isFinite ? GoFloatFormat.json(number) : "null"
        case .string(let text):
            out += "\""
            out += escape(text, htmlSafe: true)
            out += "\""
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(indent, level + 1, into: &out)
                write(item, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, into: &out)
            out += "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                newline(indent, level + 1, into: &out)
                out += "\""
                out += escape(field.0, htmlSafe: true)
                out += "\":"
                if indent != nil { out += " " }
                write(field.1, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, into: &out)
            out += "}"
        }
    }

    private static func newline(_ indent: String?, _ level: Int, into out: inout String) {
        guard let indent else { return }
        out += "\n" + String(repeating: indent, count: level)
    }

    /// A string's JSON escaping as Go (1.22+) writes it; `htmlSafe` adds `<`, `>`, `&` (json.Marshal's
    /// default). U+2028 and U+2029 are always escaped.
    static func escape(_ text: String, htmlSafe: Bool) -> String {
        // Most strings (names, labels, timestamps) need no escape: one pass over the bytes.
        let needsEscape = text.utf8.contains { b in
            b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0xE2
                || (htmlSafe && (b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&")))
        }
        if !needsEscape { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<", ">", "&":
                if htmlSafe { out += unicodeEscape(scalar.value) } else { out.unicodeScalars.append(scalar) }
            case "\u{2028}", "\u{2029}": out += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
