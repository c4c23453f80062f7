import YAML

/// One JSON field of a Go struct: how to read it into a Swift value and write it back.
struct FieldCodec<Root> {
    let name: String
    let read: (inout Root, YNode, inout DecodeState, DecodeContext) -> Void
    /// Nil when Go's omitempty would leave the field out.
    let write: (Root) -> JSONValue?

    init(name: String, read: @escaping (inout Root, YNode, inout DecodeState, DecodeContext) -> Void, write: @escaping (Root) -> JSONValue?) {
        self.name = name
        self.read = read
        self.write = write
    }

    /// A field stored at a key path. `omitEmpty` mirrors the Go tag's `,omitempty`.
    init<V>(_ name: String, _ keyPath: WritableKeyPath<Root, V>, _ codec: Codec<V>, omitEmpty: Bool = true) {
        self.name = name
        self.read = { root, node, state, ctx in
            if let v = codec.read(node, &state, ctx) { root[keyPath: keyPath] = v }
        }
        self.write = { root in
            let v = root[keyPath: keyPath]
            return omitEmpty && codec.isEmpty(v) ? nil : codec.write(v)
        }
    }
}

/// A Go struct: its name for type errors, the value decoding starts from, and its JSON fields.
struct StructSchema<T> {
    /// "PodSpec", as encoding/json names the struct in "Go struct field PodSpec.spec.x".
    let goName: String
    /// "v1.PodSpec", the Go type a whole-struct mismatch reports.
    let goType: String
    /// The value before any field is read: Go's zero value where presence matters (a strategy's
    /// rollingUpdate), the Swift default elsewhere (defaulting would set the same).
    let make: () -> T
    let fields: [FieldCodec<T>]
    private let index: [String: Int]

    init(_ goType: String, make: @escaping () -> T, _ fields: [FieldCodec<T>]) {
        self.goType = goType
        self.goName = goType.split(separator: ".").last.map(String.init) ?? goType
        self.make = make
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f.name] = i }
        self.index = index
    }

    /// Reads a mapping the way the API server's strict decoder does: keys in sorted order (kubectl
    /// sends JSON marshalled from a Go map), exact-case names, every unknown field recorded.
    func read(_ node: YNode, _ state: inout DecodeState, _ ctx: DecodeContext) -> T? {
        guard case .mapping(let pairs, _) = node else {
            state.mismatch(node, goType: goType, ctx)
            return nil
        }
        var value = make()
        let sorted = pairs.map { (name: $0.key.keyText, key: $0.key, value: $0.value) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for entry in sorted {
            let child = ctx.field(entry.name, in: goName)
            guard let i = index[entry.name] else {
                state.unknownFields.append(UnknownField(path: child.path, mark: entry.key.mark))
                continue
            }
            state.marks[child.path] = entry.value.mark
            // JSON null leaves a Go field at its zero value.
            if entry.value.isNull { continue }
            fields[i].read(&value, entry.value, &state, child)
        }
        return value
    }

    /// Fields in sorted order, as `kubectl get -o yaml/json` prints them (kubectl re-marshals maps).
    func write(_ value: T) -> JSONValue {
        let present = fields.compactMap { f in f.write(value).map { (f.name, $0) } }
        return .object(present.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }
}
