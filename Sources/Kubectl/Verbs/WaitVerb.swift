import Foundation
import KubeAPI
import Cluster

/// `kubectl wait --for=condition=Ready pod/NAME --timeout=30s`, also `--for=delete` and `--all`/`-l`.
enum WaitVerb {
    static let verb = Kubectl.Verb(
        name: "wait", summary: "Experimental: Wait for a specific condition on one or many resources",
        flags: [FlagSpec("for"), FlagSpec("timeout"), FlagSpec("selector", "l"), FlagSpec("all", nil, .bool),
                FlagSpec("filename", "f", .list)],
        run: { k, f, io in try k.wait(f, io) })
}

/// Go's time.ParseDuration for the forms kubectl users type (`30s`, `1m30s`, `500ms`, `2h`).
enum GoDuration {
    static func parse(_ text: String) -> TimeInterval? {
        if text == "0" { return 0 }
        var total: TimeInterval = 0
        var number = ""
        var unit = ""
        var sawAny = false
        func flush() -> Bool {
            guard let n = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "ns": scale = 1e-9
            case "us", "µs": scale = 1e-6
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return false
            }
            total += n * scale
            number = ""
            unit = ""
            sawAny = true
            return true
        }
        for ch in text {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else {
                unit.append(ch)
            }
        }
        guard flush(), sawAny else { return nil }
        return total
    }
}

extension Kubectl {
    func wait(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard let condition = flags.string("for") else {
            throw KubectlError("error: --for must be specified")
        }
        let timeoutText = flags.string("timeout") ?? "30s"
        guard let timeout = GoDuration.parse(timeoutText) else {
            throw KubectlError("error: invalid argument \"\(timeoutText)\" for \"--timeout\" flag: time: invalid duration \"\(timeoutText)\"")
        }
        var requests = try ResourceArgs.parse(flags.positional)
        if flags.has("filename") { requests += try filesAsRequests(flags.list("filename"), io: io) }
        guard !requests.isEmpty else {
            throw KubectlError("error: resource(s) were provided, but no name was specified")
        }
        let selector = try flags.string("selector").map { try LabelSelectorParser.parse($0) }
        let forDelete = condition == "delete"
        var conditionName = ""
        var conditionValue = "true"
        if !forDelete {
            guard condition.hasPrefix("condition=") else {
                throw KubectlError("error: unrecognized condition: \"\(condition)\"")
            }
            let spec = condition.dropFirst("condition=".count).split(separator: "=", maxSplits: 1).map(String.init)
            conditionName = spec.first ?? ""
            if spec.count > 1 { conditionValue = spec[1].lowercased() }
        }
        // Resolve the targets once (kubectl waits on what exists when it starts).
        var targets: [(ResourceKind, String)] = []
        var failed = false
        cluster.sync {
            for r in requests {
                if r.names.isEmpty {
                    targets += cluster.objects(of: r.kind, namespace: namespace)
                        .filter { selector?.matches($0.metadata.labels) ?? true }.map { (r.kind, $0.name) }
                } else {
                    for name in r.names {
                        if cluster.object(of: r.kind, namespace: namespace, name: name) != nil || forDelete {
                            targets.append((r.kind, name))
                        } else {
                            io.errorLine(KubectlError.notFound(r.kind, name).message)
                            failed = true
                        }
                    }
                }
            }
        }
        if failed { return 1 }
        if targets.isEmpty {
            throw KubectlError("error: no matching resources found")
        }
        let deadline = Date().addingTimeInterval(timeout)
        for (kind, name) in targets {
            while true {
                let met: Bool = cluster.sync {
                    let o = cluster.object(of: kind, namespace: namespace, name: name)
                    if forDelete { return o == nil }
                    return o.map { Kubectl.condition(conditionName, of: $0)?.lowercased() == conditionValue } ?? false
                }
                if met {
                    io.line("\(kind.qualifiedSingular)/\(name) condition met")
                    break
                }
                if Date() >= deadline || io.isInterrupted() {
                    io.errorLine("error: timed out waiting for the condition on \(kind.qualifiedPlural)/\(name)")
                    return 1
                }
                usleep(5_000)
            }
        }
        return 0
    }

    /// The status of a named condition (case-insensitive), as `kubectl wait` reads it.
    static func condition(_ name: String, of o: APIObject) -> String? {
        switch o {
        case .pod(let p): return p.status.conditions.first { $0.type.lowercased() == name.lowercased() }?.status
        case .deployment(let d): return d.status.conditions.first { $0.type.lowercased() == name.lowercased() }?.status
        case .node(let n): return n.status.conditions.first { $0.type.lowercased() == name.lowercased() }?.status
        default: return nil
        }
    }
}
