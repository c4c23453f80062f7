import APIServer
import Foundation
import KubeAPI
import Cluster
import YAML

/// `kubectl get`: tables, `-o wide|yaml|json|name`, `-l`, `--show-labels`, `-w`.
enum GetVerb {
    static let verb = Kubectl.Verb(
        name: "get", summary: "Display one or many resources",
        flags: [
            FlagSpec("output", "o"), FlagSpec("selector", "l"), FlagSpec("show-labels", nil, .bool),
            FlagSpec("watch", "w", .bool), FlagSpec("watch-only", nil, .bool), FlagSpec("no-headers", nil, .bool),
            FlagSpec("label-columns", "L", .list), FlagSpec("filename", "f", .list),
            FlagSpec("show-kind", nil, .bool), FlagSpec("sort-by"), FlagSpec("field-selector"), FlagSpec("ignore-not-found", nil, .bool),
        ],
        run: { k, f, io in try k.get(f, io) })
}

/// What `-o` asked for.
enum OutputFormat: Equatable {
    case table(wide: Bool)
    case yaml, json, name
    case jsonpath(JSONPath)
    case customColumns(CustomColumns)

    static func parse(_ text: String?) throws -> OutputFormat {
        if let text, let eq = text.firstIndex(of: "=") {
            let (name, value) = (String(text[..<eq]), String(text[text.index(after: eq)...]))
            switch name {
            case "jsonpath":
                do {
                    return .jsonpath(try JSONPath(value))
                } catch let e as JSONPath.ParseError {
                    throw KubectlError("error: " + e.message)
                }
            case "custom-columns":
                return .customColumns(try CustomColumns(spec: value))
            case "jsonpath-as-json", "jsonpath-file", "custom-columns-file", "go-template", "go-template-file", "template", "templatefile":
                throw KubectlError("kubetutor does not simulate -o \(name) yet: -o jsonpath=… and -o custom-columns=… work")
            default: break
            }
        }
        switch text {
        case nil, "": return .table(wide: false)
        case "wide": return .table(wide: true)
        case "yaml": return .yaml
        case "json": return .json
        case "name": return .name
        case let other?:
            throw KubectlError("error: unable to match a printer suitable for the output format \"\(other)\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml")
        }
    }
}

extension Kubectl {
    func get(_ flags: ParsedFlags, _ io: CommandIO) throws -> Int32 {
        let format = try OutputFormat.parse(flags.string("output"))
        var requests = try ResourceArgs.parse(flags.positional)
        if flags.has("filename") {
            requests = try filesAsRequests(flags.list("filename"), io: io)
        }
        guard !requests.isEmpty else {
            throw KubectlError("""
            You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

            error: Required resource not specified.
            Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
            See 'kubectl get -h' for help and examples
            """)
        }
        let selector = try flags.string("selector").map { try LabelSelectorParser.parse($0) }
        // Field selectors are the API server's (which fields each kind selects on, and its errors).
        var fieldMatch: [ResourceKind: (APIObject) -> Bool] = [:]
        if let text = flags.string("field-selector"), !text.isEmpty {
            for request in requests where fieldMatch[request.kind] == nil {
                do {
                    fieldMatch[request.kind] = try APIServer.of(cluster).fieldMatcher(request.kind, text)
                } catch var e as APIError {
                    // As kubectl's resource builder rewrites a list's BadRequest.
                    let k = request.kind
                    e.message = "Unable to find \(goQuoted("\(k.group)/\(k.version), Resource=\(k.plural)")) that match label selector "
                        + "\(goQuoted(flags.string("selector") ?? "")), field selector \(goQuoted(text)): \(e.message)"
                    throw KubectlError(e.kubectlMessage)
                }
            }
        }
        let allNamespaces = flags.bool("all-namespaces")
        let namespace = allNamespaces ? nil : self.namespace
        if flags.bool("watch") || flags.bool("watch-only") {
            guard requests.count == 1, let request = requests.first else {
                throw KubectlError("error: you may only specify a single resource type")
            }
            return try watch(request, selector: selector, fields: fieldMatch[request.kind], format: format, flags: flags, io: io, namespace: namespace)
        }
        var failed = false
        // --ignore-not-found: missing names and empty lists print nothing and succeed.
        let ignoreNotFound = flags.bool("ignore-not-found")
        var found: [(ResourceRequest, [APIObject])] = []
        cluster.sync {
            for request in requests {
                var objects: [APIObject] = []
                if request.names.isEmpty {
                    objects = cluster.objects(of: request.kind, namespace: namespace)
                        .filter { (selector?.matches($0.metadata.labels) ?? true) && (fieldMatch[request.kind]?($0) ?? true) }
                } else {
                    for name in request.names {
                        if let o = cluster.object(of: request.kind, namespace: self.namespace, name: name) {
                            objects.append(o)
                        } else if !ignoreNotFound {
                            io.errorLine(KubectlError.notFound(request.kind, name).message)
                            failed = true
                        }
                    }
                }
                found.append((request, objects))
            }
        }
        if let expression = flags.string("sort-by"), !expression.isEmpty {
            // As kubectl v1.32 behaves: a field no object has (or a path it cannot parse) prints
            // "No resources found" for a table and fails otherwise; tables of several kinds fail.
            let missing = KubectlError("error: couldn't find any field with path \(goQuoted(expression.hasPrefix("{") ? expression : "{\(expression)}")) in the list of objects")
            let isTable: Bool
            if case .table = format { isTable = true } else { isTable = false }
            if requests.count > 1 && isTable { throw missing }
            var sorted: [(ResourceRequest, [APIObject])] = []
            for (request, objects) in found {
                guard let sorter = try? SortBy(expression),
                      let ordered = sorter.sorted(objects.map { APIObjectJSON(object: $0, json: ObjectCodec.encode($0)) }) else {
                    guard isTable else { throw missing }
                    if !failed { io.errorLine(EmptyResult.message(namespace: self.namespace)) }
                    return failed ? 1 : 0
                }
                sorted.append((request, ordered.map(\.object)))
            }
            found = sorted
        }
        let all = found.flatMap(\.1)
        let explicitNames = requests.contains { !$0.names.isEmpty }
        switch format {
        case .yaml, .json:
            if all.isEmpty && (failed || explicitNames) { return failed ? 1 : 0 }
            let value: JSONValue = (all.count == 1 && explicitNames && requests.count == 1)
                ? ObjectCodec.encode(all[0]) : ObjectCodec.list(all)
            io.out(format == .yaml ? ObjectCodec.yaml(value) : value.jsonString() + "\n")
        case .name:
            for o in all { io.line(o.qualifiedName) }
        case .jsonpath(let path):
            let value: JSONValue = (all.count == 1 && explicitNames && requests.count == 1)
                ? ObjectCodec.encode(all[0]) : ObjectCodec.list(all)
            io.out(path.render(value))
        case .customColumns(let columns):
            // Unlike the default table, an empty result still prints the header (and no "No resources found").
            if !(all.isEmpty && explicitNames) { io.out(columns.render(all.map(ObjectCodec.encode), noHeaders: flags.bool("no-headers"))) }
        case .table(let wide):
            let now = cluster.clock.now
            let multipleKinds = found.filter { !$0.1.isEmpty }.count > 1 || flags.bool("show-kind")
            var printedAny = false
            for (request, objects) in found where !objects.isEmpty {
                var options = TableOptions(wide: wide, noHeaders: flags.bool("no-headers"), showLabels: flags.bool("show-labels"),
                                           labelColumns: flags.list("label-columns"), withNamespace: allNamespaces)
                if multipleKinds { options.kindPrefix = request.kind.qualifiedSingular }
                if printedAny { io.out("\n") }
                io.out(TablePrinter.render(Tables.table(objects, now: now), options: options))
                printedAny = true
            }
            if !printedAny && !failed && !explicitNames && !ignoreNotFound {
                io.errorLine(allNamespaces || requests.allSatisfy({ !$0.kind.namespaced })
                             ? "No resources found" : EmptyResult.message(namespace: self.namespace))
            }
        }
        return failed ? 1 : 0
    }

    /// `get -w`: the current table (unless --watch-only), then one row per change until Ctrl-C.
    private func watch(_ request: ResourceRequest, selector: LabelSelectorQuery?, fields: ((APIObject) -> Bool)?, format: OutputFormat,
                       flags: ParsedFlags, io: CommandIO, namespace: String?) throws -> Int32 {
        let pending = WatchBuffer()
        var printer = TablePrinter(watch: true)
        let options = TableOptions(wide: format == .table(wide: true), noHeaders: flags.bool("no-headers"),
                                   showLabels: flags.bool("show-labels"), labelColumns: flags.list("label-columns"),
                                   withNamespace: namespace == nil)
        let wanted: (APIObject) -> Bool = { o in
            (request.names.isEmpty || request.names.contains(o.name))
                && (namespace == nil || o.namespace == namespace || !request.kind.namespaced)
                && (selector?.matches(o.metadata.labels) ?? true) && (fields?(o) ?? true)
        }
        var initial: [APIObject] = []
        let stop: () -> Void = cluster.sync {
            initial = cluster.objects(of: request.kind, namespace: namespace).filter(wanted)
            return cluster.watch(request.kind) { type, o in if wanted(o) { pending.append(type, o) } }
        }
        defer { cluster.sync { stop() } }
        var headerShown = false
        let emit: ([APIObject]) -> Void = { objects in
            switch format {
            case .table:
                io.out(printer.print(Tables.table(objects, now: self.cluster.clock.now), options: options))
            case .name:
                for o in objects { io.line(o.qualifiedName) }
            case .yaml:
                for o in objects { io.out("---\n" + ObjectCodec.yaml(ObjectCodec.encode(o))) }
            case .json:
                for o in objects { io.out(ObjectCodec.encode(o).jsonString() + "\n") }
            case .jsonpath(let path):
                for o in objects { io.out(path.render(ObjectCodec.encode(o))) }
            case .customColumns(let columns):
                io.out(columns.render(objects.map(ObjectCodec.encode), noHeaders: headerShown || flags.bool("no-headers")))
                headerShown = true
            }
        }
        if !flags.bool("watch-only") {
            if initial.isEmpty, case .table = format {
                io.errorLine(EmptyResult.message(namespace: self.namespace))
            } else {
                emit(initial)
            }
        }
        while !io.isInterrupted() {
            let batch = pending.take()
            if batch.isEmpty {
                usleep(20_000)
                continue
            }
            for (_, o) in batch { emit([o]) }
        }
        return 0
    }

    /// `-f file` for get/describe/delete: the objects a manifest names.
    func filesAsRequests(_ paths: [String], io: CommandIO) throws -> [ResourceRequest] {
        var requests: [ResourceRequest] = []
        for path in paths {
            for o in try ManifestFiles.load(path, io: io, verb: "getting") {
                requests.append(ResourceRequest(kind: o.object.resource, names: [o.object.name]))
            }
        }
        return requests
    }
}

/// Changes seen by a watcher on the cluster queue, taken by the printing thread.
final class WatchBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, APIObject)] = []
    func append(_ type: String, _ o: APIObject) { lock.lock(); items.append((type, o)); lock.unlock() }
    func take() -> [(String, APIObject)] {
        lock.lock()
        defer { items.removeAll(); lock.unlock() }
        return items
    }
}

/// Tables for any kind: the registry's printer columns, as the server's Table carries them.
enum Tables {
    static func table(_ objects: [APIObject], now: Date) -> ResourceTable {
        guard let first = objects.first, let d = ResourceRegistry.standard.definition(for: first.resource) else {
            return ResourceTable(columns: [], rows: [])
        }
        return d.table(objects, now)
    }
}
