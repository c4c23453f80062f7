import KubeAPI

/// `kubectl version` and `kubectl api-resources`.
enum VersionVerb {
    static let verb = Kubectl.Verb(
        name: "version", summary: "Print the client and server version information",
        flags: [FlagSpec("client", nil, .bool), FlagSpec("output", "o")],
        run: { _, f, io in
            io.line("Client Version: v1.32.0")
            io.line("Kustomize Version: v5.5.0")
            if !f.bool("client") { io.line("Server Version: v1.32.0 (kubetutor embedded cluster)") }
            return 0
        })
}

enum APIResourcesVerb {
    static let verb = Kubectl.Verb(
        name: "api-resources", summary: "Print the supported API resources on the server",
        flags: [FlagSpec("output", "o"), FlagSpec("namespaced", nil, .bool)],
        run: { _, _, io in
            var text = "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n"
            for r in ResourceKind.all {
                text += "\(r.plural)\t\(r.shortNames.joined(separator: ","))\t\(r.apiVersion)\t\(r.namespaced)\t\(r.kind)\n"
            }
            var writer = TabWriter.table()
            io.out(writer.format(text))
            return 0
        })
}
