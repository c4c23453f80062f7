import Foundation
import YAML

/// One thing a learner types at the prompt: a command line or a YAML manifest (applied like
/// `kubectl apply -f -`). Lesson solutions and setups are lists of these.
public enum LearnerEntry: Equatable, Sendable {
    case command(String)
    case manifest(String)

    /// A block that starts with `apiVersion:`/`kind:`/`---` is a manifest; anything else a command line.
    public init(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("apiVersion:") || trimmed.hasPrefix("kind:") || trimmed.hasPrefix("---") {
            self = .manifest(trimmed + "\n")
        } else {
            self = .command(trimmed)
        }
    }

    /// How it reads in a transcript or an error message.
    public var display: String {
        switch self {
        case .command(let line): return line
        case .manifest(let text): return text.trimmingCharacters(in: .newlines)
        }
    }
}

/// What running a `LearnerEntry` produced.
public struct EntryResult: Equatable, Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// What the learner typed inside an interactive session the command opened (`exec -it … -- sh`).
    public var typed: String
    public init(status: Int32, stdout: String = "", stderr: String = "", typed: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.typed = typed
    }
}

/// Runs entries the way the shell does (kubectl verbs, manifests, `node stop`, …).
public typealias EntryRunner = (LearnerEntry) -> EntryResult

/// An "under the hood" picture shown when a step is completed.
public enum UnderTheHood: Equatable, Sendable {
    /// A pod's containers and the namespace inodes they share, read from /proc.
    case namespaces(pod: String)
}

/// One step: explanation, what to try, checks, progressive hints, a solution and an optional setup.
public struct LessonStep: Equatable, Sendable {
    public var id: String
    public var title: Localized
    public var text: Localized
    public var task: Localized
    public var checks: [Check]
    public var hints: [Localized]
    public var solution: [LearnerEntry]
    /// Entries that build this step's starting state from a clean namespace (for `reset`); when
    /// absent, the start state is the previous steps' solutions replayed.
    public var setup: [LearnerEntry]?
    public var underTheHood: UnderTheHood?
    public var mark: Mark
}

/// A lesson file: an ordered list of steps about one topic.
public struct Lesson: Equatable, Sendable {
    public var id: String
    /// Sort key within the catalog (ties broken by file name).
    public var order: Int
    public var title: Localized
    public var summary: Localized?
    /// Features of the host the lesson needs (see `LessonRequirement`); play skips it without them.
    public var requires: [String]
    public var steps: [LessonStep]
    /// The file it was read from.
    public var file: String
}

/// Host features a lesson may require, so that a lesson can be written before the feature lands.
public enum LessonRequirement {
    /// `node stop NAME` / `node start NAME` in the shell.
    public static let nodeStop = "node-stop"
    public static let known: Set<String> = [nodeStop]
}
