import Foundation

/// Where the shell's history persists between runs: `$XDG_STATE_HOME/kubetutor/history`, or
/// `~/.local/state/kubetutor/history` when XDG_STATE_HOME is unset or not absolute (as the XDG
/// base directory specification requires).
public enum HistoryFile {
    /// The history path for this process's environment, or nil when there is no home directory.
    public static var defaultPath: String? { path(environment: ProcessInfo.processInfo.environment) }

    /// The history path for a given environment, or nil when neither variable gives a place.
    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return join(state, "kubetutor/history")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return join(home, ".local/state/kubetutor/history")
        }
        return nil
    }

    /// Creates the directories above `path` (private to the user: history can hold secrets).
    public static func createParentDirectory(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
        )
    }

    private static func join(_ base: String, _ rest: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + rest
    }
}
