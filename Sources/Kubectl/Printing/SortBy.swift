import KubeAPI
import YAML

/// `--sort-by=<jsonpath>`: objects ordered by one field as kubectl's sorting printer orders them.
/// Its comparison puts an object without the field before any other (even before another without
/// it), and Go's sort.Sort is an insertion sort up to 12 items: both are kept, so small lists come
/// out exactly as kubectl prints them; longer ones are sorted stably with the same comparison.
struct SortBy {
    let path: JSONPath

    init(_ expression: String) throws {
        path = try CustomColumns.relaxed(expression)
    }

    /// Nil when no object has the field (kubectl then prints nothing, "No resources found").
    func sorted(_ objects: [APIObjectJSON]) -> [APIObjectJSON]? {
        var items = objects.map { (item: $0, key: path.values($0.json).first) }
        if !objects.isEmpty && items.allSatisfy({ $0.key == nil }) { return nil }
        func less(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
            guard let a else { return true }
            guard let b else { return false }
            return Self.less(a, b)
        }
        if items.count <= 12 {
            for i in items.indices.dropFirst() {
                var j = i
                while j > 0 && less(items[j].key, items[j - 1].key) {
                    items.swapAt(j, j - 1)
                    j -= 1
                }
            }
            return items.map(\.item)
        }
        let indexed = items.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { x, y in
            if less(x.1.key, y.1.key) && !less(y.1.key, x.1.key) { return true }
            if less(y.1.key, x.1.key) && !less(x.1.key, y.1.key) { return false }
            return x.0 < y.0
        }.map(\.1.item)
    }

    static func less(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.int(let x), .double(let y)): return Double(x) < y
        case (.double(let x), .int(let y)): return x < Double(y)
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.bool(let x), .bool(let y)): return !x && y
        default: return CustomColumns.goValue(a) < CustomColumns.goValue(b)
        }
    }
}

/// An object with its JSON, so that sorting encodes each object once.
struct APIObjectJSON {
    let object: APIObject
    let json: JSONValue
}
