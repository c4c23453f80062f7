import Foundation
import KubeAPI
import Cluster
import YAML

/// `kubectl run NAME --image=IMAGE [--restart=…] [--labels=…] [--port=…] [--env=…] [--command] [-- args…]`.
enum RunVerb {
    static let verb = Kubectl.Verb(
        name: "run", summary: "Run a particular image on the cluster",
        flags: [FlagSpec("image"), FlagSpec("restart"), FlagSpec("labels", "l"), FlagSpec("port"),
                FlagSpec("env", nil, .list), FlagSpec("command", nil, .bool), FlagSpec("dry-run"),
                FlagSpec("output", "o"), FlagSpec("image-pull-policy")],
        run: { k, f, io in try k.runPod(f, io) })
}

extension Kubectl {
    func runPod(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard let name = flags.positional.first else {
            throw KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples")
        }
        guard let image = flags.string("image"), !image.isEmpty else {
            throw KubectlError("error: required flag(s) \"image\" not set")
        }
        var pod = Pod()
        pod.metadata.name = name
        pod.metadata.namespace = namespace
        pod.metadata.labels = ["run": name]
        if let labels = flags.string("labels") {
            pod.metadata.labels = [:]
            for pair in labels.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { throw KubectlError("error: invalid label spec: \(pair)") }
                pod.metadata.labels[kv[0]] = kv[1]
            }
        }
        var c = Container()
        c.name = name
        c.image = image
        c.imagePullPolicy = flags.string("image-pull-policy") ?? ImageName.defaultPullPolicy(image)
        let extra = flags.afterDash ?? Array(flags.positional.dropFirst())
        if flags.bool("command") { c.command = extra } else { c.args = extra }
        if let port = flags.string("port") {
            guard let p = Int(port) else { throw KubectlError("error: invalid argument \"\(port)\" for \"--port\" flag: strconv.ParseInt: parsing \"\(port)\": invalid syntax") }
            c.ports = [ContainerPort(containerPort: p)]
        }
        for e in flags.list("env") {
            let kv = e.split(separator: "=", maxSplits: 1).map(String.init)
            c.env.append(EnvVar(name: kv[0], value: kv.count > 1 ? kv[1] : ""))
        }
        pod.spec.containers = [c]
        let restart = flags.string("restart") ?? "Always"
        guard ["Always", "OnFailure", "Never"].contains(restart) else {
            throw KubectlError("error: invalid restart policy: \(restart)")
        }
        pod.spec.restartPolicy = restart
        let errors = ObjectCodec.validateCreate(.pod(pod))
        if !errors.isEmpty { throw KubectlError(invalidObjectMessage(kind: "Pod", name: name, errors: errors)) }
        if let dry = flags.string("dry-run"), dry != "none" {
            switch try OutputFormat.parse(flags.string("output")) {
            case .yaml: io.out(ObjectCodec.yaml(Kubectl.generatedPod(pod)))
            case .json: io.out(Kubectl.generatedPod(pod).jsonString() + "\n")
            default: io.line("pod/\(name) created (\(dry == "server" ? "server " : "")dry run)")
            }
            return 0
        }
        try cluster.sync {
            guard cluster.pods.get(ObjectKey(namespace: namespace, name: name)) == nil else {
                throw KubectlError("Error from server (AlreadyExists): pods \"\(name)\" already exists")
            }
            try cluster.createPod(pod)
        }
        io.line("pod/\(name) created")
        return 0
    }
}

extension Kubectl {
    /// The pod exactly as `kubectl run` generates it client-side (what `--dry-run=client -o yaml`
    /// prints): only the fields the generator sets, no server defaults.
    static func generatedPod(_ pod: Pod) -> JSONValue {
        let containers: [JSONValue] = pod.spec.containers.map { c in
            var fields: [(String, JSONValue)] = []
            if !c.args.isEmpty { fields.append(("args", .array(c.args.map(JSONValue.string)))) }
            if !c.command.isEmpty { fields.append(("command", .array(c.command.map(JSONValue.string)))) }
            if !c.env.isEmpty {
                fields.append(("env", .array(c.env.map { .object([("name", .string($0.name)), ("value", .string($0.value ?? ""))]) })))
            }
            fields.append(("image", .string(c.image)))
            fields.append(("name", .string(c.name)))
            if !c.ports.isEmpty { fields.append(("ports", .array(c.ports.map { .object([("containerPort", .int($0.containerPort))]) }))) }
            fields.append(("resources", .object([])))
            return .object(fields)
        }
        return .object([
            ("apiVersion", .string("v1")), ("kind", .string("Pod")),
            ("metadata", .object([("creationTimestamp", .null),
                                  ("labels", .object(pod.metadata.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                                  ("name", .string(pod.metadata.name))])),
            ("spec", .object([("containers", .array(containers)), ("dnsPolicy", .string("ClusterFirst")),
                              ("restartPolicy", .string(pod.spec.restartPolicy))])),
            ("status", .object([])),
        ])
    }
}
