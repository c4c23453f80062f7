import Foundation
import KubeAPI
import Runtime

/// The parts of a container's OCI spec that the kubelet derives from the pod: the user from
/// `securityContext`, capabilities, volume mounts, the files it manages (/etc/hosts, /etc/hostname,
/// /etc/resolv.conf, as the kubelet writes them), and the resource limits for the cgroups.
extension Kubelet {
    /// Why a container's config could not be made: the kubelet's waiting reason and message.
    struct ConfigFailure: Error {
        /// `CreateContainerConfigError` (shown as the container's waiting reason), or `FailedMount`
        /// (the pod stays ContainerCreating, as when a volume cannot be set up).
        var reason: String
        var message: String
    }

    func containerConfig(_ container: Container, of pod: Pod, in run: PodRun, tree: String) -> Result<ContainerConfig, ConfigFailure> {
        var config = ContainerConfig(image: tree)
        config.podUID = run.uid
        config.containerName = container.name
        let hostname = pod.spec.hostname ?? pod.metadata.name
        let podContext = pod.spec.securityContext
        let context = container.securityContext ?? SecurityContext()
        let uid = context.runAsUser ?? podContext.runAsUser ?? 0
        let nonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot ?? false
        let podRef = "pod: \"\(pod.metadata.name)_\(pod.metadata.namespace ?? "default")(\(pod.metadata.uid))\", container: \(container.name)"
        if nonRoot && uid == 0 {
            // The images run as root (no USER): the kubelet refuses before creating the container.
            let message = context.runAsUser ?? podContext.runAsUser != nil
                ? "container's runAsUser breaks non-root policy (\(podRef))"
                : "container has runAsNonRoot and image will run as root (\(podRef))"
            return .failure(ConfigFailure(reason: "CreateContainerConfigError", message: message))
        }
        config.user = UInt32(clamping: uid)
        config.group = UInt32(clamping: context.runAsGroup ?? podContext.runAsGroup ?? 0)
        config.readOnlyRootFilesystem = context.readOnlyRootFilesystem ?? false
        if let caps = context.capabilities {
            for name in caps.add + caps.drop where name.uppercased() != "ALL" && CapabilitySet.bit(of: name) == nil {
                return .failure(ConfigFailure(reason: "CreateContainerError",
                                              message: "failed to generate container spec: unknown capability \"\(name)\""))
            }
            config.capabilities = CapabilitySet.containerdDefault.adding(caps.add, dropping: caps.drop)
        }
        config.files = [
            ("/etc/hostname", hostname + "\n"),
            ("/etc/hosts", Self.hostsFile(hostname: hostname, podIP: run.podIP)),
            ("/etc/resolv.conf", Self.resolvConf(namespace: pod.metadata.namespace ?? "default")),
        ]
        for mount in container.volumeMounts {
            guard let volume = pod.spec.volumes.first(where: { $0.name == mount.name }) else { continue }
            if let hostPath = volume.hostPath {
                switch hostPathMount(hostPath, volume: volume.name, mount: mount) {
                case .success(let m): config.mounts.append(m)
                case .failure(let f): return .failure(f)
                }
                continue
            }
            if volume.downwardAPI != nil {
                // The kubelet mounts projected volumes read-only, whatever the volumeMount says.
                config.mounts.append(RuntimeMount(volume: volume.name, target: mount.mountPath, readOnly: true,
                                                  subPath: mount.subPath ?? ""))
                continue
            }
            let size = volume.emptyDir?.sizeLimit.flatMap(Quantity.bytes) ?? 0
            config.mounts.append(RuntimeMount(volume: volume.name, target: mount.mountPath, readOnly: mount.readOnly ?? false,
                                              sizeBytes: size, subPath: mount.subPath ?? ""))
        }
        config.memoryLimitBytes = container.resources.limits["memory"].flatMap(Quantity.bytes)
        config.cpuLimitMillis = container.resources.limits["cpu"].flatMap(Quantity.millicores)
        return .success(config)
    }

    /// The kubelet's managed hosts file (pkg/kubelet/kubelet_pods.go).
    static func hostsFile(hostname: String, podIP: String?) -> String {
        var text = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
        if let podIP { text += "\(podIP)\t\(hostname)\n" }
        return text
    }

    /// dnsPolicy ClusterFirst: the cluster DNS Service and the namespace's search path.
    static func resolvConf(namespace: String) -> String {
        "search \(namespace).svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
    }
}
