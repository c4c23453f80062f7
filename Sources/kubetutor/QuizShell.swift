import ArgumentParser
import Foundation
import Shell
import Tutor

/// The interactive `kubetutor quiz`: the cluster, the shell and a quiz session already running.
enum QuizShell {
    static func run(bank: QuizBank, language: Language, count: Int, workers: Int) throws {
        SignalHandling.install()
        let boot: ClusterBoot
        do {
            boot = try ClusterBoot.start(workers: max(1, workers))
        } catch {
            QuizOutput.err("kubetutor: cannot start the cluster: \(error)\n")
            throw ExitCode(2)
        }
        let cluster = boot.cluster
        SignalHandling.onShutdown { cluster.shutdown() }
        QuizOutput.err(boot.banner(language))
        let backend = QuizShellBackend(inner: TutorBackend(cluster: cluster), language: { language }, bank: { bank })
        _ = backend.start(count: count, output: .standard)
        let status = Shell(backend: backend).run()
        cluster.shutdown()
        if status != 0 { throw ExitCode(status) }
    }
}
