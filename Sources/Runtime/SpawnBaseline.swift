import CSpawn
import Foundation

/// The benchmark's yardstick: a bare namespaced spawn of a program, no runtime involved.
public enum SpawnBaseline {
    /// Spawns `program` (vfork-style clone from C, new user/UTS/IPC/NET/PID/mount namespaces when
    /// isolated), waits for it, and returns the elapsed seconds.
    public static func measure(program: String = "/bin/true", isolated: Bool = true) throws -> TimeInterval {
        var failure = cspawn_failure()
        let nanos = cspawn_baseline_spawn(program, isolated ? 1 : 0, &failure)
        guard nanos >= 0 else {
            let stage = failure.stage.map { String(cString: $0) } ?? "clone"
            throw RuntimeError(operation: "baseline spawn of \(program)", stage: stage, errno: failure.err)
        }
        return TimeInterval(nanos) / 1e9
    }
}
