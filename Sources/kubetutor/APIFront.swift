import Foundation
import APIServer
import Cluster
import HTTPAPI
import Tutor

/// The API server for clients outside the shell: credentials in `<state>/pki`, HTTPS on loopback,
/// and a kubeconfig at `<state>/kubeconfig` that the banner and the `kubeconfig` command point to.
final class APIFront {
    let server: APIHTTPServer
    let kubeconfig: String
    var url: String { "https://127.0.0.1:\(server.port)" }

    static func start(cluster: Cluster, port: Int, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> APIFront {
        let state = URL(fileURLWithPath: StateDirectory.path(environment: environment))
        let credentials = try Credentials.prepare(in: state.appendingPathComponent("pki"))
        let server = try APIHTTPServer(api: APIServer.of(cluster), credentials: credentials, port: port)
        let kubeconfig = state.appendingPathComponent("kubeconfig")
        do {
            try credentials.writeKubeconfig(to: kubeconfig, port: server.port)
        } catch {
            server.stop()
            throw error
        }
        return APIFront(server: server, kubeconfig: kubeconfig.path)
    }

    private init(server: APIHTTPServer, kubeconfig: String) {
        self.server = server
        self.kubeconfig = kubeconfig
    }

    func banner(_ language: Language) -> String {
        ShellText.apiServer.format(language, url, kubeconfig) + "\n"
    }

    func usage(_ language: Language) -> String {
        ShellText.kubeconfigUsage.format(language, kubeconfig, url) + "\n"
    }
}
