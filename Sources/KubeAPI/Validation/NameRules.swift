/// Kubernetes' name and label rules (k8s.io/apimachinery/pkg/util/validation), returning the
/// messages the API server puts after `Invalid value: "x": `.

private func regexError(_ msg: String, _ format: String, _ examples: [String]) -> String {
    // Go's RegexError puts "', " after every example and " or " between them: hence the double space.
    "\(msg) (e.g. " + examples.map { "'\($0)', " }.joined(separator: " or ") + "regex used for validation is '\(format)')"
}

private func maxLenError(_ n: Int) -> String { "must be no more than \(n) characters" }

private func isAlnumLower(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
private func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
private func matchesDNS1123Label(_ s: Substring) -> Bool {
    guard let first = s.first, let last = s.last, isAlnumLower(first), isAlnumLower(last) else { return false }
    return s.allSatisfy { isAlnumLower($0) || $0 == "-" }
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
private func matchesQualifiedNamePart(_ s: Substring) -> Bool {
    guard let first = s.first, let last = s.last, isAlnum(first), isAlnum(last) else { return false }
    return s.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
}

public let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
public let dns1123SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
private let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
private let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

public func isDNS1123Label(_ s: String) -> [String] {
    var errs: [String] = []
    if s.count > 63 { errs.append(maxLenError(63)) }
    if !matchesDNS1123Label(Substring(s)) {
        errs.append(regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            dns1123LabelFormat, ["my-name", "123-abc"]))
    }
    return errs
}

public func isDNS1123Subdomain(_ s: String) -> [String] {
    var errs: [String] = []
    if s.count > 253 { errs.append(maxLenError(253)) }
    if !s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(matchesDNS1123Label) {
        errs.append(regexError(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            dns1123SubdomainFormat, ["example.com"]))
    }
    return errs
}

/// Label and annotation keys: an optional DNS-subdomain prefix and '/', then a name part.
public func isQualifiedName(_ s: String) -> [String] {
    let parts = s.split(separator: "/", omittingEmptySubsequences: false)
    var errs: [String] = []
    let name: Substring
    switch parts.count {
    case 1: name = parts[0]
    case 2:
        name = parts[1]
        if parts[0].isEmpty {
            errs.append("prefix part must be non-empty")
        } else {
            errs += isDNS1123Subdomain(String(parts[0])).map { "prefix part " + $0 }
        }
    default:
        return ["a qualified name " + regexError(qualifiedNameMessage, qualifiedNameFormat, ["MyName", "my.name", "123-abc"])
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
    }
    if name.isEmpty {
        errs.append("name part must be non-empty")
    } else if name.count > 63 {
        errs.append("name part " + maxLenError(63))
    }
    if !matchesQualifiedNamePart(name) {
        errs.append("name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, ["MyName", "my.name", "123-abc"]))
    }
    return errs
}

public func isValidLabelValue(_ s: String) -> [String] {
    var errs: [String] = []
    if s.count > 63 { errs.append(maxLenError(63)) }
    if !s.isEmpty && !matchesQualifiedNamePart(Substring(s)) {
        errs.append(regexError(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", ["MyValue", "my_value", "12345"]))
    }
    return errs
}

/// Environment variable names: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
public func isEnvVarName(_ s: String) -> [String] {
    let ok = s.first.map { !$0.isNumber } ?? false
        && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }
    if ok { return [] }
    return [regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        "[-._a-zA-Z][-._a-zA-Z0-9]*", ["my.env-name", "MY_ENV.NAME", "MyEnvName1"])]
}

/// Named ports: IANA service names, at most 15 characters.
public func isValidPortName(_ s: String) -> [String] {
    var errs: [String] = []
    if s.count > 15 { errs.append("must be no more than 15 characters") }
    if !s.allSatisfy({ isAlnumLower($0) || $0 == "-" }) { errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)") }
    if s.contains("--") { errs.append("must not contain consecutive hyphens") }
    if !s.contains(where: { $0.isLetter }) { errs.append("must contain at least one letter (a-z)") }
    if s.hasPrefix("-") || s.hasSuffix("-") { errs.append("must not begin or end with a hyphen") }
    return errs
}

public func isValidPortNum(_ port: Int) -> [String] {
    (1...65535).contains(port) ? [] : ["must be between 1 and 65535, inclusive"]
}

/// Object names: DNS-1123 subdomain; a generateName prefix may end in '-'.
func nameIsDNSSubdomain(_ name: String, prefix: Bool) -> [String] {
    isDNS1123Subdomain(prefix && name.hasSuffix("-") ? String(name.dropLast()) + "a" : name)
}

func nameIsDNSLabel(_ name: String, prefix: Bool) -> [String] {
    isDNS1123Label(prefix && name.hasSuffix("-") ? String(name.dropLast()) + "a" : name)
}
