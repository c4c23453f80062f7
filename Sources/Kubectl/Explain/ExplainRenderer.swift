import APIServer
import KubeAPI

/// Lays out `kubectl explain` output as kubectl v1.32's plain-text template does.
enum ExplainRenderer {
    static func render(kind: ResourceKind, path: [String], field: FieldDoc?, type: TypeDoc?, recursive: Bool) -> String {
        var s = header(kind)
        if let field, let last = path.last {
            // kubectl's template ends the line, leaves room for an ENUM: line, then a blank line.
            s += "FIELD: \(last) <\(field.type)>\n\n\n"
        }
        s += "DESCRIPTION:\n"
        var paragraphs: [String] = []
        if let field { paragraphs.append(field.description) }
        if let type { paragraphs.append(type.description) }
        for p in paragraphs { s += wrap(p, indent: 4, width: 80) }
        s += "    \n"
        // Every path through kubectl's template ends with one more newline.
        guard let type, !type.fields.isEmpty else { return s + "\n" }
        s += "FIELDS:\n"
        if recursive {
            appendRecursive(type, depth: 1, into: &s)
        } else {
            for f in type.fields.sorted(by: { $0.name < $1.name }) {
                s += "  \(f.name)\t<\(f.type)>\(f.required ? " -required-" : "")\n"
                s += wrap(f.description, indent: 4, width: 80)
                s += "\n"
            }
        }
        return s + "\n"
    }

    /// `GROUP:` (for a named group), `KIND:` and `VERSION:`, and a blank line.
    static func header(_ kind: ResourceKind) -> String {
        (kind.group.isEmpty ? "" : "GROUP:      \(kind.group)\n") + "KIND:       \(kind.kind)\nVERSION:    \(kind.version)\n\n"
    }

    private static func appendRecursive(_ type: TypeDoc, depth: Int, into s: inout String) {
        for f in type.fields.sorted(by: { $0.name < $1.name }) {
            s += String(repeating: "  ", count: depth) + "\(f.name)\t<\(f.type)>\(f.required ? " -required-" : "")\n"
            // API types here hold no cycles; the depth cap keeps a future one from looping.
            if depth < 12, let nested = f.typeName.flatMap({ FieldDocs.types[$0] }) {
                appendRecursive(nested, depth: depth + 1, into: &s)
            }
        }
    }

    /// Greedy word wrap; every line starts with `indent` spaces and stays within `width` columns.
    static func wrap(_ text: String, indent: Int, width: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = "", line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && pad.count + line.count + 1 + word.count > width {
                out += pad + line + "\n"
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { out += pad + line + "\n" }
        return out
    }
}
