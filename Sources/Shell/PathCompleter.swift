import Foundation

/// Completes file paths (for `-f <path>` and `lessons load <path>`): the backend calls it with the
/// word being completed and returns the result as its candidates.
public enum PathCompleter {
    /// Candidates extending `partial`: its directory part followed by each matching entry's name,
    /// directories ending in `/`. Hidden entries appear only when the typed name starts with `.`.
    /// A leading `~/` is looked up in the home directory and kept as typed.
    public static func candidates(
        for partial: String,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        homeDirectory: String = NSHomeDirectory()
    ) -> [String] {
        let directoryPart: String
        let namePrefix: String
        if let slash = partial.lastIndex(of: "/") {
            directoryPart = String(partial[...slash])
            namePrefix = String(partial[partial.index(after: slash)...])
        } else {
            directoryPart = ""
            namePrefix = partial
        }
        let directory = resolve(directoryPart, currentDirectory: currentDirectory, homeDirectory: homeDirectory)
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory) else { return [] }
        let showHidden = namePrefix.hasPrefix(".")
        return names
            .filter { $0.hasPrefix(namePrefix) && (showHidden || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                let full = (directory as NSString).appendingPathComponent(name)
                let exists = fileManager.fileExists(atPath: full, isDirectory: &isDirectory)
                return directoryPart + name + (exists && isDirectory.boolValue ? "/" : "")
            }
    }

    /// The directory to list for the typed directory part.
    private static func resolve(_ directoryPart: String, currentDirectory: String, homeDirectory: String) -> String {
        if directoryPart.isEmpty { return currentDirectory }
        if directoryPart == "~/" || directoryPart.hasPrefix("~/") {
            return homeDirectory + String(directoryPart.dropFirst())
        }
        if directoryPart.hasPrefix("/") { return directoryPart }
        return (currentDirectory as NSString).appendingPathComponent(directoryPart)
    }
}
