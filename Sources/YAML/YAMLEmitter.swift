import CYAML

/// Prints a value as `kubectl -o yaml` does (go-yaml v2 through sigs.k8s.io/yaml), using libyaml's emitter.
///
/// Block style, 2-space indent, sequences not indented under their key, no line wrapping, non-ASCII kept.
/// Strings that a YAML 1.1 reader would take for something else (`yes`, `on`, `0755`, `1e3`, `""`, dates)
/// are double-quoted; strings that cannot be plain (`- a`, ` x`, `a: b`) are single-quoted; multi-line
/// strings use `|`. Empty objects and arrays print as `{}` and `[]`.
/// - Parameter sortingKeys: sort every mapping's keys in go-yaml's order, as kubectl's output is (default);
///   pass false to keep the value's own key order.
public func emitYAML(_ value: JSONValue, sortingKeys: Bool = true) -> String {
    // Heap-allocated so that libyaml's state never moves while it holds pointers into it.
    let state = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
    state.initialize(to: yaml_emitter_t())
    defer { state.deallocate() }
    var emitter = YAMLEmitter(emitter: state, sortingKeys: sortingKeys)
    // libyaml only fails on invalid events or bytes; should it ever, JSON is also valid YAML.
    return emitter.emit(value) ?? value.jsonString() + "\n"
}

/// Accumulates libyaml's output; a class so the C write callback can reach it through a context pointer.
private final class OutputSink {
    var bytes: [UInt8] = []
}

private let writeToSink: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int) -> Int32 = {
    context, buffer, size in
    guard let context, let buffer else { return 0 }
    Unmanaged<OutputSink>.fromOpaque(context).takeUnretainedValue().bytes
        .append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
    return 1
}

private struct YAMLEmitter {
    let sortingKeys: Bool
    let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private var failed = false

    init(emitter: UnsafeMutablePointer<yaml_emitter_t>, sortingKeys: Bool) {
        self.emitter = emitter
        self.sortingKeys = sortingKeys
    }

    /// The YAML text, or nil if libyaml refused an event.
    mutating func emit(_ value: JSONValue) -> String? {
        let sink = OutputSink()
        guard yaml_emitter_initialize(emitter) != 0 else { return nil }
        defer { yaml_emitter_delete(emitter) }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(emitter, writeToSink, context)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, -1)
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        send(&event)
        node(value)
        yaml_document_end_event_initialize(&event, 1)
        send(&event)
        yaml_stream_end_event_initialize(&event)
        send(&event)
        guard !failed else { return nil }
        var text = withExtendedLifetime(sink) { String(decoding: sink.bytes, as: UTF8.self) }
        // libyaml 0.2.5 closes a document whose last scalar keeps trailing newlines (`|+`) with an
        // explicit `...`; go-yaml only does so before a following document, so kubectl prints none.
        if text.hasSuffix("\n...\n") { text.removeLast(4) }
        return text
    }

    private mutating func send(_ event: inout yaml_event_t) {
        guard !failed else {
            yaml_event_delete(&event)
            return
        }
        // libyaml takes ownership of the event, on failure too.
        if yaml_emitter_emit(emitter, &event) == 0 { failed = true }
    }

    private mutating func node(_ value: JSONValue) {
        var event = yaml_event_t()
        switch value {
        case .null: plain("null")
        case .bool(let flag): plain(flag ? "true" : "false")
        case .int(let number): plain(String(number))
        case .double(let number): plain(Self.format(number))
        case .string(let text): string(text)
        case .array(let items):
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            send(&event)
            for item in items { node(item) }
            yaml_sequence_end_event_initialize(&event)
            send(&event)
        case .object(let fields):
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
            send(&event)
            let ordered = sortingKeys ? fields.sorted { GoYAMLKeyOrder.precedes($0.0, $1.0) } : fields
            for (key, item) in ordered {
                string(key)
                node(item)
            }
            yaml_mapping_end_event_initialize(&event)
            send(&event)
        }
    }

    /// A double as kubectl shows it: JSON turns integral floats into integers before go-yaml sees them.
    private static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), Swift.abs(number) < 1e18 { return String(Int(number)) }
        return GoFloatFormat.yaml(number)
    }

    /// go-yaml's choice for a string: `|` if multi-line; double quotes if a reader would resolve it to
    /// another type; otherwise plain, which libyaml itself downgrades to single quotes when plain is unsafe.
    private mutating func string(_ text: String) {
        if text.contains("\n") {
            scalar(text, YAML_LITERAL_SCALAR_STYLE)
        } else if ResolvedScalar.resolve(text) != .string || ResolvedScalar.isBase60Float(text) {
            scalar(text, YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        } else {
            scalar(text, YAML_PLAIN_SCALAR_STYLE)
        }
    }

    private mutating func plain(_ text: String) {
        scalar(text, YAML_PLAIN_SCALAR_STYLE)
    }

    private mutating func scalar(_ text: String, _ style: yaml_scalar_style_t) {
        var event = yaml_event_t()
        var bytes = Array(text.utf8)
        let count = Int32(clamping: bytes.count)
        bytes.append(0)  // libyaml copies `length` bytes; the terminator only keeps the pointer non-null
        bytes.withUnsafeBufferPointer { buffer in
            _ = yaml_scalar_event_initialize(&event, nil, nil, buffer.baseAddress, count, 1, 1, style)
        }
        send(&event)
    }
}
