import Foundation
import XCTest

@testable import Runtime

/// Whatever way kubetutor ends, no process it started survives: a child test process holds pods
/// and is killed from outside, then every host pid it reported must be gone.
final class CleanupTests: XCTestCase {
    func testPodsDieWhenKubetutorIsKilled() throws {
        for mode in [IsolationMode.isolated, .none] {
            for signal in [SIGKILL, SIGTERM, SIGHUP] {
                if mode == .isolated, RuntimeSupport.probe(environment: [:]).mode != .isolated { continue }
                try killHolder(mode: mode, with: signal)
            }
        }
    }

    private func killHolder(mode: IsolationMode, with signal: Int32) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["RuntimeTests.CleanupTests/testHoldPodsChild"]
        var env = ProcessInfo.processInfo.environment
        env["KUBETUTOR_HOLD_CHILD"] = mode.rawValue
        env["KUBETUTOR_INIT"] = try InitBinary.locate()
        child.environment = env
        let output = Pipe(), input = Pipe()
        child.standardOutput = output
        child.standardInput = input  // kept open: the child waits for EOF that never comes
        try child.run()
        var text = ""
        let reader = output.fileHandleForReading
        while !(text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().contains { $0.hasPrefix("HOLDING ") }),
              let chunk = readAvailable(reader) {
            text += chunk
        }
        let pids = text.split(separator: "\n").first { $0.hasPrefix("HOLDING ") }?
            .split(separator: " ").dropFirst().compactMap { Int32($0) } ?? []
        XCTAssertEqual(pids.count, mode == .isolated ? 5 : 4, "mode \(mode): \(text)")
        let netns = Set(pids.compactMap { namespace("net", of: $0) })
        kill(child.processIdentifier, signal)
        child.waitUntilExit()
        XCTAssertTrue(eventually { pids.allSatisfy { !processExists($0) } },
                      "mode \(mode), signal \(signal): survivors \(pids.filter(processExists))")
        if mode == .isolated {  // the cluster network, the node's and the pod's: no process holds them
            XCTAssertEqual(netns.count, 3)
            XCTAssertTrue(eventually { processes(inNetworkNamespaces: netns).isEmpty }, "\(processes(inNetworkNamespaces: netns))")
        }
        input.fileHandleForWriting.closeFile()
    }

    private func readAvailable(_ handle: FileHandle) -> String? {
        let data = handle.availableData
        return data.isEmpty ? nil : String(decoding: data, as: UTF8.self)
    }

    /// Runs only inside testPodsDieWhenKubetutorIsKilled's child: starts a pod (isolated: on a node,
    /// with an IP), reports its host pids (init, holder, container, the container's child, the node
    /// holder), then waits to be killed.
    func testHoldPodsChild() throws {
        let env = ProcessInfo.processInfo.environment["KUBETUTOR_HOLD_CHILD"]
        try XCTSkipIf(env == nil, "runs from testPodsDieWhenKubetutorIsKilled")
        let runtime = try LinuxRuntime(mode: env == "none" ? IsolationMode.none : .isolated)
        let node = try runtime.createNode(name: "worker-1", index: 1)
        let pod = try runtime.createSandbox(hostname: "hold", node: "worker-1")
        let log = try ContainerLog(name: "hold")
        let process = ProcessSpec(argv: ["sh", "-c", "sleep 60 & echo $!; wait"], env: ["PATH=/usr/bin:/bin"])
        let container = try runtime.startContainer(in: pod, process: process, stdio: log.stdio(stdin: StdioFDs.devNull))
        XCTAssertTrue(eventually { log.text.hasSuffix("\n") })
        let hostContainer = runtime.hostPID(of: container) ?? -1
        // The background sleep's host pid: the only child of the container's sh.
        let children = (try? String(contentsOfFile: "/proc/\(hostContainer)/task/\(hostContainer)/children", encoding: .utf8)) ?? ""
        let sleeper = children.split(separator: " ").first.flatMap { Int32($0) } ?? -1
        let holder = runtime.hostPID(of: pod.holder) ?? -1
        let nodeHolder = node.holder.flatMap(runtime.hostPID(of:)).map { " \($0)" } ?? ""
        print("HOLDING \(runtime.initPID) \(holder) \(hostContainer) \(sleeper)\(nodeHolder)")
        fflush(stdout)
        _ = FileHandle.standardInput.readDataToEndOfFile()
        runtime.shutdown()
    }
}
