import Foundation
import KubeAPI
import YAML

/// Reading manifests: files, directories (their .yaml/.yml/.json files), `-` (stdin) and typed text.
/// Every document of every source is decoded before anything is applied.
enum ManifestFiles {
    /// A directory gives its manifests in name order; with `recursive` (`-R`) its subdirectories'
    /// too, in place, as filepath.Walk visits them.
    static func load(_ path: String, io: CommandIO, verb: String, recursive: Bool = false) throws -> [LoadedObject] {
        if path == "-" {
            let data = FileHandle(fileDescriptor: io.stdinFD, closeOnDealloc: false).readDataToEndOfFile()
            return try decode(String(decoding: data, as: UTF8.self), source: "STDIN", verb: verb)
        }
        let full = path.hasPrefix("/") ? path : (io.workingDirectory as NSString).appendingPathComponent(path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else {
            throw KubectlError("error: the path \"\(path)\" does not exist")
        }
        if isDir.boolValue {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []
            var loaded: [LoadedObject] = []
            for entry in entries.sorted() {
                let child = (path as NSString).appendingPathComponent(entry)
                var childIsDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: (full as NSString).appendingPathComponent(entry), isDirectory: &childIsDir)
                if childIsDir.boolValue {
                    if recursive { loaded += try load(child, io: io, verb: verb, recursive: true) }
                } else if entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") || entry.hasSuffix(".json") {
                    loaded += try load(child, io: io, verb: verb)
                }
            }
            return loaded
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            throw KubectlError("error: open \(path): permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KubectlError("error: error parsing \(path): error converting YAML to JSON: yaml: invalid leading UTF-8 octet")
        }
        return try decode(text, source: path, verb: verb)
    }

    /// Decodes every document; the first problem is reported in kubectl's words plus a caret.
    static func decode(_ text: String, source: String, verb: String) throws -> [LoadedObject] {
        let nodes: [YAML.Node]
        do {
            nodes = try parseYAML(text)
        } catch let e as YAMLError {
            throw KubectlError(YAMLErrorText.message(e, source: source, text: text))
        }
        var loaded: [LoadedObject] = []
        for node in nodes {
            do {
                let decoded = try ObjectCodec.decode(node)
                loaded.append(LoadedObject(object: decoded.object, marks: decoded.marks, node: node, source: source))
            } catch let e as ManifestError {
                var message = e.kubectlMessage(verb: verb, source: source)
                if let mark = e.mark { message += "\n" + YAMLErrorText.location(source: source, text: text, mark: mark) }
                if let hint = ManifestHints.hint(for: e) ?? ManifestHints.fullWidthHint(text) {
                    message += (message.hasSuffix("\n") ? "" : "\n") + hint
                }
                throw KubectlError(message)
            }
        }
        return loaded
    }
}

/// kubectl's YAML error line plus our `file:line:column` and a caret under the spot.
enum YAMLErrorText {
    static func message(_ e: YAMLError, source: String, text: String) -> String {
        let message = "error: error parsing \(source): \(e.kubectlMessage)\n"
            + location(source: source, text: text, mark: e.mark)
        guard let hint = ManifestHints.fullWidthHint(text) ?? ManifestHints.hint(for: e, source: text) else { return message }
        return message + (message.hasSuffix("\n") ? "" : "\n") + hint
    }

    static func location(source: String, text: String, mark: Mark) -> String {
        "  at \(source):\(mark.line):\(mark.column)\n" + YAMLError.caretSnippet(source: text, at: mark)
    }
}
