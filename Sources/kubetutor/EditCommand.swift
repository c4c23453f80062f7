import Foundation
import Kubectl
import Tutor

/// `edit`: opens the last manifest typed at the prompt in the learner's editor and applies what
/// they save, as `kubectl edit` opens a live object (KUBE_EDITOR, then EDITOR, else vi). With
/// arguments (`edit pod web`) it is kubectl's `edit`.
enum EditCommand {
    static let command = ShellCommand(name: "edit", usage: "edit", summary: ShellText.helpEdit, run: { backend, args, io in
        if !args.isEmpty { return backend.runKubectl(["edit"] + args, io: io) }
        return edit(backend, io: io)
    })

    static func edit(_ backend: TutorBackend, io: CommandIO) -> Int32 {
        guard let manifest = backend.lastManifest else {
            io.err(ShellText.editNothing.text(backend.language) + "\n")
            return 1
        }
        let path = NSTemporaryDirectory() + "kubetutor-edit-\(getpid())-\(UUID().uuidString.prefix(8)).yaml"
        guard FileManager.default.createFile(atPath: path, contents: Data(manifest.utf8), attributes: [.posixPermissions: 0o600]) else {
            io.err("error: cannot write \(path)\n")
            return 1
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let env = ProcessInfo.processInfo.environment
        let editor = [env["KUBE_EDITOR"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // As kubectl runs it: through the shell, so EDITOR may carry arguments ("code --wait").
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        do {
            try process.run()
        } catch {
            io.err("error: unable to launch the editor \"\(editor)\": \(error)\n")
            return 1
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            io.err("error: there was a problem with the editor \"\(editor)\"\n")
            return 1
        }
        guard let edited = try? String(contentsOfFile: path, encoding: .utf8) else {
            io.err("error: cannot read \(path)\n")
            return 1
        }
        if edited == manifest || edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            io.out("Edit cancelled, no changes made.\n")
            return 0
        }
        return backend.applyTyped(edited, io: io)
    }
}
