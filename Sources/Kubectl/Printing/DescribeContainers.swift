import Foundation
import KubeAPI

/// describe.go's container, volume and pod-template sections. `space` is "" for a pod and
/// "  " inside a Pod Template, which also indents container and volume names one more space.
enum DescribeContainers {
    static func containers(_ w: inout DescribeWriter, label: String, _ containers: [Container],
                           statuses: [ContainerStatus]?, space: String, clock: DescribeClock,
                           limitsNotEnforced: String? = nil) {
        w.write(0, "\(space)\(label):\(containers.isEmpty ? " <none>" : "")\n")
        let nameIndent = space.isEmpty ? "" : " "
        for container in containers {
            let status = statuses?.first { $0.name == container.name }
            w.write(1, "\(nameIndent)\(container.name):\n")
            if let status { w.write(2, "Container ID:\t\(status.containerID ?? "")\n") }
            w.write(2, "Image:\t\(container.image)\n")
            if let status { w.write(2, "Image ID:\t\(status.imageID)\n") }
            ports(&w, container.ports)
            command(&w, container)
            if let status {
                state(&w, "State", status.state, clock: clock)
                if status.lastState.terminated != nil {
                    state(&w, "Last State", status.lastState, clock: clock)
                }
                w.write(2, "Ready:\t\(status.ready ? "True" : "False")\n")
                w.write(2, "Restart Count:\t\(status.restartCount)\n")
            }
            resources(&w, container.resources, notEnforced: limitsNotEnforced)
            environment(&w, container.env)
            mounts(&w, container.volumeMounts)
        }
    }

    /// describeContainerResource: Limits then Requests, names sorted.
    private static func resources(_ w: inout DescribeWriter, _ r: ResourceRequirements, notEnforced: String?) {
        for (title, values) in [("Limits", r.limits), ("Requests", r.requests)] where !values.isEmpty {
            w.write(2, "\(title):\n")
            for name in values.keys.sorted() { w.write(3, "\(name):\t\(values[name] ?? "")\n") }
            if title == "Limits", let notEnforced { w.write(3, "(kubetutor: not enforced here: \(notEnforced))\n") }
        }
    }

    private static func ports(_ w: inout DescribeWriter, _ ports: [ContainerPort]) {
        func describe(_ number: (ContainerPort) -> Int) -> String {
            ports.map { port in
                let text = "\(number(port))/\(port.protocol)"
                guard let name = port.name, !name.isEmpty else { return text }
                return "\(text) (\(name))"
            }.joined(separator: ", ")
        }
        let containerPorts = describe { $0.containerPort }
        let hostPorts = describe { $0.hostPort ?? 0 }
        if containerPorts.contains(",") {
            w.write(2, "Ports:\t\(containerPorts)\n")
        } else {
            w.write(2, "Port:\t\(containerPorts.isEmpty ? "<none>" : containerPorts)\n")
        }
        if hostPorts.contains(",") {
            w.write(2, "Host Ports:\t\(hostPorts)\n")
        } else {
            w.write(2, "Host Port:\t\(hostPorts.isEmpty ? "<none>" : hostPorts)\n")
        }
    }

    private static func command(_ w: inout DescribeWriter, _ container: Container) {
        for (title, words) in [("Command", container.command), ("Args", container.args)] where !words.isEmpty {
            w.write(2, "\(title):\n")
            for word in words {
                for part in word.split(separator: "\n", omittingEmptySubsequences: false) {
                    w.write(3, "\(part)\n")
                }
            }
        }
    }

    /// describeStatus: Running/Waiting/Terminated with their details; no state reads `Waiting`.
    static func state(_ w: inout DescribeWriter, _ name: String, _ state: ContainerState, clock: DescribeClock) {
        if let running = state.running {
            w.write(2, "\(name):\tRunning\n")
            w.write(3, "Started:\t\(clock.rfc1123Z(running.startedAt))\n")
        } else if let waiting = state.waiting {
            w.write(2, "\(name):\tWaiting\n")
            if !waiting.reason.isEmpty { w.write(3, "Reason:\t\(waiting.reason)\n") }
        } else if let terminated = state.terminated {
            w.write(2, "\(name):\tTerminated\n")
            if !terminated.reason.isEmpty { w.write(3, "Reason:\t\(terminated.reason)\n") }
            if let message = terminated.message, !message.isEmpty { w.write(3, "Message:\t\(message)\n") }
            w.write(3, "Exit Code:\t\(terminated.exitCode)\n")
            if let signal = terminated.signal, signal > 0 { w.write(3, "Signal:\t\(signal)\n") }
            w.write(3, "Started:\t\(clock.rfc1123Z(terminated.startedAt))\n")
            w.write(3, "Finished:\t\(clock.rfc1123Z(terminated.finishedAt))\n")
        } else {
            w.write(2, "\(name):\tWaiting\n")
        }
    }

    private static func environment(_ w: inout DescribeWriter, _ env: [EnvVar]) {
        w.write(2, "Environment:\(env.isEmpty ? "\t<none>" : "")\n")
        for variable in env {
            let lines = (variable.value ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                w.write(3, i == 0 ? "\(variable.name):\t\(line)\n" : "\t\(line)\n")
            }
        }
    }

    private static func mounts(_ w: inout DescribeWriter, _ mounts: [VolumeMount]) {
        w.write(2, "Mounts:\(mounts.isEmpty ? "\t<none>" : "")\n")
        let sorted = mounts.enumerated().sorted {
            ($0.element.mountPath, $0.offset) < ($1.element.mountPath, $1.offset)
        }.map(\.element)
        for mount in sorted {
            w.write(3, "\(mount.mountPath) from \(mount.name) (\(mount.readOnly == true ? "ro" : "rw"))\n")
        }
    }

    static func volumes(_ w: inout DescribeWriter, _ volumes: [Volume], space: String) {
        if volumes.isEmpty {
            w.write(0, "\(space)Volumes:\t<none>\n")
            return
        }
        w.write(0, "\(space)Volumes:\n")
        let nameIndent = space.isEmpty ? "" : " "
        for volume in volumes {
            w.write(1, "\(nameIndent)\(volume.name):\n")
            if let emptyDir = volume.emptyDir {
                w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                    + "    Medium:\t\(emptyDir.medium ?? "")\n"
                    + "    SizeLimit:\t\(emptyDir.sizeLimit ?? "<unset>")\n")
            } else if let hostPath = volume.hostPath {
                w.write(2, "Type:\tHostPath (bare host directory volume)\n"
                    + "    Path:\t\(hostPath.path)\n"
                    + "    HostPathType:\t\(hostPath.type ?? "")\n")
            } else if let d = volume.downwardAPI {
                w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
                for item in d.items {
                    if let f = item.fieldRef { w.write(3, "\(f.fieldPath) -> \(item.path)\n") }
                    if let r = item.resourceFieldRef { w.write(3, "\(r.resource) -> \(item.path)\n") }
                }
            } else {
                w.write(1, "<unknown>\n")
            }
        }
    }

    /// DescribePodTemplate, as inside `describe deployment` and `describe replicaset`.
    static func podTemplate(_ w: inout DescribeWriter, _ template: PodTemplateSpec, clock: DescribeClock) {
        w.write(0, "Pod Template:\n")
        DescribeSections.labels(&w, "  Labels", template.metadata.labels)
        if !template.metadata.annotations.isEmpty {
            DescribeSections.annotations(&w, "  Annotations", template.metadata.annotations)
        }
        // KubeAPI defaults serviceAccountName to "default" even in templates, where Kubernetes
        // leaves it empty unless the manifest sets it; treat that default as unset.
        let account = template.spec.serviceAccountName
        if !account.isEmpty && account != "default" {
            w.write(1, "Service Account:\t\(account)\n")
        }
        containers(&w, label: "Containers", template.spec.containers, statuses: nil, space: "  ", clock: clock)
        volumes(&w, template.spec.volumes, space: "  ")
        DescribeSections.labels(&w, "  Node-Selectors", template.spec.nodeSelector)
        DescribeSections.tolerations(&w, "  Tolerations", template.spec.tolerations)
    }
}
