import Foundation
import Cluster
import Kubectl
import Shell
import Runtime
import Tutor

/// Connects the lesson player to the shell: runs the player's commands, shows every learner entry
/// (command or manifest) and what it printed to the player, and runs lesson solutions/setups the way
/// the shell would.
final class LessonSession {
    let player: LessonPlayer
    private let startupNotes: String

    /// The cluster whose node timing the node-failure lesson quotes (`{{nodeClock}}`).
    private let cluster: Cluster

    /// What the node-failure lesson says about the timing in force (`{{nodeClock}}` in lesson texts).
    static func nodeClockDescription(_ timing: NodeTiming, japanese: Bool) -> String {
        let fast = timing == .fast
        if japanese {
            return fast
                ? "kubetutor の教育用クロック（NotReady まで \(Int(timing.grace)) 秒、退避まで さらに \(timing.toleration) 秒。`set timing real` で Kubernetes の既定値に切り替え）"
                : "Kubernetes の既定値（NotReady まで \(Int(timing.grace)) 秒、退避まで さらに \(timing.toleration) 秒。`set timing fast` で教育用クロックに戻す）"
        }
        return fast
            ? "kubetutor's teaching clock (NotReady after \(Int(timing.grace)) s, eviction \(timing.toleration) s later; `set timing real` switches to Kubernetes' defaults)"
            : "Kubernetes' defaults (NotReady after \(Int(timing.grace)) s, eviction \(timing.toleration) s later; `set timing fast` switches back to the teaching clock)"
    }

    init(backend: TutorBackend, options: LessonOptions, store: ProgressStore = ProgressStore(path: ProgressStore.defaultPath())) {
        cluster = backend.cluster
        let catalog = LessonCatalog.load(directories: options.directories)
        player = LessonPlayer(catalog: catalog, cluster: backend.cluster, store: store, language: options.lang == nil ? nil : options.language,
                              fallback: options.language,
                              capabilities: LessonSession.capabilities, runner: LessonSession.runner(backend))
        player.width = { TerminalSize.columns(of: STDOUT_FILENO) ?? TextReflow.pipedWidth }
        var notes = ""
        if catalog.lessons.isEmpty {
            notes += "warning: no lessons found (set KUBETUTOR_LESSONS to the lessons folder, or use --lessons DIR)\n"
        }
        if !catalog.issues.isEmpty {
            notes += "warning: \(catalog.issues.count) problem(s) in lesson files; those lessons are left out (`kubetutor lessons lint` for details)\n"
        }
        if let warning = player.loadWarning { notes += "warning: \(warning)\n" }
        startupNotes = notes
        updateVariables()
    }

    /// Lines for the start banner: problems loading lessons, and the offer to continue.
    var banner: String {
        startupNotes + (player.resumeOffer ?? (player.language == .ja ? "`lessons` でレッスン一覧を表示します。\n" : "Type `lessons` to see the lessons.\n"))
    }

    /// Host features lessons may require.
    static var capabilities: Set<String> {
        CommandTable.commands.contains { $0.name == "node" } ? [LessonRequirement.nodeStop] : []
    }

    private func updateVariables() {
        let timing = cluster.sync { cluster.timing }
        player.variables["nodeClock"] = Self.nodeClockDescription(timing, japanese: player.language == .ja)
    }

    /// Runs a player command typed in the shell.
    func run(_ name: String, _ args: [String], io: CommandIO) -> Int32 {
        updateVariables()  // the timing may have been switched since
        let reply = player.run(name, args)
        updateVariables()
        if !reply.out.isEmpty { io.out(reply.out) }
        if !reply.err.isEmpty { io.err(reply.err) }
        return reply.status
    }

    /// Runs a learner entry through `body`, copying what it prints, then lets the player check the step.
    func observe(_ input: ShellInput, output: OutputSink, _ body: (OutputSink) -> CommandOutcome) -> CommandOutcome {
        let entry: LearnerEntry
        switch input {
        case .yaml(let text): entry = .manifest(text)
        case .command(let line):
            let words = line.split(separator: " ").map(String.init)
            if let first = words.first, Self.ownCommands.contains(first), first != "set" || words.dropFirst().first == "lang" {
                return body(output)
            }
            entry = .command(line)
        }
        let copy = OutputCopy()
        let teed = OutputSink(out: { copy.add(out: $0); output.out($0) }, err: { copy.add(err: $0); output.err($0) },
                              session: { typed, shown in
                                  copy.add(typed: typed)
                                  // A terminal ends lines with \r\n; checks read lines as kubectl prints them.
                                  copy.add(out: shown.replacingOccurrences(of: "\r\n", with: "\n"))
                              })
        let outcome = body(teed)
        let result = EntryResult(status: outcome == .failed ? 1 : 0, stdout: copy.out, stderr: copy.err, typed: copy.typed)
        if let text = player.observe(entry, result) { output.out(text) }
        return outcome
    }

    /// Commands that are not learner work: the player's own, help, exit.
    static let ownCommands: Set<String> = Set(LessonPlayer.commands.map(\.name) + ["help", "exit", "quit"])

    /// Runs lesson entries as the shell would, capturing their output.
    static func runner(_ backend: TutorBackend) -> EntryRunner {
        { [unowned backend] entry in
            let (io, captured) = CommandIO.capturing()
            let status: Int32
            switch entry {
            case .manifest(let text):
                status = backend.kubectl.applyTyped(text, io: io)
            case .command(let line):
                if let words = try? CommandLineSplitter.split(line) {
                    status = backend.run(words, io: io) == .failed ? 1 : 0
                } else {
                    status = 1
                }
            }
            return EntryResult(status: status, stdout: captured.stdout, stderr: captured.stderr)
        }
    }
}

/// A thread-safe copy of what an entry printed.
private final class OutputCopy: @unchecked Sendable {
    private let lock = NSLock()
    private var o = ""
    private var e = ""
    func add(out s: String) { lock.lock(); o += s; lock.unlock() }
    func add(err s: String) { lock.lock(); e += s; lock.unlock() }
    private var t = ""
    func add(typed s: String) { lock.lock(); t += s; lock.unlock() }
    var typed: String { lock.lock(); defer { lock.unlock() }; return t }
    var out: String { lock.lock(); defer { lock.unlock() }; return o }
    var err: String { lock.lock(); defer { lock.unlock() }; return e }
}
