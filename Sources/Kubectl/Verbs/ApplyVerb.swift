import APIServer
import Foundation
import KubeAPI
import Cluster
import YAML

/// `kubectl apply -f` / `kubectl create -f`, and YAML typed at the prompt (applied like `apply -f -`).
/// All documents are decoded and validated first; only then is anything written, so a bad file
/// changes nothing.
enum ApplyVerb {
    static let apply = Kubectl.Verb(
        name: "apply", summary: "Apply a configuration to a resource by file name or stdin",
        flags: [FlagSpec("filename", "f", .list), FlagSpec("output", "o"), FlagSpec("dry-run"), FlagSpec("recursive", "R", .bool)],
        run: { k, f, io in try k.applyFiles(f, io, create: false) })
    static let create = Kubectl.Verb(
        name: "create", summary: "Create a resource from a file or from stdin",
        flags: [FlagSpec("filename", "f", .list), FlagSpec("output", "o"), FlagSpec("dry-run"), FlagSpec("image", nil, .list), FlagSpec("recursive", "R", .bool),
                FlagSpec("replicas", "r"), FlagSpec("port")],
        run: { k, f, io in try k.applyFiles(f, io, create: true) })

    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
}

extension Kubectl {
    func applyFiles(_ flags: ParsedFlags, _ io: CommandIO, create: Bool) throws -> Int32 {
        let paths = flags.list("filename")
        if create, let what = flags.positional.first {
            guard ["deployment", "deploy"].contains(what) else {
                throw KubectlError("error: kubetutor supports `kubectl create -f FILE` and `kubectl create deployment NAME --image=IMAGE`")
            }
            return try createDeployment(flags, io)
        }
        guard !paths.isEmpty else {
            throw KubectlError("error: must specify one of -f and -k")
        }
        let verb = "creating"  // kubectl: "error when creating" (a new object); decoding fails before any patch
        var loaded: [LoadedObject] = []
        let output = try ApplyOutput.parse(flags.string("output"))
        for path in paths { loaded += try ManifestFiles.load(path, io: io, verb: verb, recursive: flags.bool("recursive")) }
        return try apply(loaded, io: io, create: create, dryRun: flags.string("dry-run"), output: output)
    }

    /// Applies YAML typed at the prompt, as `kubectl apply -f -` would.
    public func applyTyped(_ text: String, io: CommandIO) -> Int32 {
        do {
            let loaded = try ManifestFiles.decode(text, source: "STDIN", verb: "creating")
            return try apply(loaded, io: io, create: false, dryRun: nil)
        } catch let e as KubectlError {
            io.errorLine(e.message)
        } catch {
            io.errorLine("error: \(error)")
        }
        return 1
    }

    private enum Plan {
        case create(APIObject, source: String)
        case update(APIObject, old: APIObject)
        case unchanged(APIObject)
    }

    private func apply(_ loaded: [LoadedObject], io: CommandIO, create: Bool, dryRun: String?, output: ApplyOutput = .lines) throws -> Int32 {
        if loaded.isEmpty { throw KubectlError("error: no objects passed to \(create ? "create" : "apply")") }
        // Plan and validate everything before writing anything.
        let plans: [Plan] = try cluster.sync {
            var plans: [Plan] = []
            for item in loaded {
                var o = item.object
                setDefaults(&o)
                if o.resource.namespaced && o.metadata.namespace == nil { o.metadata.namespace = namespace }
                // kubectl records the manifest as written (JSON, keys sorted) to compare the next apply.
                let written = (try? item.node.toJSONValue()) ?? ObjectCodec.encode(item.object)
                let config = Self.lastAppliedConfiguration(written, namespace: o.resource.namespaced ? o.metadata.namespace : nil)
                let existing = cluster.object(of: o.resource, namespace: o.metadata.namespace ?? "", name: o.name)
                if let old = existing {
                    if create {
                        throw KubectlError("Error from server (AlreadyExists): error when creating \"\(item.source)\": \(o.resource.qualifiedPlural) \"\(o.name)\" already exists")
                    }
                    if old.metadata.annotations[ApplyVerb.lastApplied] == config {
                        plans.append(.unchanged(old))
                        continue
                    }
                    o.metadata.annotations[ApplyVerb.lastApplied] = config
                    let new = try ObjectCodec.applied(manifest: item.node, config: config,
                                                      lastApplied: old.metadata.annotations[ApplyVerb.lastApplied], over: old)
                    let errors = validate(new) + validateUpdate(old: old, new: new)
                    if !errors.isEmpty { throw KubectlError(invalidObjectMessage(kind: o.kind, name: o.name, errors: errors)) }
                    plans.append(.update(new, old: old))
                } else {
                    if !create { o.metadata.annotations[ApplyVerb.lastApplied] = config }
                    let errors = ObjectCodec.validateCreate(o)
                    if !errors.isEmpty { throw KubectlError(invalidObjectMessage(kind: o.kind, name: o.name, errors: errors)) }
                    plans.append(.create(o, source: item.source))
                }
            }
            return plans
        }
        let suffix = dryRun.map { $0 == "server" ? " (server dry run)" : " (dry run)" } ?? ""
        var results: [APIObject] = []
        for plan in plans {
            let result: APIObject
            var word = ""
            switch plan {
            case .unchanged(let o):
                (result, word) = (o, "unchanged")
            case .create(let o, let source):
                result = dryRun == nil ? try cluster.sync { try store(o, replacing: nil, source: source) } : o
                word = "created"
            case .update(let o, let old):
                if old.metadata.annotations[ApplyVerb.lastApplied] == nil {
                    io.errorLine("Warning: resource \(o.resource.plural)/\(o.name) is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.")
                }
                result = dryRun == nil ? try cluster.sync { try store(o, replacing: old, source: nil) } : o
                word = "configured"
            }
            switch output {
            case .lines: io.line("\(result.qualifiedName) \(word)\(suffix)")
            case .name: io.line(result.qualifiedName)
            case .yaml, .json: results.append(result)
            }
        }
        // Several objects print as one List, as kubectl's printer gets them.
        if !results.isEmpty {
            // apply's List has empty metadata (unlike get's); JSON keeps Go's field order, YAML sorts.
            let items: JSONValue = .array(results.map(ObjectCodec.encode))
            let list: [(String, JSONValue)] = output == .yaml
                ? [("apiVersion", .string("v1")), ("items", items), ("kind", .string("List")), ("metadata", .object([]))]
                : [("kind", .string("List")), ("apiVersion", .string("v1")), ("metadata", .object([])), ("items", items)]
            let value: JSONValue = results.count == 1 ? ObjectCodec.encode(results[0]) : .object(list)
            io.out(output == .yaml ? ObjectCodec.yaml(value) : value.jsonString() + "\n")
        }
        return 0
    }

    /// Writes a validated object through the API layer: creates it, or replaces the live object's
    /// metadata and spec (its status stays the cluster's).
    @discardableResult
    private func store(_ o: APIObject, replacing old: APIObject?, source: String?) throws -> APIObject {
        do {
            if old == nil {
                return try cluster.api.create(o, namespace: o.metadata.namespace ?? namespace)
            } else {
                return try cluster.api.update(o, namespace: o.metadata.namespace ?? namespace)
            }
        } catch let e as APIError {
            if e.reason == "MethodNotAllowed" {
                throw KubectlError("error: kubetutor's cluster manages \(o.resource.plural) itself; they cannot be applied")
            }
            var error = e
            // kubectl names the file in server errors of a create (cmdutil.AddSourceToErr).
            if let source, e.reason != "Invalid" { error.message = "error when creating \(goQuoted(source)): " + e.message }
            throw error.kubectl
        }
    }
}

/// What `apply`/`create -f` print for each object: kubectl's sentence, or the object (`-o name|yaml|json`).
enum ApplyOutput {
    case lines, name, yaml, json

    static func parse(_ text: String?) throws -> ApplyOutput {
        switch text {
        case nil, "": return .lines
        case "name": return .name
        case "yaml": return .yaml
        case "json": return .json
        case let other?:
            if other.hasPrefix("jsonpath") || other.hasPrefix("go-template") || other.hasPrefix("template") {
                throw KubectlError("kubetutor does not simulate -o \(other.split(separator: "=").first ?? "") for apply and create yet: -o name, yaml and json work")
            }
            throw KubectlError("error: unable to match a printer suitable for the output format \"\(other)\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml")
        }
    }
}

extension Kubectl {
    /// The `last-applied-configuration` kubectl records: the manifest as written, with the
    /// namespace it was applied to and an `annotations` map (without this annotation itself), as
    /// JSON with sorted keys and a final newline.
    static func lastAppliedConfiguration(_ manifest: JSONValue, namespace: String?) -> String {
        guard case .object(var fields) = manifest else { return manifest.sortingKeys().compactJSONString() + "\n" }
        var meta: [(String, JSONValue)] = []
        if let i = fields.firstIndex(where: { $0.0 == "metadata" }), case .object(let m) = fields[i].1 { meta = m }
        var annotations: [(String, JSONValue)] = []
        if let i = meta.firstIndex(where: { $0.0 == "annotations" }), case .object(let a) = meta[i].1 { annotations = a }
        annotations.removeAll { $0.0 == ApplyVerb.lastApplied }
        meta.removeAll { $0.0 == "annotations" }
        meta.append(("annotations", .object(annotations)))
        if let namespace, !meta.contains(where: { $0.0 == "namespace" }) { meta.append(("namespace", .string(namespace))) }
        fields.removeAll { $0.0 == "metadata" }
        fields.append(("metadata", .object(meta)))
        return JSONValue.object(fields).sortingKeys().compactJSONString() + "\n"
    }
}
