/// Splits a typed command line into words the way a POSIX shell would for simple cases:
/// whitespace separates, '…' is literal, "…" allows \" and \\, a backslash escapes the next character.
public enum CommandLineSplitter {
    public enum SplitError: Error, Equatable {
        case unterminatedQuote(Character)
    }

    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaping = false
        for ch in line {
            if escaping {
                current.append(ch)
                escaping = false
                continue
            }
            if let q = quote {
                if ch == q {
                    quote = nil
                } else if ch == "\\" && q == "\"" {
                    escaping = true
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case "'", "\"":
                quote = ch
                inWord = true
            case "\\":
                escaping = true
                inWord = true
            case " ", "\t", "\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            default:
                current.append(ch)
                inWord = true
            }
        }
        if let q = quote { throw SplitError.unterminatedQuote(q) }
        if inWord || escaping { words.append(current) }
        return words
    }
}
