import APIServer
import Foundation
import KubeAPI

extension Describe {
    /// `kubectl describe node`, laid out as describe.go's NodeDescriber. `pods` are the non-terminated
    /// pods bound to the node, with their requests and limits as shares of the node's allocatable.
    public static func node(_ node: Node, pods: [Pod], events: [Event]?, now: Date, leaseRenewed: Date? = nil,
                            timeZone: TimeZone = .current) -> String {
        let clock = DescribeClock(now: now, timeZone: timeZone)
        var w = DescribeWriter()
        let meta = node.metadata
        w.write(0, "Name:\t\(meta.name)\n")
        w.write(0, "Roles:\t\(NodeTable.roles(node))\n")
        DescribeSections.labels(&w, "Labels", meta.labels)
        DescribeSections.annotations(&w, "Annotations", meta.annotations)
        w.write(0, "CreationTimestamp:\t\(clock.rfc1123Z(meta.creationTimestamp))\n")
        if node.spec.taints.isEmpty {
            w.write(0, "Taints:\t<none>\n")
        } else {
            for (i, taint) in node.spec.taints.enumerated() {
                let text = "\(taint.key)\(taint.value.map { "=\($0)" } ?? ""):\(taint.effect)"
                w.write(0, i == 0 ? "Taints:\t\(text)\n" : "\t\(text)\n")
            }
        }
        w.write(0, "Unschedulable:\t\(node.spec.unschedulable)\n")
        let heartbeat = leaseRenewed ?? node.status.conditions.first { $0.type == "Ready" }?.lastHeartbeatTime
        w.write(0, "Lease:\n")
        w.write(1, "HolderIdentity:\t\(meta.name)\n")
        w.write(1, "AcquireTime:\t<unset>\n")
        w.write(1, "RenewTime:\t\(clock.rfc1123Z(heartbeat))\n")
        if !node.status.conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in node.status.conditions {
                w.write(1, "\(c.type) \t\(c.status) \t\(clock.rfc1123Z(c.lastHeartbeatTime)) \t\(clock.rfc1123Z(c.lastTransitionTime)) \t\(c.reason ?? "") \t\(c.message ?? "")\n")
            }
        }
        w.write(0, "Addresses:\n")
        for a in node.status.addresses { w.write(1, "\(a.type):\t\(a.address)\n") }
        resources(&w, "Capacity", node.status.capacity)
        resources(&w, "Allocatable", node.status.allocatable)
        let info = node.status.nodeInfo
        w.write(0, "System Info:\n")
        w.write(1, "Machine ID:\t\(info.machineID)\n")
        w.write(1, "System UUID:\t\(info.machineID)\n")
        w.write(1, "Boot ID:\t\(info.machineID)\n")
        w.write(1, "Kernel Version:\t\(info.kernelVersion)\n")
        w.write(1, "OS Image:\t\(info.osImage)\n")
        w.write(1, "Operating System:\t\(info.operatingSystem)\n")
        w.write(1, "Architecture:\t\(info.architecture)\n")
        w.write(1, "Container Runtime Version:\t\(info.containerRuntimeVersion)\n")
        w.write(1, "Kubelet Version:\t\(info.kubeletVersion)\n")
        w.write(1, "Kube-Proxy Version:\t\(info.kubeProxyVersion)\n")
        if let cidr = node.spec.podCIDR, !cidr.isEmpty {
            w.write(0, "PodCIDR:\t\(cidr)\n")
            w.write(0, "PodCIDRs:\t\(node.spec.podCIDRs.joined(separator: ","))\n")
        }
        w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        let cpu = node.status.allocatable["cpu"].flatMap(Quantity.millicores) ?? 0
        let memory = node.status.allocatable["memory"].flatMap(Quantity.bytes) ?? 0
        // describe.go: int64(float64(req.MilliValue()) / float64(allocatable.MilliValue()) * 100).
        func share(_ value: Int64, _ of: Int64) -> Int { of > 0 ? Int(Double(value) / Double(of) * 100) : 0 }
        func cpuCell(_ milli: Int64) -> String { "\(Quantity.cpu(milli: milli)) (\(share(milli, cpu))%)" }
        func memoryCell(_ bytes: Int64) -> String { "\(Quantity.memory(bytes: bytes)) (\(share(bytes, memory))%)" }
        var total = (cpu: Int64(0), cpuLimit: Int64(0), memory: Int64(0), memoryLimit: Int64(0))
        for p in pods {
            let r = PodResources(p.spec)
            total.cpu += r.cpuRequestMilli
            total.cpuLimit += r.cpuLimitMilli
            total.memory += r.memoryRequestBytes
            total.memoryLimit += r.memoryLimitBytes
            w.write(1, "\(p.metadata.namespace ?? "")\t\(p.metadata.name)\t\t\(cpuCell(r.cpuRequestMilli))\t\(cpuCell(r.cpuLimitMilli))\t"
                + "\(memoryCell(r.memoryRequestBytes))\t\(memoryCell(r.memoryLimitBytes))\t\(clock.age(p.metadata.creationTimestamp))\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        w.write(1, "cpu\t\(cpuCell(total.cpu))\t\(cpuCell(total.cpuLimit))\n")
        w.write(1, "memory\t\(memoryCell(total.memory))\t\(memoryCell(total.memoryLimit))\n")
        w.write(1, "ephemeral-storage\t0 (0%)\t0 (0%)\n")
        if let events { DescribeSections.events(&w, events, clock: clock) }
        return w.result()
    }

    private static func resources(_ w: inout DescribeWriter, _ title: String, _ values: [String: String]) {
        guard !values.isEmpty else { return }
        w.write(0, "\(title):\n")
        for key in values.keys.sorted() { w.write(1, "\(key):\t\(values[key] ?? "")\n") }
    }
}
