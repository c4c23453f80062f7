import Foundation

/// An image reference split the way the kubelet reads it: `docker.io/library/nginx:1.27`,
/// `nginx`, `nginx@sha256:...` all name the repository `library/nginx` on docker.io.
public struct ImageReference: Equatable, Sendable {
    public var registry: String
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(parsing text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            parts.removeFirst()
        } else {
            registry = "docker.io"
        }
        if registry == "docker.io" && parts.count == 1 { parts.insert("library", at: 0) }
        repository = parts.joined(separator: "/")
    }

    /// The fully qualified name containerd reports, e.g. `docker.io/library/nginx:latest`.
    public var canonical: String {
        if let digest, tag == nil { return "\(registry)/\(repository)@\(digest)" }
        return "\(registry)/\(repository):\(tag ?? "latest")"
    }
}

/// An image found in the catalog, resolved into the process a container runs.
public struct ResolvedImage: Equatable, Sendable {
    /// What the pod status shows as `image`, e.g. `docker.io/library/nginx:latest`.
    public var reference: String
    /// What the pod status shows as `imageID`, e.g. `docker.io/library/nginx@sha256:956b…`.
    public var imageID: String
    public var process: ProcessSpec
    /// The image's root filesystem tree in the runtime ("busybox", "nginx", "alpine", "ubuntu").
    public var tree: String
}

/// Why an image could not be "pulled": the kubelet shows ErrImagePull, then ImagePullBackOff.
public struct ImagePullError: Error, Equatable, CustomStringConvertible {
    public var image: String
    public var message: String
    public var description: String { message }
}

/// The offline registry: a few images, each a root filesystem tree that kubetutor-init builds from
/// busybox-static and its nginx (images.c), with the ENTRYPOINT, CMD and ENV of the real image.
public struct ImageCatalog: Sendable {
    struct Image {
        var entrypoint: [String]
        var cmd: [String]
        var env: [String]
        var digest: String
    }

    /// Without isolation containers run on the host's tree: a directory with `nginx` and busybox's
    /// `wget`, `ps`, `ping`, `hostname` goes first in PATH. nil when containers get image roots.
    public var appletDirectory: String?
    /// Repositories on docker.io (`library/` omitted), in the order error messages list them.
    public static let repositories = ["nginx", "busybox", "alpine", "ubuntu"]

    static let images: [String: Image] = [
        "nginx": Image(entrypoint: [], cmd: ["nginx", "-g", "daemon off;"],
                       env: ["NGINX_VERSION=1.27.3", "NJS_VERSION=0.8.7", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm"],
                       digest: "956bed57fdd25984ec33804e90fc4bdeee612a51073c4412900a06a96b82b982"),
        "busybox": Image(entrypoint: [], cmd: ["sh"], env: [],
                         digest: "38e17dfc6857a717201c4af11cd31a4698023c76a409870676d32615a9b6bfa7"),
        "alpine": Image(entrypoint: [], cmd: ["/bin/sh"], env: [],
                        digest: "121fad7ac35de733846c1f5f7425eaece93298cc290e328de0f051a49ab41342"),
        "ubuntu": Image(entrypoint: [], cmd: ["/bin/bash"], env: [],
                        digest: "47064395637fca9228678ef06d43763f1f68cb04616fc8bc36962d403f409278"),
    ]

    static let standardPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    public init(appletDirectory: String? = nil) {
        self.appletDirectory = appletDirectory
    }

    /// Resolves an image and a container's settings into the process to run, following Kubernetes:
    /// `command` replaces the image's ENTRYPOINT (and drops its CMD), `args` replace CMD; `env` entries
    /// (`NAME=value`) override the image's by name; `HOSTNAME` is set like containerd does.
    public func resolve(image: String, command: [String] = [], args: [String] = [], env: [String] = [],
                        workingDir: String? = nil, hostname: String? = nil) -> Result<ResolvedImage, ImagePullError> {
        let ref = ImageReference(parsing: image)
        let name = ref.repository.hasPrefix("library/") ? String(ref.repository.dropFirst("library/".count)) : ref.repository
        guard ref.registry == "docker.io", let found = Self.images[name] else {
            let listed = Self.repositories.joined(separator: ", ")
            return .failure(ImagePullError(
                image: image,
                message: "failed to pull and unpack image \"\(ref.canonical)\": failed to resolve reference "
                    + "\"\(ref.canonical)\": \(ref.canonical): not found (kubetutor runs offline; available images: \(listed))"))
        }
        let argv: [String]
        if !command.isEmpty {
            argv = command + args
        } else if !args.isEmpty {
            argv = found.entrypoint + args
        } else {
            argv = found.entrypoint + found.cmd
        }
        let path = appletDirectory.map { "\($0):\(Self.standardPath)" } ?? Self.standardPath
        var merged = ["PATH=\(path)"] + found.env
        if let hostname { merged.append("HOSTNAME=\(hostname)") }
        for entry in env {
            let key = entry.split(separator: "=", maxSplits: 1).first.map(String.init) ?? entry
            if let index = merged.firstIndex(where: { $0.hasPrefix(key + "=") }) {
                merged[index] = entry
            } else {
                merged.append(entry)
            }
        }
        let dir = (workingDir?.isEmpty == false ? workingDir : nil) ?? "/"
        return .success(ResolvedImage(
            reference: ref.canonical,
            imageID: "\(ref.registry)/\(ref.repository)@sha256:\(found.digest)",
            process: ProcessSpec(argv: argv, env: merged, workingDir: dir), tree: name))
    }
}
