import ArgumentParser
import Foundation
import Shell
import Tutor

/// `kubetutor serve`: the cluster and its API server without the shell, for scripts and workshops,
/// until SIGTERM or SIGINT (Ctrl-C).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the cluster and its API server without the shell.")

    @Option(help: "Number of worker nodes (1–\(Start.maxWorkers)).")
    var workers: Int = 2

    @Flag(help: "As root, allow pods to run WITHOUT ISOLATION when user namespaces are unavailable (they would be root on this machine).")
    var allowNoIsolation = false

    @Option(name: .customLong("allow-host-path"), help: ArgumentHelp("Let hostPath volumes use this directory of your machine.", valueName: "dir"))
    var allowHostPaths: [String] = []

    @Option(help: "Port of the API server on 127.0.0.1 (default: a free one; the kubeconfig names it).")
    var apiPort: Int = 0

    func validate() throws {
        guard (1...Start.maxWorkers).contains(workers) else { throw ValidationError("--workers must be between 1 and \(Start.maxWorkers)") }
        guard (0...65535).contains(apiPort) else { throw ValidationError("--api-port must be between 1 and 65535") }
    }

    func run() throws {
        SignalHandling.install()
        let boot: ClusterBoot
        do {
            boot = try ClusterBoot.start(workers: workers, allowRootWithoutIsolation: allowNoIsolation, hostPaths: allowHostPaths)
        } catch {
            FileHandle.standardError.write(Data("kubetutor: cannot start the cluster: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let cluster = boot.cluster
        let language = Language.fromEnvironment()
        FileHandle.standardError.write(Data(boot.banner(language).utf8))
        let front: APIFront
        do {
            front = try APIFront.start(cluster: cluster, port: apiPort)
        } catch {
            cluster.shutdown()
            FileHandle.standardError.write(Data("kubetutor: cannot start the API server: \(error)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardError.write(Data(front.banner(language).utf8))
        let done = DispatchSemaphore(value: 0)
        SignalHandling.onShutdown {
            front.server.stop()
            cluster.shutdown()
            done.signal()
        }
        // SIGINT raises the interrupt flag (and wakes its pipe); poll it alongside SIGTERM's hooks.
        while done.wait(timeout: .now() + 0.1) == .timedOut {
            if Interrupt.isRequested {
                front.server.stop()
                cluster.shutdown()
                return
            }
        }
    }
}
