import Foundation
import KubeAPI
import Runtime

/// Why a port-forward connection failed, in the words the kubelet and containerd use (kubectl shows it).
public struct PortForwardError: Error, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}

extension Cluster {
    /// A stream socket connected to localhost:`port` inside a running pod's network namespace, as the
    /// kubelet's port-forward makes it through the CRI; the caller owns and closes it. Call on the queue.
    public func connect(pod key: ObjectKey, port: Int) throws -> Int32 {
        guard let pod = pods.get(key), let node = pod.spec.nodeName,
              let run = kubelets[node]?.podRun(uid: pod.metadata.uid), let sandbox = run.sandbox else {
            throw PortForwardError(message: "pod \(key.name) is not running")
        }
        do {
            return try runtime.connect(in: sandbox, port: port)
        } catch let e as RuntimeError {
            let why = e.stage == "connect" && !e.detail.isEmpty
                ? "failed to connect to localhost:\(port) inside namespace \"\(run.sandboxID)\", \(e.detail) "
                : e.description
            throw PortForwardError(message: "error forwarding port \(port) to pod \(run.sandboxID), uid : "
                                   + "failed to execute portforward in network namespace \"\(run.netnsPath)\": \(why)")
        }
    }
}
