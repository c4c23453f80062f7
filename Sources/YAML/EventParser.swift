import CYAML

/// Builds `Node` trees from libyaml's event stream for one kubectl document chunk.
///
/// The event API (not libyaml's document API) is used because the document API silently accepts duplicate
/// keys and drops scalar styles. Trees are built with an explicit stack, so deep nesting cannot overflow
/// the thread's stack here; depth is still capped because every later consumer of `Node` recurses.
struct EventParser {
    /// Deepest nesting accepted; Kubernetes objects are a few dozen levels deep at most.
    static let maxDepth = 500
    /// Most nodes one document may expand to, aliases included (guards against "billion laughs").
    static let maxNodes = 1_000_000

    /// A collection being built; a class so that appending to it does not copy its items.
    private final class Frame {
        let isMapping: Bool
        let mark: Mark
        let anchor: String?
        /// Nodes this collection expands to, itself included.
        var size = 1
        var items: [Node] = []
        var entries: [(key: Node, value: Node)] = []
        var pendingKey: Node?
        var keys: Set<String> = []

        init(isMapping: Bool, mark: Mark, anchor: String?) {
            self.isMapping = isMapping
            self.mark = mark
            self.anchor = anchor
        }
    }

    private let chunk: DocumentChunk
    private var stack: [Frame] = []
    /// Anchored nodes of the current document with their expanded node counts.
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var nodeCount = 0
    private var documents: [Node] = []
    /// go-yaml builds the whole tree before decoding it, so syntax errors anywhere in the chunk win over
    /// decode-time problems (an unknown anchor or bad merge, then duplicate keys); the first of each is
    /// held until the chunk has parsed.
    private var decodeFailure: YAMLError?
    private var duplicateKey: YAMLError?

    private init(chunk: DocumentChunk) { self.chunk = chunk }

    /// The chunk's document (none if the chunk holds only comments), possibly an empty (null) one.
    static func parse(_ chunk: DocumentChunk) throws -> [Node] {
        var builder = EventParser(chunk: chunk)
        // go-yaml feeds a lone newline for empty input; libyaml also wants a non-null buffer.
        let bytes = chunk.bytes.isEmpty ? [UInt8(ascii: "\n")] : chunk.bytes
        // libyaml keeps a pointer to the parser itself (string input), so it must not move: heap-allocate.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(kind: .reader, problem: "cannot initialize the YAML parser", mark: Mark(line: 1, column: 1), goYAMLLine: 0)
        }
        defer { yaml_parser_delete(parser) }
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(parser, base, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) != 0 else { throw builder.libyamlError(parser.pointee) }
                defer { yaml_event_delete(&event) }
                // go-yaml reads only the first document of a chunk and never looks past its end, so
                // whatever follows (even a syntax error) is ignored, as kubectl ignores it.
                if event.type == YAML_STREAM_END_EVENT || event.type == YAML_DOCUMENT_END_EVENT { break }
                try builder.handle(event)
            }
        }
        if let error = builder.decodeFailure ?? builder.duplicateKey { throw error }
        return builder.documents
    }

    // MARK: - Events

    private mutating func handle(_ event: yaml_event_t) throws {
        let mark = absolute(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            nodeCount = 0
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, length: data.length)
            var style = Self.style(data.style)
            // `!!str 123` means the string "123": treat it like a quoted scalar.
            if style == .plain, let tag = cString(data.tag), tag == "tag:yaml.org,2002:str" { style = .doubleQuoted }
            try count(1, at: mark)
            try add(.scalar(text, style, mark), size: 1, anchor: cString(data.anchor))
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                if decodeFailure == nil { decodeFailure = composerError("unknown anchor '\(name)' referenced", at: mark) }
                try add(.scalar("", .plain, mark), size: 1, anchor: nil)
                return
            }
            try count(anchored.size, at: mark)
            try add(anchored.node, size: anchored.size, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try push(Frame(isMapping: false, mark: mark, anchor: cString(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            try push(Frame(isMapping: true, mark: mark, anchor: cString(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            if frame.isMapping {
                var merged = frame.entries
                do {
                    merged = try MergeKeys.apply(to: frame.entries)
                } catch let error as YAMLError {
                    if decodeFailure == nil { decodeFailure = error }
                }
                try add(.mapping(merged, frame.mark), size: frame.size, anchor: frame.anchor)
            } else {
                try add(.sequence(frame.items, frame.mark), size: frame.size, anchor: frame.anchor)
            }
        default:
            break  // stream start, document end: nothing to build
        }
    }

    private mutating func count(_ size: Int, at mark: Mark) throws {
        nodeCount += size
        guard nodeCount <= Self.maxNodes else { throw composerError("document contains excessive aliasing", at: mark) }
    }

    private mutating func push(_ frame: Frame) throws {
        guard stack.count < Self.maxDepth else {
            throw composerError("exceeded max depth of \(Self.maxDepth)", at: frame.mark)
        }
        try count(1, at: frame.mark)
        stack.append(frame)
    }

    /// Adds a finished node to the collection being built, or as a document root.
    private mutating func add(_ node: Node, size: Int, anchor: String?) throws {
        if let anchor { anchors[anchor] = (node, size) }
        guard let top = stack.last else {
            documents.append(node)
            return
        }
        top.size += size
        if !top.isMapping {
            top.items.append(node)
        } else if let key = top.pendingKey {
            top.entries.append((key, node))
            top.pendingKey = nil
        } else {
            checkDuplicate(key: node, in: top)
            top.pendingKey = node
        }
    }

    /// go-yaml's strict mode (sigs.k8s.io/yaml) rejects a key already present in the same mapping.
    private mutating func checkDuplicate(key: Node, in frame: Frame) {
        guard case .scalar(let text, let style, let mark) = key, !(style == .plain && text == "<<") else { return }
        guard !frame.keys.insert(Self.identity(ofKey: text, style: style)).inserted, duplicateKey == nil else { return }
        duplicateKey = YAMLError(
            kind: .duplicateKey, problem: "key \(Self.goDescription(ofKey: text, style: style)) already set in map", mark: mark,
            goYAMLLine: mark.line - chunk.firstLine)
    }

    /// What go-yaml compares keys by: the typed value, so `1` and `"1"` differ but `yes` and `true` clash.
    private static func identity(ofKey text: String, style: ScalarStyle) -> String {
        guard style == .plain else { return "s:" + text }
        switch ResolvedScalar.resolve(text) {
        case .null: return "n"
        case .bool(let flag): return "b:\(flag)"
        case .int(let number): return "i:\(number)"
        case .double(let number): return "d:\(number)"
        case .timestamp, .string: return "s:" + text
        }
    }

    /// A key as go-yaml's `%#v` shows it: strings Go-quoted, other types bare.
    private static func goDescription(ofKey text: String, style: ScalarStyle) -> String {
        guard style == .plain else { return goQuoted(text) }
        switch ResolvedScalar.resolve(text) {
        case .null: return "<nil>"
        case .bool(let flag): return String(flag)
        case .int(let number): return String(number)
        case .double(let number): return GoFloatFormat.yaml(number)
        case .timestamp, .string: return goQuoted(text)
        }
    }

    // MARK: - Conversions from libyaml

    private func absolute(_ mark: yaml_mark_t) -> Mark {
        Mark(line: Int(mark.line) + chunk.firstLine + 1, column: Int(mark.column) + 1)
    }

    private func composerError(_ problem: String, at mark: Mark) -> YAMLError {
        // go-yaml reports these from its decoder without a line.
        YAMLError(kind: .composer, problem: problem, mark: mark, goYAMLLine: 0)
    }

    /// The error libyaml reported, with go-yaml's line rule (decode.go `parser.fail`): the problem mark's
    /// 0-based line, plus one for scanner errors only; if that line is 0, the context mark's 0-based line.
    private func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
        let kind: YAMLError.Kind
        switch parser.error {
        case YAML_READER_ERROR: kind = .reader
        case YAML_SCANNER_ERROR: kind = .scanner
        case YAML_COMPOSER_ERROR: kind = .composer
        default: kind = .parser
        }
        let problem = cString(parser.problem) ?? "unknown problem parsing YAML content"
        var goLine = 0
        if parser.problem_mark.line != 0 {
            goLine = Int(parser.problem_mark.line) + (kind == .scanner ? 1 : 0)
        } else if parser.context_mark.line != 0 {
            goLine = Int(parser.context_mark.line)
        }
        var mark = absolute(parser.problem_mark)
        if kind == .reader {
            // Reader errors carry a byte offset, not a mark: find its line and column ourselves.
            mark = Self.position(ofByte: Int(parser.problem_offset), in: chunk)
        }
        let context = cString(parser.context)
        return YAMLError(
            kind: kind, problem: problem, mark: mark, context: context,
            contextMark: context == nil ? nil : absolute(parser.context_mark), goYAMLLine: goLine)
    }

    /// 1-based line and column (in characters) of a byte offset in the chunk, as a whole-source mark.
    static func position(ofByte offset: Int, in chunk: DocumentChunk) -> Mark {
        var line = 0
        var column = 0
        for byte in chunk.bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Mark(line: line + chunk.firstLine + 1, column: column + 1)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func cString<T>(_ pointer: UnsafePointer<T>?) -> String? {
        guard let pointer else { return nil }
        return pointer.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
    }

    private func cString<T>(_ pointer: UnsafeMutablePointer<T>?) -> String? {
        cString(pointer.map { UnsafePointer($0) })
    }
}

/// A string in Go's `%#v` form, as go-yaml prints keys: double-quoted with Go escapes.
func goQuoted(_ text: String) -> String {
    "\"" + JSONPrinter.escape(text, htmlSafe: false) + "\""
}
