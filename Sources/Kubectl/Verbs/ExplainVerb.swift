import APIServer
import KubeAPI

/// `kubectl explain RESOURCE[.field...] [--recursive]`: field documentation, offline, from `FieldDocs`.
enum ExplainVerb {
    static let verb = Kubectl.Verb(
        name: "explain", summary: "Get documentation for a resource",
        flags: [FlagSpec("recursive", nil, .bool), FlagSpec("api-version"), FlagSpec("output", "o")],
        run: { _, flags, io in
            guard let target = flags.positional.first else {
                io.errorLine("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.")
                return 1
            }
            if let format = flags.string("output"), format != "plaintext" {
                io.errorLine(format == "plaintext-openapiv2"
                    ? "kubetutor does not serve OpenAPI v2 yet: use the default output (plaintext)"
                    : "error: unrecognized format: \(format)")
                return 1
            }
            switch explain(target, recursive: flags.bool("recursive"), apiVersion: flags.string("api-version")) {
            case .success(let text):
                io.out(text)
                return 0
            case .failure(let error):
                if !error.output.isEmpty { io.out(error.output) }
                io.errorLine(error.message)
                return 1
            }
        })

    struct Failure: Error, Equatable {
        /// What kubectl has printed to stdout before failing (the KIND/VERSION header).
        var output = ""
        let message: String

        init(output: String = "", message: String) {
            self.output = output
            self.message = message
        }
    }

    /// The text `kubectl explain target` prints, or kubectl's error.
    static func explain(_ target: String, recursive: Bool, apiVersion: String? = nil) -> Result<String, Failure> {
        let parts = target.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else {
            return .failure(Failure(message: "the server doesn't have a resource type \"\(target)\""))
        }
        // `deployments.apps.spec`: a group suffix belongs to the resource, not the field path.
        var resourceName = first
        var path = Array(parts.dropFirst())
        if let group = path.first, ["apps"].contains(group) {
            resourceName += "." + group
            path.removeFirst()
        }
        guard let kind = ResourceKind.lookup(resourceName), let root = FieldDocs.type(for: kind) else {
            return .failure(Failure(message: "the server doesn't have a resource type \"\(first)\""))
        }
        if let apiVersion, apiVersion != kind.apiVersion {
            return .failure(Failure(message: "error: GVR (\(apiVersion), Resource=\(kind.plural)) not found in OpenAPI schema"))
        }
        if path.isEmpty {
            return .success(ExplainRenderer.render(kind: kind, path: [], field: nil, type: root, recursive: recursive))
        }
        guard let (field, type) = FieldDocs.resolve(path, from: root) else {
            // kubectl's template prints the header first and names the path's last element.
            return .failure(Failure(output: ExplainRenderer.header(kind), message: "error: field \"\(path.last ?? "")\" does not exist"))
        }
        return .success(ExplainRenderer.render(kind: kind, path: path, field: field, type: type, recursive: recursive))
    }
}
