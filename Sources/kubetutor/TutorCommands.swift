import Kubectl
import Tutor

/// The lesson player's shell commands, for `CommandTable.commands` (dispatch, help, completion).
extension CommandTable {
    static let lessonCommands: [ShellCommand] = LessonPlayer.commands.map { command in
        ShellCommand(name: command.name, usage: command.usage, summary: command.summary, run: { backend, args, io in
            // `set lang` is the player's, `set timing` the nodes'; `set image …` (no `kubectl` prefix) is kubectl's.
            if command.name == "set" && args.first == "timing" {
                return NodeCommands.setTiming(Array(args.dropFirst()), cluster: backend.cluster, language: backend.language, io: io)
            }
            if command.name == "set" && args.first != "lang" { return backend.kubectl.run(["set"] + args, io: io) }
            guard let lessons = backend.lessons else {
                io.err("kubetutor: lessons are not loaded in this session\n")
                return 1
            }
            return lessons.run(command.name, args, io: io)
        })
    }
}
