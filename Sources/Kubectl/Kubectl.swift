import Foundation
import KubeAPI
import Cluster

/// kubectl, talking to the embedded cluster directly. One entry point: `run(args, io)` with the
/// words after `kubectl`; returns the exit status kubectl would.
public final class Kubectl {
    public let cluster: Cluster
    /// The namespace commands use when `-n` is absent (kubectl's context namespace).
    public var namespace = "default"

    /// One kubectl verb: its name, one-line help (kubectl's own), and handler.
    struct Verb {
        let name: String
        let summary: String
        let flags: [FlagSpec]
        let run: (Kubectl, ParsedFlags, CommandIO) throws -> Int32
    }

    public init(cluster: Cluster) { self.cluster = cluster }

    static let verbs: [Verb] = [
        ApplyVerb.apply, ApplyVerb.create, GetVerb.verb, DescribeVerb.verb, DeleteVerb.verb, LogsVerb.verb,
        ExecVerb.verb, RunVerb.verb, WaitVerb.verb, ScaleVerb.verb, SetVerb.verb, RolloutVerb.verb,
        VersionVerb.verb, APIResourcesVerb.verb, ExplainVerb.verb, PortForwardVerb.verb,
    ] + NodeVerbs.all

    /// Verb names, for help and completion.
    public static var verbNames: [String] { verbs.map(\.name).sorted() }

    /// Names of the objects of a kind in the current namespace, for completion.
    public func objectNames(of kind: ResourceKind) -> [String] {
        cluster.sync { cluster.objects(of: kind, namespace: namespace).map(\.name) }
    }

    /// Flags a verb accepts (long forms with `--`), for completion.
    public static func flagNames(for verb: String) -> [String] {
        (verbs.first { $0.name == verb }?.flags ?? []).map { "--\($0.name)" }
    }

    @discardableResult
    public func run(_ args: [String], io: CommandIO) -> Int32 {
        guard let verbName = args.first else {
            io.out(Kubectl.usage)
            return 0
        }
        if verbName == "help" || verbName == "--help" || verbName == "-h" {
            io.out(Kubectl.usage)
            return 0
        }
        guard let verb = Kubectl.verbs.first(where: { $0.name == verbName }) else {
            if Kubectl.upstreamCommands.contains(verbName) {
                // A real kubectl command: kubectl's "unknown command" would be a false lesson.
                io.errorLine("kubetutor does not simulate `kubectl \(verbName)` yet (kubectl v1.32 has it; "
                             + "`kubectl help` lists what kubetutor's cluster understands)")
                return 1
            }
            let suggestion = Kubectl.suggest(verbName).map { "\n\nDid you mean this?\n\t\($0)" } ?? ""
            io.errorLine("error: unknown command \"\(verbName)\" for \"kubectl\"\(suggestion)")
            return 1
        }
        do {
            let flags = try FlagParser.parse(Array(args.dropFirst()), specs: verb.flags)
            if flags.bool("help") {
                io.out(Kubectl.help(for: verb))
                return 0
            }
            let previous = namespace
            defer { namespace = previous }
            if let ns = flags.string("namespace") { namespace = ns }
            return try verb.run(self, flags, io)
        } catch let e as FlagError {
            io.errorLine(KubectlError.flag(e, verb: verb.name).message)
        } catch let e as KubectlError {
            io.errorLine(e.message)
        } catch {
            io.errorLine("error: \(error)")
        }
        return 1
    }

    /// kubectl v1.32's top-level commands (`kubectl --help`).
    public static let upstreamCommands: Set<String> = [
        "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale", "certificate",
        "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach", "exec", "port-forward",
        "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait", "kustomize", "label", "annotate",
        "completion", "api-resources", "api-versions", "config", "plugin", "version", "options",
    ]

    /// kubectl's "Did you mean this?" for a mistyped verb (Levenshtein distance ≤ 2).
    static func suggest(_ typed: String) -> String? {
        // Among all of kubectl's commands, as kubectl suggests them (`foo` → `top`).
        upstreamCommands.sorted().map { ($0, EditDistance.between(typed, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static let usage: String = {
        var s = "kubectl controls the Kubernetes cluster manager.\n\n"
        s += " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n"
        s += "Commands kubetutor's cluster understands:\n"
        for v in verbs { s += "  " + v.name.padding(toLength: 15, withPad: " ", startingAt: 0) + v.summary + "\n" }
        s += "\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\n"
        return s
    }()

    static func help(for verb: Verb) -> String {
        var s = "\(verb.summary)\n\nOptions:\n"
        for f in verb.flags {
            let short = f.shorthand.map { "-\($0), " } ?? "    "
            s += "    \(short)--\(f.name)\(f.kind == .bool ? "" : "=")\n"
        }
        s += "\nUsage:\n  kubectl \(verb.name) [options]\n"
        return s
    }
}

/// Levenshtein distance, for "Did you mean" suggestions.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
