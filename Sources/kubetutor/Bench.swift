import ArgumentParser

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure start-up, pod start latency and memory (use a release build).")
    func run() throws {
        print("benchmark: not yet implemented")
    }
}
