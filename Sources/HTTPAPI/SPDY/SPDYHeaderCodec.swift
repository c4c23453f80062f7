import CZlib

/// SPDY/3 header blocks: each direction is one zlib stream for the whole connection, primed with the
/// SPDY dictionary, flushed (Z_SYNC_FLUSH) after every block.
final class SPDYHeaderCodec {
    struct Failure: Error { let what: String }

    private var inflater = z_stream()
    private var deflater = z_stream()

    init?() {
        guard czlib_inflate_init(&inflater) == Z_OK else { return nil }
        guard czlib_deflate_init(&deflater, Z_DEFAULT_COMPRESSION) == Z_OK else {
            inflateEnd(&inflater)
            return nil
        }
        let primed = SPDYDictionary.bytes.withUnsafeBufferPointer { deflateSetDictionary(&deflater, $0.baseAddress, uInt($0.count)) }
        guard primed == Z_OK else {
            inflateEnd(&inflater)
            deflateEnd(&deflater)
            return nil
        }
    }

    deinit {
        inflateEnd(&inflater)
        deflateEnd(&deflater)
    }

    /// The name/value pairs of a compressed block (names lower case; a value may hold several, NUL-separated).
    func decode(_ block: [UInt8]) throws -> [String: String] {
        var input = block
        var plain: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        try input.withUnsafeMutableBufferPointer { inBuf in
            inflater.next_in = inBuf.baseAddress
            inflater.avail_in = uInt(inBuf.count)
            while true {
                let (status, produced): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { out in
                    inflater.next_out = out.baseAddress
                    inflater.avail_out = uInt(out.count)
                    let r = inflate(&inflater, Z_SYNC_FLUSH)
                    return (r, out.count - Int(inflater.avail_out))
                }
                plain += chunk[0..<produced]
                if status == Z_NEED_DICT {
                    let set = SPDYDictionary.bytes.withUnsafeBufferPointer { inflateSetDictionary(&inflater, $0.baseAddress, uInt($0.count)) }
                    guard set == Z_OK else { throw Failure(what: "header dictionary rejected") }
                    continue
                }
                guard status == Z_OK || status == Z_BUF_ERROR else { throw Failure(what: "header block does not inflate (\(status))") }
                if inflater.avail_in == 0 && produced < chunk.count { break }
                if status == Z_BUF_ERROR { break }
                guard plain.count < 1 << 20 else { throw Failure(what: "header block too large") }
            }
            inflater.next_in = nil
        }
        return try Self.pairs(plain)
    }

    private static func pairs(_ b: [UInt8]) throws -> [String: String] {
        var at = 0
        func u32() throws -> Int {
            guard at + 4 <= b.count else { throw Failure(what: "short header block") }
            defer { at += 4 }
            return Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3])
        }
        func text() throws -> String {
            let n = try u32()
            guard at + n <= b.count else { throw Failure(what: "short header block") }
            defer { at += n }
            return String(decoding: b[at..<at + n], as: UTF8.self)
        }
        var headers: [String: String] = [:]
        let count = try u32()
        guard count <= 1024 else { throw Failure(what: "too many headers") }
        for _ in 0..<count {
            let name = try text().lowercased()
            headers[name] = try text()
        }
        return headers
    }

    /// A compressed block of `headers`.
    func encode(_ headers: [(String, String)]) -> [UInt8] {
        func u32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        var plain = u32(headers.count)
        for (name, value) in headers {
            plain += u32(name.utf8.count) + Array(name.utf8) + u32(value.utf8.count) + Array(value.utf8)
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        plain.withUnsafeMutableBufferPointer { inBuf in
            deflater.next_in = inBuf.baseAddress
            deflater.avail_in = uInt(inBuf.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { o in
                    deflater.next_out = o.baseAddress
                    deflater.avail_out = uInt(o.count)
                    _ = deflate(&deflater, Z_SYNC_FLUSH)
                    return o.count - Int(deflater.avail_out)
                }
                out += chunk[0..<produced]
            } while deflater.avail_out == 0
            deflater.next_in = nil
        }
        return out
    }
}
