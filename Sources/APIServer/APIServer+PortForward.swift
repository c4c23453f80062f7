import Foundation
import KubeAPI
import Cluster

extension APIServer {
    /// The `portforward` subresource's checks: the pod exists and runs, the ports are 1–65535. A WebSocket
    /// request names its ports in the query; SPDY's come later, in its streams (`requirePorts` false).
    public func checkPortForward(namespace: String, pod name: String, ports: [String], requirePorts: Bool = true) throws -> [Int] {
        let key = ObjectKey(namespace: namespace, name: name)
        let pod = try cluster.sync {
            guard let pod = cluster.pods.get(key) else { throw APIError.notFound(.pod, name) }
            return pod
        }
        guard pod.status.phase == "Running" else {
            throw APIError.badRequest("pod \(name) is not running (phase \(pod.status.phase))")
        }
        let values = ports.flatMap { $0.split(separator: ",").map(String.init) }
        guard !values.isEmpty || !requirePorts else { throw APIError.badRequest("query parameter \"port\" is required") }
        return try values.map { text in
            guard let port = Int(text), (1...65535).contains(port) else {
                throw APIError.badRequest("unable to parse \"\(text)\" as a port: strconv.ParseUint: parsing \"\(text)\": invalid syntax")
            }
            return port
        }
    }

    /// One forwarded connection: a socket connected to localhost:`port` in the pod (the caller closes it).
    /// A failure is the kubelet's message, sent on the port's error stream.
    public func portForward(namespace: String, pod name: String, port: Int) throws -> Int32 {
        let key = ObjectKey(namespace: namespace, name: name)
        return try cluster.sync { try cluster.connect(pod: key, port: port) }
    }
}
