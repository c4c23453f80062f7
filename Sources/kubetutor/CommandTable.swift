import Kubectl

/// The one table of shell commands: it feeds dispatch, `help` and Tab completion.
struct ShellCommand {
    let name: String
    let usage: String
    let summary: String
    let run: (TutorBackend, [String], CommandIO) -> Int32
}

enum CommandTable {
    static let commands: [ShellCommand] = [
        ShellCommand(name: "kubectl", usage: "kubectl <command> …", summary: "run a kubectl command against the embedded cluster (the `kubectl` prefix is optional; `k` works too)",
                     run: { b, args, io in b.runKubectl(args, io: io) }),
        ShellCommand(name: "help", usage: "help", summary: "show this list",
                     run: { _, _, io in io.out(CommandTable.helpText); return 0 }),
        ShellCommand(name: "exit", usage: "exit", summary: "stop the cluster and leave (also `quit` or Ctrl-D)",
                     run: { _, _, _ in 0 }),
        ShellCommand(name: "quiz", usage: "quiz [ID…|end]", summary: "write YAML from memory, graded by meaning (hint, skip, apply, quiz end)",
                     run: { _, _, io in io.err("quiz: not available here\n"); return 1 }),
    ] + NodeCommands.commands + lessonCommands

    static let helpText: String = {
        var s = "kubetutor commands:\n"
        for c in commands {
            s += "  " + c.usage.padding(toLength: 22, withPad: " ", startingAt: 0) + c.summary + "\n"
        }
        s += "\nkubectl commands (with or without the `kubectl` prefix):\n"
        for v in Kubectl.verbNames { s += "  \(v)\n" }
        s += """

        Typing YAML: a line starting with `apiVersion:` or `---` opens a manifest; an empty line applies it
        (like `kubectl apply -f -`); Ctrl-C abandons it.
        Keys: Tab completes, ↑/↓ walk the history, Ctrl-C clears the line, Ctrl-D quits.

        """
        return s
    }()
}
