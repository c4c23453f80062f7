import YAML

/// `-o custom-columns=HEADER:.json.path,…`: one column per spec, each cell the JSONPath's values
/// (joined by commas, `<none>` when there are none), laid out by kubectl's tabwriter.
struct CustomColumns: Equatable {
    let columns: [(header: String, path: JSONPath)]

    static func == (a: CustomColumns, b: CustomColumns) -> Bool {
        a.columns.map(\.header) == b.columns.map(\.header) && a.columns.map(\.path) == b.columns.map(\.path)
    }

    init(spec: String) throws {
        var columns: [(String, JSONPath)] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw KubectlError("error: unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            columns.append((String(pieces[0]), try Self.relaxed(String(pieces[1]))))
        }
        self.columns = columns
    }

    /// kubectl's relaxed expressions: `.a.b`, `a.b` and `{.a.b}` mean the same.
    static func relaxed(_ expression: String) throws -> JSONPath {
        var e = expression
        if e.hasPrefix("{") && e.hasSuffix("}") { e = String(e.dropFirst().dropLast()) }
        if !e.hasPrefix(".") && !e.hasPrefix("[") { e = "." + e }
        do {
            return try JSONPath("{" + e + "}")
        } catch let error as JSONPath.ParseError {
            throw KubectlError("error: " + error.message)
        }
    }

    func render(_ objects: [JSONValue], noHeaders: Bool) -> String {
        var text = noHeaders ? "" : columns.map(\.header).joined(separator: "\t") + "\n"
        for o in objects {
            let cells = columns.map { column -> String in
                let values = column.path.values(o)
                return values.isEmpty ? "<none>" : values.map(Self.goValue).joined(separator: ",")
            }
            text += cells.joined(separator: "\t") + "\n"
        }
        var writer = TabWriter.table()
        return writer.format(text)
    }

    /// A value as Go's `%v` prints it: `map[a:b c:d]`, `[x y]`, `<nil>`.
    static func goValue(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e21 ? String(Int(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "<nil>"
        case .array(let items): return "[" + items.map(goValue).joined(separator: " ") + "]"
        case .object(let fields):
            return "map[" + fields.sorted { $0.0 < $1.0 }.map { "\($0.0):\(goValue($0.1))" }.joined(separator: " ") + "]"
        }
    }
}
