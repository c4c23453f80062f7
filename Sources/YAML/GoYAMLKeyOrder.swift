/// The order go-yaml v2 sorts map keys in when it marshals a map, which is the order of every mapping in
/// `kubectl -o yaml` (kubectl converts objects to JSON, then to a generic map, then to YAML).
///
/// A "natural" order: letters compare by code point and sort after non-letters; runs of digits compare
/// by numeric value, so `b9` < `b10`, and `a-b` < `aB` (a non-letter sorts before a letter).
enum GoYAMLKeyOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            defer { i += 1 }
            if ar[i] == br[i] { continue }
            let aLetter = isLetter(ar[i])
            let bLetter = isLetter(br[i])
            if aLetter && bLetter { return ar[i].value < br[i].value }
            if aLetter || bLetter { return bLetter }
            var an: Int64 = 0
            var bn: Int64 = 0
            // A zero after non-zero digits is part of a number, not a leading zero: count it.
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai].value) - 48
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi].value) - 48
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Decimal digits; go-yaml uses `unicode.IsDigit` but then does arithmetic on them as ASCII.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }
}
