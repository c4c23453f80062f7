import Foundation

/// Finds kubetutor-init and prepares the host-side applets directory.
enum InitBinary {
    /// `KUBETUTOR_INIT`, else next to the running executable (the installed kubetutor, or the test
    /// bundle in .build/<config>/, where SwiftPM puts every product).
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let override = environment["KUBETUTOR_INIT"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw RuntimeError(operation: "start cluster init", stage: "locate kubetutor-init", errno: ENOENT,
                                   detail: "KUBETUTOR_INIT=\(override) is not an executable file")
            }
            return override
        }
        var dirs: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append((exe as NSString).deletingLastPathComponent)
        }
        if let url = Bundle.main.executableURL { dirs.append(url.deletingLastPathComponent().path) }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            dirs.append((arg0 as NSString).deletingLastPathComponent)
        }
        // An .xctest bundle directory (macOS-style layouts) sits inside .build/<config>/.
        dirs += dirs.map { ($0 as NSString).deletingLastPathComponent }
        for dir in dirs {
            let candidate = (dir as NSString).appendingPathComponent("kubetutor-init")
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw RuntimeError(operation: "start cluster init", stage: "locate kubetutor-init", errno: ENOENT,
                           detail: "kubetutor-init not found next to the executable (looked in \(dirs.joined(separator: ", "))); "
                               + "build it with `swift build --product kubetutor-init` or set KUBETUTOR_INIT=/path/to/kubetutor-init")
    }

    static let appletNames = ["nginx", "wget", "ps", "hostname", "ping"]

    /// Inside isolated containers init bind-mounts itself here (the host copy may be under /tmp,
    /// which containers see as an empty tmpfs).
    static let containerAppletDirectory = "/run/kubetutor/bin"

    /// Without isolation containers see the host's filesystem: a host directory of symlinks
    /// (`$XDG_RUNTIME_DIR/kubetutor/bin`, else `/tmp/kubetutor-<uid>/bin`, owned by us, mode 0700).
    static func prepareHostAppletDirectory(initPath: String,
                                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let base: String
        if let xdg = environment["XDG_RUNTIME_DIR"], !xdg.isEmpty, FileManager.default.fileExists(atPath: xdg) {
            base = "\(xdg)/kubetutor"
        } else {
            base = "/tmp/kubetutor-\(geteuid())"
        }
        let dir = "\(base)/bin"
        for path in [base, dir] {
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw RuntimeError(operation: "prepare applets", stage: "mkdir \(path)", errno: errno)
            }
            var st = stat()
            // A directory someone else planted in /tmp must not decide what our containers run.
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == geteuid() else {
                throw RuntimeError(operation: "prepare applets", stage: "check \(path)", errno: EPERM,
                                   detail: "\(path) is not a directory owned by uid \(geteuid())")
            }
        }
        for name in appletNames {
            let link = "\(dir)/\(name)"
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == initPath { continue }
            unlink(link)
            if symlink(initPath, link) != 0 {
                throw RuntimeError(operation: "prepare applets", stage: "symlink \(link)", errno: errno)
            }
        }
        return dir
    }
}
