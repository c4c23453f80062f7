import ArgumentParser
import Foundation
import Shell

/// `kubetutor`: start the embedded cluster and the learning shell.
@main
struct Kubetutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubetutor",
        abstract: "Learn Kubernetes by doing: kubectl and YAML against a real, embedded cluster.",
        version: Version.current,
        subcommands: [Start.self, Serve.self, Bench.self, Lessons.self, Quiz.self],
        defaultSubcommand: Start.self)
}

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the cluster and the shell (default).")

    @Option(help: "Number of worker nodes (1–\(Start.maxWorkers)).")
    var workers: Int = 2

    /// Node N is 172.18.0.(N+2) on the cluster network and the control plane is node 0: 252 workers
    /// use the last address, 172.18.0.254.
    static let maxWorkers = 252

    func validate() throws {
        guard (1...Start.maxWorkers).contains(workers) else {
            throw ValidationError("--workers must be between 1 and \(Start.maxWorkers): node N gets the address 172.18.0.(N+2) "
                                  + "on kubetutor's cluster network (and the pod range 10.244.N.0/24), and 172.18.0.254 is the last one")
        }
    }

    @Flag(help: "As root, allow pods to run WITHOUT ISOLATION when user namespaces are unavailable (they would be root on this machine).")
    var allowNoIsolation = false

    @Option(name: .customLong("allow-host-path"), help: ArgumentHelp(
        "Let hostPath volumes use this directory of your machine (and what is below it); repeat for more. Without it, every hostPath volume is refused.",
        valueName: "dir"))
    var allowHostPaths: [String] = []

    @OptionGroup var lessonOptions: LessonOptions
    @OptionGroup var apiOptions: APIOptions

    func run() throws {
        SignalHandling.install()
        let boot: ClusterBoot
        do {
            boot = try ClusterBoot.start(workers: max(1, workers), allowRootWithoutIsolation: allowNoIsolation,
                                         hostPaths: allowHostPaths)
        } catch {
            FileHandle.standardError.write(Data("kubetutor: cannot start the cluster: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let cluster = boot.cluster
        SignalHandling.onShutdown { cluster.shutdown() }
        let backend = TutorBackend(cluster: cluster)
        backend.lessons = LessonSession(backend: backend, options: lessonOptions)
        FileHandle.standardError.write(Data(boot.banner(backend.language).utf8))
        if let front = apiOptions.start(cluster: cluster, language: backend.language) {
            backend.apiFront = front
            SignalHandling.onShutdown { front.server.stop() }
        }
        FileHandle.standardError.write(Data((backend.lessons?.banner ?? "").utf8))
        let shell = Shell(backend: QuizShellBackend(inner: backend, language: { backend.language }))
        let status = shell.run()
        backend.apiFront?.server.stop()
        cluster.shutdown()
        if status != 0 { throw ExitCode(status) }
    }
}
