import CSpawn
import Foundation

/// The host directories a learner allowed for `hostPath` volumes (`kubetutor --allow-host-path DIR`).
/// Nothing else of the machine can reach a pod: init binds only these into its own root (as
/// /host/<index>), and a container's mount is opened beneath one of them, so a symlink planted
/// later cannot lead outside it.
public struct HostPathAllowList: Equatable, Sendable {
    /// The allowed directories, each its real path (symlinks resolved).
    public let directories: [String]

    public static let none = HostPathAllowList(resolved: [])

    private init(resolved: [String]) { directories = resolved }

    /// As many as kubetutor-init binds (MAX_HOST_PATHS).
    public static let maxDirectories = 16

    /// Resolves each directory; each must exist and be a directory.
    public init(directories: [String]) throws {
        guard directories.count <= Self.maxDirectories else {
            throw RuntimeError(operation: "allow host path", stage: "\(directories.count) directories", errno: 0,
                               detail: "at most \(Self.maxDirectories) may be allowed")
        }
        var seen: [String] = []
        for dir in directories {
            guard let real = Self.realPath(dir) else {
                throw RuntimeError(operation: "allow host path", stage: dir, errno: 0, detail: String(cString: strerror(errno)))
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue else {
                throw RuntimeError(operation: "allow host path", stage: dir, errno: 0, detail: "not a directory")
            }
            if !seen.contains(real) { seen.append(real) }
        }
        self.directories = seen
    }

    /// Where `path` lies: the index of the allowed directory it is below and the rest of the path
    /// ("" for the directory itself); nil when it is below none. `path` must already be real.
    public func locate(_ path: String) -> (index: Int, relative: String)? {
        for (i, dir) in directories.enumerated() {
            if path == dir { return (i, "") }
            let prefix = dir == "/" ? "/" : dir + "/"
            if path.hasPrefix(prefix) { return (i, String(path.dropFirst(prefix.count))) }
        }
        return nil
    }

    /// `path` with its symlinks resolved as far as it exists; the components that do not exist yet
    /// are appended as they are. nil for a relative path or one with `..` after the existing part.
    public static func resolve(_ path: String) -> String? {
        split(path).map { parts in parts.missing.reduce(parts.existing) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 } }
    }

    /// The real path of the part of `path` that exists, and the names below it that do not.
    public static func split(_ path: String) -> (existing: String, missing: [String])? {
        guard path.hasPrefix("/") else { return nil }
        var existing = path
        var missing: [String] = []
        while realPath(existing) == nil {
            let url = URL(fileURLWithPath: existing)
            let last = url.lastPathComponent
            guard existing != "/", last != "..", last != "." else { return nil }
            if !last.isEmpty { missing.insert(last, at: 0) }
            existing = url.deletingLastPathComponent().path
        }
        guard let real = realPath(existing) else { return nil }
        return (real, missing)
    }

    /// Creates what is missing of `path` (directories 0755, or an empty 0644 file last), owned by
    /// the pods' root, without following a symlink that a pod may have put in the way. nil on
    /// success, else why not.
    public static func create(_ path: String, file: Bool) -> String? {
        guard let (existing, missing) = split(path), !missing.isEmpty else { return nil }
        let uid = geteuid() == 0 ? Int32(bitPattern: clusterRootUID) : -1
        guard cspawn_create_below(existing, missing.joined(separator: "/"), file ? 1 : 0, uid) == 0 else {
            return "\(file ? "open" : "mkdir") \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    private static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The host user that is root in the pods (what a directory made for them is chowned to).
    public static var clusterRootUID: uid_t { uid_t(cspawn_cluster_root_uid()) }
}
