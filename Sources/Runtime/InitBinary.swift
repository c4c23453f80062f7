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
            // Relative (`./kubetutor` from its own directory): made absolute first, because
            // deletingLastPathComponent of "./kubetutor" is "." only by accident of the spelling.
            let absolute = arg0.hasPrefix("/") ? arg0 : FileManager.default.currentDirectoryPath + "/" + arg0
            dirs.append((absolute as NSString).deletingLastPathComponent)
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

    /// The busybox that the images are built from: `KUBETUTOR_BUSYBOX`, else Debian's
    /// busybox-static where it installs it. The first candidate when none exists (init then says so).
    static func busybox(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["KUBETUTOR_BUSYBOX"], !override.isEmpty { return override }
        let candidates = ["/bin/busybox", "/usr/bin/busybox", "/usr/local/bin/busybox", "/sbin/busybox"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Debian's bash-static: the shell of the nginx and ubuntu images (`KUBETUTOR_BASH` overrides).
    static func bashStatic(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["KUBETUTOR_BASH"], !override.isEmpty { return override }
        let candidates = ["/bin/bash-static", "/usr/bin/bash-static"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Busybox programs the mode without isolation links, so that `wget`, `ps` … work as in a pod.
    static let busyboxApplets = ["wget", "ps", "ping", "hostname", "nslookup", "top"]

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
        let box = busybox(environment: environment)
        let links = [("nginx", initPath)] + busyboxApplets.map { ($0, box) }
        for (name, target) in links {
            let link = "\(dir)/\(name)"
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == target { continue }
            unlink(link)
            if symlink(target, link) != 0 {
                throw RuntimeError(operation: "prepare applets", stage: "symlink \(link)", errno: errno)
            }
        }
        return dir
    }
}
