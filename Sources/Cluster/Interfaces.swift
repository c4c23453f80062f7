import Foundation
import Runtime

/// What the image catalog tells the kubelet about an image it "pulls".
public struct ResolvedImage: Equatable {
    public var process: ProcessSpec
    /// e.g. `docker.io/library/nginx@sha256:…`, shown as the container's imageID.
    public var imageID: String
    /// Bytes, for the "Successfully pulled image … Image size: N bytes." event.
    public var size: Int
    public init(process: ProcessSpec, imageID: String, size: Int) {
        self.process = process
        self.imageID = imageID
        self.size = size
    }
}

/// Offline image resolution: the kubelet's "image pull". Failure text names the image and what exists.
public protocol ImageResolver: AnyObject {
    func resolve(image: String, command: [String], args: [String], env: [(String, String)], workingDir: String?)
        -> Result<ResolvedImage, ImagePullError>
}

public struct ImagePullError: Error, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// Where a container's stdout and stderr go, readable by `kubectl logs` (kept after the container exits).
public protocol ContainerLogBuffer: AnyObject {
    /// The descriptor the container writes to (stdout and stderr).
    var writeFD: Int32 { get }
    /// Bytes from `offset` on, and the offset after them.
    func read(from offset: Int) -> (Data, Int)
}

public typealias LogFactory = () throws -> ContainerLogBuffer
