import ArgumentParser
import Cluster
import Foundation
import Tutor

/// The API server's command-line options, shared by `start` and `serve`.
struct APIOptions: ParsableArguments {
    @Option(help: "Port of the API server on 127.0.0.1 (default: a free one; the kubeconfig names it).")
    var apiPort: Int = 0

    @Flag(help: "Do not start the API server for other terminals (the shell's kubectl works without it).")
    var noApi = false

    func validate() throws {
        guard (0...65535).contains(apiPort) else { throw ValidationError("--api-port must be between 1 and 65535") }
    }

    /// Starts the front and prints its banner line; a failure is a note, not an end (the shell works).
    func start(cluster: Cluster, language: Language) -> APIFront? {
        guard !noApi else { return nil }
        do {
            let front = try APIFront.start(cluster: cluster, port: apiPort)
            FileHandle.standardError.write(Data(front.banner(language).utf8))
            return front
        } catch {
            FileHandle.standardError.write(Data((ShellText.apiServerFailed.format(language, "\(error)") + "\n").utf8))
            return nil
        }
    }
}
