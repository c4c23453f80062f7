/// kubectl-style (pflag) flag parsing: flags anywhere among the arguments, `--name=value`,
/// `--name value`, `-o yaml`, `-oyaml`, grouped boolean shorthands (`-it`), and `--` ending flags.
struct FlagSpec {
    enum Kind { case bool, value, list }
    let name: String
    let shorthand: Character?
    let kind: Kind
    init(_ name: String, _ shorthand: Character? = nil, _ kind: Kind = .value) {
        self.name = name
        self.shorthand = shorthand
        self.kind = kind
    }
}

struct ParsedFlags {
    var values: [String: [String]] = [:]
    var positional: [String] = []
    /// Words after `--` (the command of `exec` and `run`).
    var afterDash: [String]? = nil

    func bool(_ name: String) -> Bool {
        guard let v = values[name]?.last else { return false }
        return v != "false"
    }
    func has(_ name: String) -> Bool { values[name] != nil }
    func string(_ name: String) -> String? { values[name]?.last }
    func list(_ name: String) -> [String] { values[name] ?? [] }
}

enum FlagError: Error, Equatable {
    case unknownFlag(String)
    case unknownShorthand(Character, String)
    case needsArgument(String)
    case invalidBool(String, String)

    /// pflag's wording, as kubectl prints it after `error: `.
    var message: String {
        switch self {
        case .unknownFlag(let f): return "unknown flag: \(f)"
        case .unknownShorthand(let c, let word): return "unknown shorthand flag: '\(c)' in \(word)"
        case .needsArgument(let f): return "flag needs an argument: \(f)"
        case .invalidBool(let f, let v): return "invalid argument \"\(v)\" for \"\(f)\" flag: strconv.ParseBool: parsing \"\(v)\": invalid syntax"
        }
    }
}

enum FlagParser {
    /// Flags every kubectl command accepts.
    static let global: [FlagSpec] = [
        FlagSpec("namespace", "n"), FlagSpec("help", "h", .bool), FlagSpec("all-namespaces", "A", .bool),
        FlagSpec("context"), FlagSpec("kubeconfig"),
    ]

    static func parse(_ args: [String], specs: [FlagSpec]) throws -> ParsedFlags {
        let all = specs + global
        var result = ParsedFlags()
        var i = 0
        func spec(named n: String) -> FlagSpec? { all.first { $0.name == n } }
        func spec(short c: Character) -> FlagSpec? { all.first { $0.shorthand == c } }
        func add(_ s: FlagSpec, _ v: String) {
            if s.kind == .list {
                result.values[s.name, default: []] += v.split(separator: ",").map(String.init)
            } else {
                result.values[s.name, default: []].append(v)
            }
        }
        while i < args.count {
            let a = args[i]
            if a == "--" {
                result.afterDash = Array(args[(i + 1)...])
                break
            }
            if a.hasPrefix("--") && a.count > 2 {
                let body = a.dropFirst(2)
                let name = String(body.split(separator: "=", maxSplits: 1).first ?? "")
                let inline: String? = body.contains("=") ? String(body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[1]) : nil
                guard let s = spec(named: name) else { throw FlagError.unknownFlag("--\(name)") }
                if s.kind == .bool {
                    let v = inline ?? "true"
                    guard ["true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False"].contains(v) else {
                        throw FlagError.invalidBool("--\(name)", v)
                    }
                    add(s, ["true", "1", "t", "TRUE", "True"].contains(v) ? "true" : "false")
                } else if let v = inline {
                    add(s, v)
                } else {
                    guard i + 1 < args.count else { throw FlagError.needsArgument("--\(name)") }
                    i += 1
                    add(s, args[i])
                }
            } else if a.hasPrefix("-") && a.count > 1 && Int(a) == nil {
                var chars = Array(a.dropFirst())
                while let c = chars.first {
                    chars.removeFirst()
                    guard let s = spec(short: c) else { throw FlagError.unknownShorthand(c, a) }
                    if s.kind == .bool {
                        if chars.first == "=" {
                            add(s, String(chars.dropFirst()))
                            chars = []
                        } else {
                            add(s, "true")
                        }
                        continue
                    }
                    var v = String(chars)
                    if v.hasPrefix("=") { v.removeFirst() }
                    if v.isEmpty {
                        guard i + 1 < args.count else { throw FlagError.needsArgument("'\(c)' in -\(c)") }
                        i += 1
                        v = args[i]
                    }
                    add(s, v)
                    chars = []
                }
            } else {
                result.positional.append(a)
            }
            i += 1
        }
        return result
    }
}
