import Foundation
import Cluster

/// "Under the hood": a pod's processes (the pause holder and each container) and the namespace
/// inodes they are in, read from /proc/<pid>/ns. Equal inodes mean a shared namespace.
public enum NamespaceView {
    static let kinds = ["uts", "ipc", "net", "pid", "mnt"]

    /// The table for pod `name` in `default`, or a line saying why there is none.
    public static func render(pod name: String, cluster: Cluster, language: Language) -> String {
        let key = ObjectKey(namespace: ClusterChecks.namespace, name: name)
        let processes: [(String, Int32?)]? = cluster.sync {
            guard let pod = cluster.pods.get(key) else { return nil }
            var list: [(String, Int32?)] = [("(pause)", cluster.sandboxProcess(pod: key).flatMap(cluster.hostPID(of:)))]
            for c in pod.spec.containers {
                list.append((c.name, cluster.containerProcess(pod: key, container: c.name).flatMap(cluster.hostPID(of:))))
            }
            return list
        }
        guard let processes else { return say(language, "(no pod \(name) to look into)\n", "（Pod \(name) が見つかりません）\n") }
        var rows: [[String]] = [["PROCESS", "HOST PID"] + kinds.map { $0.uppercased() }]
        var columns: [[String]] = Array(repeating: [], count: kinds.count)
        for (process, pid) in processes {
            let inodes = kinds.map { kind in pid.flatMap { inode(pid: $0, kind: kind) } ?? "?" }
            for (i, value) in inodes.enumerated() { columns[i].append(value) }
            rows.append([process, pid.map(String.init) ?? "?"] + inodes)
        }
        let shared = kinds.indices.filter { i in Set(columns[i]).count == 1 && columns[i].first != "?" }.map { kinds[$0].uppercased() }
        var text = say(language, "\nUnder the hood — pod \(name): its processes and their namespaces (inode numbers from /proc/PID/ns):\n",
                       "\n内部のしくみ — Pod \(name) のプロセスと名前空間（/proc/PID/ns の inode 番号）:\n")
        text += TextTable.render(rows)
        text += say(language, "Shared by every process of the pod: \(shared.isEmpty ? "none visible" : shared.joined(separator: ", ")). Each container keeps its own PID and MNT.\n",
                    "Pod の全プロセスで共有: \(shared.isEmpty ? "確認できず" : shared.joined(separator: "、"))。PID と MNT はコンテナごとに別です。\n")
        return text
    }

    /// The inode number in `/proc/PID/ns/KIND` (`uts:[4026532301]` → `4026532301`).
    static func inode(pid: Int32, kind: String) -> String? {
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)"),
              let open = link.firstIndex(of: "["), let close = link.firstIndex(of: "]") else { return nil }
        return String(link[link.index(after: open)..<close])
    }
}

extension LessonPlayer {
    func underTheHood(_ hood: UnderTheHood) -> String {
        switch hood {
        case .namespaces(let pod): return NamespaceView.render(pod: pod, cluster: cluster, language: language)
        }
    }
}
