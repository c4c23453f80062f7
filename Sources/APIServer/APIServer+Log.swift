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

    /// The `attach` subresource: the running container's output from now on (its log, followed).
    /// kubetutor's containers have no stdin of their own to attach to.
    public func attach(namespace: String, pod name: String, container: String?, stdin: Bool) throws -> (log: ContainerLogBuffer, container: String, offset: Int) {
        let (log, chosen) = try self.log(namespace: namespace, pod: name, container: container)
        if stdin {
            throw APIError.badRequest("kubetutor does not simulate a container's own stdin yet: attach without -i, or use kubectl exec -it \(name) -- sh")
        }
        guard isLogLive(log, namespace: namespace, pod: name, container: chosen) else {
            throw APIError.badRequest("container \(chosen) is not running in pod \(name)")
        }
        return (log, chosen, LogText.read(log).end)
    }
}
