import Foundation
import KubeAPI
import Cluster

/// `kubectl set image deployment/NAME CONTAINER=IMAGE …` (also pods).
enum SetVerb {
    static let verb = Kubectl.Verb(
        name: "set", summary: "Set specific features on objects",
        flags: [FlagSpec("all", nil, .bool), FlagSpec("selector", "l")],
        run: { k, f, io in try k.setImage(f, io) })
}

extension Kubectl {
    func setImage(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        var words = flags.positional
        guard words.first == "image" else {
            throw KubectlError("error: kubetutor supports `kubectl set image TYPE/NAME CONTAINER=IMAGE`")
        }
        words.removeFirst()
        let assignments = words.filter { $0.contains("=") }
        let targets = words.filter { !$0.contains("=") }
        guard !assignments.isEmpty else { throw KubectlError("error: at least one image update is required") }
        var images: [String: String] = [:]
        for a in assignments {
            let kv = a.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, !kv[1].isEmpty else { throw KubectlError("error: invalid image update: \(a)") }
            images[kv[0]] = kv[1]
        }
        let requests = try ResourceArgs.parse(targets)
        guard !requests.isEmpty else { throw KubectlError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>") }
        for request in requests {
            for name in request.names {
                let key = ObjectKey(namespace: namespace, name: name)
                try cluster.sync {
                    func apply(_ containers: inout [Container]) throws {
                        for (container, image) in images {
                            guard let i = containers.firstIndex(where: { $0.name == container || container == "*" }) else {
                                throw KubectlError("error: unable to find container named \"\(container)\"")
                            }
                            containers[i].image = image
                        }
                    }
                    switch request.kind {
                    case .deployment:
                        guard cluster.deployments.get(key) != nil else { throw KubectlError.notFound(.deployment, name) }
                        try cluster.deployments.update(key) { d in try apply(&d.spec.template.spec.containers) }
                    case .pod:
                        guard cluster.pods.get(key) != nil else { throw KubectlError.notFound(.pod, name) }
                        try cluster.pods.update(key) { p in try apply(&p.spec.containers) }
                    default:
                        throw KubectlError("error: kubetutor can set images on deployments and pods")
                    }
                }
                io.line("\(request.kind.qualifiedSingular)/\(name) image updated")
            }
        }
        return 0
    }
}
