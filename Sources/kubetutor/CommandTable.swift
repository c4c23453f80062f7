import Kubectl
import Tutor

/// The one table of shell commands: it feeds dispatch, `help` and Tab completion.
struct ShellCommand {
    let name: String
    let usage: String
    let summary: Localized
    let run: (TutorBackend, [String], CommandIO) -> Int32
}

enum CommandTable {
    static let commands: [ShellCommand] = [
        ShellCommand(name: "kubectl", usage: "kubectl <command> …", summary: ShellText.helpKubectl,
                     run: { b, args, io in b.runKubectl(args, io: io) }),
        ShellCommand(name: "help", usage: "help", summary: ShellText.helpHelp,
                     run: { b, _, io in io.out(CommandTable.helpText(b.language, width: b.width)); return 0 }),
        ShellCommand(name: "exit", usage: "exit", summary: ShellText.helpExit,
                     run: { _, _, _ in 0 }),
        ShellCommand(name: "quiz", usage: "quiz [ID…|end]", summary: ShellText.helpQuiz,
                     run: { _, _, io in io.err("quiz: not available here\n"); return 1 }),
        EditCommand.command,
        ShellCommand(name: "kubeconfig", usage: "kubeconfig", summary: ShellText.helpKubeconfig,
                     run: { b, _, io in
                         guard let front = b.apiFront else {
                             io.err(ShellText.noAPIServer.text(b.language) + "\n")
                             return 1
                         }
                         io.out(front.usage(b.language))
                         return 0
                     }),
    ] + NodeCommands.commands + lessonCommands

    /// `help`, in the learner's language, each summary wrapped under itself to the terminal's width.
    static func helpText(_ language: Language, width: Int) -> String {
        var s = ShellText.commandsHeading.text(language) + "\n"
        let column = 24
        for c in commands {
            let lines = TextReflow.reflow(c.summary.text(language), width: max(30, width - column)).split(separator: "\n")
            for (i, line) in lines.enumerated() {
                s += (i == 0 ? "  " + c.usage.padding(toLength: column - 2, withPad: " ", startingAt: 0)
                             : String(repeating: " ", count: column)) + line + "\n"
            }
        }
        s += "\n" + ShellText.kubectlHeading.text(language) + "\n"
        for v in Kubectl.verbNames { s += "  \(v)\n" }
        s += "\n" + TextReflow.reflow(ShellText.helpYAML.text(language), width: width) + "\n"
        s += TextReflow.reflow(ShellText.helpKeys.text(language), width: width) + "\n\n"
        return s
    }
}
