import Foundation
import Cluster

/// Reading a container's log buffer whole, and `--tail`, for every client of the `log` subresource.
public enum LogText {
    /// Everything in the buffer now, and the offset to follow from.
    public static func read(_ log: ContainerLogBuffer) -> (data: Data, end: Int) {
        var (data, offset) = log.read(from: 0)
        while true {
            let (more, next) = log.read(from: offset)
            if more.isEmpty { return (data, offset) }
            data.append(more)
            offset = next
        }
    }

    /// The last `lines` lines, as `--tail` shows them.
    public static func tail(_ text: String, lines: Int) -> String {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = all.last == "" ? all.dropLast() : all[...]
        let kept = body.suffix(lines)
        return kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
    }
}
