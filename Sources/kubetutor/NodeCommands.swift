import APIServer
import Foundation
import Cluster
import KubeAPI
import Kubectl
import Tutor

/// The tutor's node commands: `node stop|start NAME` (a simulated VM failure), `nodes` (a short
/// status), `set timing fast|real`, and the timing note shown after `kubectl get nodes`.
enum NodeCommands {
    /// For `CommandTable.commands`.
    static let commands: [ShellCommand] = [
        ShellCommand(name: "node", usage: "node stop|start NAME", summary: ShellText.helpNode,
                     run: { b, args, io in node(args, cluster: b.cluster, language: b.language, io: io) }),
        ShellCommand(name: "nodes", usage: "nodes", summary: ShellText.helpNodes,
                     run: { b, _, io in nodes(cluster: b.cluster, language: b.language, io: io) }),
    ]

    static func node(_ args: [String], cluster: Cluster, language: Language, io: CommandIO) -> Int32 {
        guard args.count == 2, args[0] == "stop" || args[0] == "start" else {
            io.err(ShellText.nodeUsage.text(language) + "\n")
            return 1
        }
        let (action, name) = (args[0], args[1])
        do {
            let timing = try cluster.sync { () -> NodeTiming in
                if action == "stop" { try cluster.stopNode(name) } else { try cluster.startNode(name) }
                return cluster.timing
            }
            if action == "stop" {
                io.out(ShellText.nodeStopped.format(language, name, Int(timing.grace), timing.toleration, timing.name) + "\n")
            } else {
                io.out(ShellText.nodeStarted.format(language, name) + "\n")
            }
            return 0
        } catch let error as NodeOperationError {
            var message = "kubetutor: \(error)"
            if case .notFound = error {
                message += " (nodes: \(cluster.sync { cluster.nodes.list().map(\.metadata.name) }.joined(separator: ", ")))"
            }
            io.err(message + "\n")
        } catch {
            io.err("kubetutor: node \(action) \(name): \(error)\n")
        }
        return 1
    }

    static func nodes(cluster: Cluster, language: Language, io: CommandIO) -> Int32 {
        let (nodes, counts, stopped, timing) = cluster.sync {
            let nodes = cluster.nodes.list()
            let counts = nodes.map { cluster.pods(onNode: $0.metadata.name).count }
            let stopped = nodes.map { cluster.isNodeStopped($0.metadata.name) }
            return (nodes, counts, stopped, cluster.timing)
        }
        var rows = [["NAME", "STATUS", "POWER", "PODS", "INTERNAL-IP", "POD-CIDR"]]
        for (i, node) in nodes.enumerated() {
            rows.append([node.metadata.name, NodeTable.status(node), stopped[i] ? "off" : "on", "\(counts[i])",
                         node.status.addresses.first { $0.type == "InternalIP" }?.address ?? "<none>", node.spec.podCIDR ?? "<none>"])
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c] + 3, withPad: " ", startingAt: 0) }
            io.out(cells.joined() + "\n")
        }
        io.out(ShellText.nodeTiming.format(language, timing.summary) + "\n")
        return 0
    }

    /// `set timing fast|real` (the `set` command's other uses belong to kubectl and the lessons).
    static func setTiming(_ args: [String], cluster: Cluster, language: Language, io: CommandIO) -> Int32 {
        guard args.count == 1, let timing = NodeTiming.named(args[0]) else {
            io.err(ShellText.timingUsage.format(language, cluster.sync { cluster.timing }.summary) + "\n")
            return 1
        }
        cluster.sync { cluster.setTiming(timing) }
        io.out(ShellText.timingSet.format(language, timing.summary, timing.toleration) + "\n")
        return 0
    }

    /// Whether a kubectl command line lists nodes (`get nodes`, `get no`, `get node/x`, …).
    static func listsNodes(_ kubectlArgs: [String]) -> Bool {
        guard kubectlArgs.first == "get", let what = kubectlArgs.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return false }
        let kind = what.split(separator: "/").first.map(String.init) ?? what
        return kind.split(separator: ",").contains { ["nodes", "node", "no"].contains($0) }
    }

    /// The one-line note printed (on stderr) after `kubectl get nodes`.
    static func timingNote(cluster: Cluster, language: Language) -> String {
        let timing = cluster.sync { cluster.timing }
        let other = timing == .real ? "fast" : "real"
        return ShellText.timingNote.format(language, timing.summary, other) + "\n"
    }
}
