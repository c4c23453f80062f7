import Foundation
import Runtime

/// What the image catalog tells the kubelet about an image it "pulls".
public struct PulledImage: Equatable {
    public var process: ProcessSpec
    /// e.g. `docker.io/library/nginx@sha256:…`, shown as the container's imageID.
    public var imageID: String
    /// The image's root filesystem in the runtime ("busybox", "nginx", ...).
    public var tree: String
    public init(process: ProcessSpec, imageID: String, tree: String = "busybox") {
        self.process = process
        self.imageID = imageID
        self.tree = tree
    }
}

/// Offline image resolution: the kubelet's "image pull". Failure text names the image and what exists.
public protocol ImageResolver: AnyObject {
    func resolve(image: String, command: [String], args: [String], env: [String], workingDir: String?, hostname: String)
        -> Result<PulledImage, ImagePullFailure>
}

public struct ImagePullFailure: Error, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// The real, offline catalog as the kubelet's image service.
public final class CatalogImages: ImageResolver {
    let catalog: ImageCatalog
    public init(_ catalog: ImageCatalog) { self.catalog = catalog }
    public func resolve(image: String, command: [String], args: [String], env: [String], workingDir: String?, hostname: String)
        -> Result<PulledImage, ImagePullFailure> {
        switch catalog.resolve(image: image, command: command, args: args, env: env, workingDir: workingDir, hostname: hostname) {
        case .success(let r): return .success(PulledImage(process: r.process, imageID: r.imageID, tree: r.tree))
        case .failure(let e): return .failure(ImagePullFailure(message: e.message))
        }
    }
}

/// Where a container's stdout and stderr go, readable by `kubectl logs` (kept after the container exits).
public protocol ContainerLogBuffer: AnyObject {
    /// The descriptor the container writes to (stdout and stderr).
    var writeFD: Int32 { get }
    /// Bytes from `offset` (or from where the current file starts, when that is later), and the
    /// offset after them; empty at the end.
    func read(from offset: Int) -> (Data, Int)
    /// Rotates the log when it holds more than `maxBytes` (the kubelet's containerLogMaxSize).
    func rotate(ifOver maxBytes: Int) -> Bool
}

public typealias LogFactory = () throws -> ContainerLogBuffer

extension ContainerLog: ContainerLogBuffer {
    public var writeFD: Int32 { fd }
    public func read(from offset: Int) -> (Data, Int) {
        let from = max(offset, start)
        let data: Data = read(from: from, maxBytes: 1 << 20)
        return (data, from + data.count)
    }
}
