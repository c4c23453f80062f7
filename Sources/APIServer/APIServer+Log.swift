import Foundation
import KubeAPI
import Cluster

extension APIServer {
    /// The `log` subresource of a pod: the buffer of one container's current (or previous) run,
    /// with kube-apiserver's BadRequest wording when there is none.
    public func log(namespace: String, pod name: String, container: String?, previous: Bool = false) throws -> (log: ContainerLogBuffer, container: String) {
        try cluster.sync {
            let key = ObjectKey(namespace: namespace, name: name)
            guard let pod = cluster.pods.get(key) else { throw APIError.notFound(.pod, name) }
            let names = pod.spec.containers.map(\.name)
            let chosen: String
            if let container, !container.isEmpty {
                guard names.contains(container) || pod.spec.initContainers.contains(where: { $0.name == container }) else {
                    throw APIError.badRequest("container \(container) is not valid for pod \(name)")
                }
                chosen = container
            } else if names.count == 1, let only = names.first {
                chosen = only
            } else {
                throw APIError.badRequest("a container name must be specified for pod \(name), choose one of: [\(names.joined(separator: " "))]")
            }
            if let log = cluster.log(pod: key, container: chosen, previous: previous) { return (log, chosen) }
            if previous { throw APIError.badRequest("previous terminated container \"\(chosen)\" in pod \"\(name)\" not found") }
            let waiting = pod.status.containerStatuses.first { $0.name == chosen }?.state.waiting?.reason ?? "ContainerCreating"
            let why = ["ErrImagePull", "ImagePullBackOff"].contains(waiting) ? "trying and failing to pull image" : waiting
            throw APIError.badRequest("container \"\(chosen)\" in pod \"\(name)\" is waiting to start: \(why)")
        }
    }

    /// Whether the run a log buffer belongs to is still going (for `follow`).
    public func isLogLive(_ log: ContainerLogBuffer, namespace: String, pod name: String, container: String) -> Bool {
        cluster.sync {
            let key = ObjectKey(namespace: namespace, name: name)
            return cluster.log(pod: key, container: container) === log && cluster.containerProcess(pod: key, container: container) != nil
        }
    }
}
