import Foundation
import KubeAPI
import Runtime

/// hostPath volumes as the kubelet's hostPath plugin sets them up (type checks, DirectoryOrCreate,
/// FileOrCreate), limited to the directories the learner allowed: any other path is refused with
/// FailedMount, so a manifest can never hand a pod the machine's /etc.
extension Kubelet {
    func hostPathMount(_ source: HostPathVolumeSource, volume: String, mount: VolumeMount) -> Result<RuntimeMount, ConfigFailure> {
        func failed(_ why: String) -> Result<RuntimeMount, ConfigFailure> {
            .failure(ConfigFailure(reason: "FailedMount", message: "MountVolume.SetUp failed for volume \"\(volume)\" : \(why)"))
        }
        let allowed = cluster.runtime.hostPaths
        let path = source.path
        guard let real = HostPathAllowList.resolve(path), allowed.locate(real) != nil else {
            let dirs = allowed.directories.isEmpty ? "none is allowed" : "allowed: " + allowed.directories.joined(separator: ", ")
            return failed("kubetutor mounts host paths only below a directory you allow with `kubetutor --allow-host-path DIR` "
                          + "(\(path) is not below one; \(dirs))")
        }
        let type = source.type ?? ""
        switch type {
        case "DirectoryOrCreate", "":
            // An empty type checks nothing; containerd then creates a missing source as a directory.
            if let error = HostPathAllowList.create(real, file: false) { return failed(error) }
        case "FileOrCreate":
            if let error = HostPathAllowList.create(real, file: true) { return failed(error) }
        default: break
        }
        let actual = Self.fileType(real)
        let expected: [String: (String, String)] = [
            "Directory": ("Directory", "directory"), "DirectoryOrCreate": ("Directory", "directory"),
            "File": ("File", "file"), "FileOrCreate": ("File", "file"), "Socket": ("Socket", "socket file"),
            "CharDevice": ("CharDevice", "character device"), "BlockDevice": ("BlockDevice", "block device"),
        ]
        if let (want, description) = expected[type] {
            guard let actual else { return failed("hostPath \(path) doesn't exist") }
            if actual != want { return failed("hostPath type check failed: \(path) is not a \(description), it's a \(actual)") }
        } else if !type.isEmpty {
            return failed("\(type) is an invalid volume type")
        }
        // The kubelet creates a missing subPath directory inside the volume.
        var target = real
        if let sub = mount.subPath, !sub.isEmpty {
            guard actual == "Directory", let inside = HostPathAllowList.resolve(real + "/" + sub), allowed.locate(inside) != nil else {
                return failed("subPath \(sub) of \(path) is not below an allowed directory")
            }
            if let error = HostPathAllowList.create(inside, file: false) { return failed(error) }
            target = inside
        }
        guard let (index, relative) = allowed.locate(target) else { return failed("\(path) is not below an allowed directory") }
        let isDirectory = Self.fileType(target) == "Directory"
        return .success(RuntimeMount(kind: isDirectory ? "hostpath" : "hostfile", volume: "\(index)/\(relative)",
                                     target: mount.mountPath, readOnly: mount.readOnly ?? false))
    }

    /// The hostPath plugin's file types (hostutil.FileType), nil when nothing is there.
    static func fileType(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return "Directory"
        case S_IFSOCK: return "Socket"
        case S_IFCHR: return "CharDevice"
        case S_IFBLK: return "BlockDevice"
        default: return "File"
        }
    }
}
