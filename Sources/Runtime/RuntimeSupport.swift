import CSpawn
import Foundation

/// Whether pods get Linux namespaces, or run as plain processes because the kernel forbids
/// unprivileged user namespaces (or KUBETUTOR_ISOLATION=none asked for it).
public enum IsolationMode: String, Equatable, Sendable {
    case isolated
    case none
}

/// What this machine allows, and the message to show the learner when it is less than full isolation.
public struct RuntimeSupport: Equatable, Sendable {
    public var mode: IsolationMode
    /// Why isolation is off and how to turn it on; nil when pods are isolated.
    public var message: String?

    public init(mode: IsolationMode, message: String? = nil) {
        self.mode = mode
        self.message = message
    }

    /// Tries a user namespace (maps written, then a network namespace inside it) and explains a refusal.
    public static func probe(environment: [String: String] = ProcessInfo.processInfo.environment) -> RuntimeSupport {
        if environment["KUBETUTOR_ISOLATION"] == "none" {
            return RuntimeSupport(mode: .none, message: "Isolation is off (KUBETUTOR_ISOLATION=none). " + withoutIsolation)
        }
        var failure = cspawn_failure()
        if cspawn_probe_userns(&failure) == 0 { return RuntimeSupport(mode: .isolated) }
        let stage = failure.stage.map { String(cString: $0) } ?? "clone(CLONE_NEWUSER)"
        return diagnose(stage: stage, errno: failure.err, readSysctl: readSysctl)
    }

    /// Names the cause of a failed user namespace probe from the kernel's knobs, with the fix.
    static func diagnose(stage: String, errno: Int32, readSysctl: (String) -> String?) -> RuntimeSupport {
        let failed = "\(stage): \(String(cString: strerror(errno)))"
        let cause: String
        let fix: String
        if readSysctl("kernel/unprivileged_userns_clone") == "0" {
            cause = "unprivileged user namespaces are disabled (Debian: kernel.unprivileged_userns_clone = 0)"
            fix = "sudo sysctl -w kernel.unprivileged_userns_clone=1"
        } else if readSysctl("kernel/apparmor_restrict_unprivileged_userns") == "1" {
            cause = "AppArmor restricts unprivileged user namespaces (Ubuntu: kernel.apparmor_restrict_unprivileged_userns = 1)"
            fix = "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
        } else if readSysctl("user/max_user_namespaces") == "0" || errno == ENOSPC {
            cause = "no user namespaces may be created (user.max_user_namespaces = 0)"
            fix = "sudo sysctl -w user.max_user_namespaces=15000"
        } else {
            return RuntimeSupport(mode: .none, message: "kubetutor cannot isolate pods: user namespaces do not work here (\(failed)). "
                + withoutIsolation)
        }
        return RuntimeSupport(mode: .none, message: "kubetutor cannot isolate pods: \(cause); \(failed).\n"
            + "To allow them, run: \(fix)\n" + withoutIsolation)
    }

    static let withoutIsolation = "Running WITHOUT ISOLATION: pods are plain processes on this machine "
        + "(no own hostname, network, PID or mount namespace; nginx listens on the host)."

    static func readSysctl(_ name: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/sys/\(name)", encoding: .utf8) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
