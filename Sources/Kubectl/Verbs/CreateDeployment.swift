import Foundation
import KubeAPI
import Cluster
import YAML

/// `kubectl create deployment NAME --image=IMAGE… [--replicas=N] [--port=N] [-- COMMAND…]`.
extension Kubectl {
    func createDeployment(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        guard flags.positional.count >= 2 else {
            throw KubectlError("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples")
        }
        let name = flags.positional[1]
        // --image repeats (a string slice, as pflag's): one container per image.
        let images = flags.list("image").filter { !$0.isEmpty }
        guard !images.isEmpty else {
            throw KubectlError("error: required flag(s) \"image\" not set")
        }
        let command = flags.afterDash ?? []
        if images.count > 1 && !command.isEmpty {
            throw KubectlError("error: cannot specify multiple --image options and command")
        }
        var replicas = 1
        if let r = flags.string("replicas") {
            guard let n = Int(r) else { throw KubectlError("error: invalid argument \"\(r)\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"\(r)\": invalid syntax") }
            replicas = n
        }
        var d = Deployment()
        d.metadata.name = name
        d.metadata.namespace = namespace
        d.metadata.labels = ["app": name]
        d.spec.replicas = replicas
        d.spec.selector = LabelSelector(matchLabels: ["app": name])
        d.spec.template.metadata.labels = ["app": name]
        d.spec.template.spec.containers = images.enumerated().map { i, image in
            var c = Container()
            c.name = Kubectl.containerName(forImage: image)
            c.image = image
            // The port and the command after `--` belong to the first container (there is one with a command).
            if i == 0, let p = flags.string("port"), let port = Int(p) { c.ports = [ContainerPort(containerPort: port)] }
            if i == 0, !command.isEmpty { c.command = command }
            return c
        }
        if let dry = flags.string("dry-run"), dry != "none" {
            switch try OutputFormat.parse(flags.string("output")) {
            case .yaml: io.out(ObjectCodec.yaml(Kubectl.generatedDeployment(d)))
            case .json: io.out(Kubectl.generatedDeployment(d).jsonString() + "\n")
            default: io.line("deployment.apps/\(name) created (dry run)")
            }
            return 0
        }
        var object = APIObject.deployment(d)
        setDefaults(&object)
        let errors = validate(object)
        if !errors.isEmpty { throw KubectlError(invalidObjectMessage(kind: "Deployment", name: name, errors: errors)) }
        try cluster.sync {
            guard cluster.deployments.get(ObjectKey(namespace: namespace, name: name)) == nil else {
                throw KubectlError("error: failed to create deployment: deployments.apps \"\(name)\" already exists")
            }
            if case .deployment(let created) = object { try cluster.deployments.create(created) }
        }
        io.line("deployment.apps/\(name) created")
        return 0
    }

    /// kubectl names the container after the image: `nginx:1.27` → `nginx`, `registry/x/busybox` → `busybox`.
    static func containerName(forImage image: String) -> String {
        var base = image.split(separator: "/").last.map(String.init) ?? image
        if let at = base.firstIndex(of: "@") { base = String(base[..<at]) }
        if let colon = base.firstIndex(of: ":") { base = String(base[..<colon]) }
        return base
    }

    /// The deployment as kubectl's generator builds it client-side (`--dry-run=client -o yaml`).
    static func generatedDeployment(_ d: Deployment) -> JSONValue {
        let labels: JSONValue = .object(d.metadata.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        let containers: [JSONValue] = d.spec.template.spec.containers.map { c in
            var fields: [(String, JSONValue)] = []
            if !c.command.isEmpty { fields.append(("command", .array(c.command.map(JSONValue.string)))) }
            fields += [("image", .string(c.image)), ("name", .string(c.name))]
            if !c.ports.isEmpty { fields.append(("ports", .array(c.ports.map { .object([("containerPort", .int($0.containerPort))]) }))) }
            fields.append(("resources", .object([])))
            return .object(fields)
        }
        return .object([
            ("apiVersion", .string("apps/v1")), ("kind", .string("Deployment")),
            ("metadata", .object([("creationTimestamp", .null), ("labels", labels), ("name", .string(d.metadata.name))])),
            ("spec", .object([
                ("replicas", .int(d.spec.replicas)),
                ("selector", .object([("matchLabels", labels)])),
                ("strategy", .object([])),
                ("template", .object([
                    ("metadata", .object([("creationTimestamp", .null), ("labels", labels)])),
                    ("spec", .object([("containers", .array(containers))])),
                ])),
            ])),
            ("status", .object([])),
        ])
    }
}
