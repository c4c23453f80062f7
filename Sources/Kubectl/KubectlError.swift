import KubeAPI
import Cluster

/// A failed kubectl command: the exact text kubectl prints on stderr (exit status 1).
public struct KubectlError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// `error: …` plus kubectl's usage hint for flag errors.
    static func flag(_ e: FlagError, verb: String) -> KubectlError {
        KubectlError("error: \(e.message)\nSee 'kubectl \(verb) --help' for usage.")
    }

    static func notFound(_ kind: ResourceKind, _ name: String) -> KubectlError {
        KubectlError("Error from server (NotFound): \(kind.qualifiedPlural) \"\(name)\" not found")
    }

    static func alreadyExists(_ kind: ResourceKind, _ name: String) -> KubectlError {
        KubectlError("Error from server (AlreadyExists): \(kind.qualifiedPlural) \"\(name)\" already exists")
    }

    static func unknownResource(_ typed: String) -> KubectlError {
        KubectlError("error: the server doesn't have a resource type \"\(typed)\"")
    }
}
