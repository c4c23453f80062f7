/// SPDY/3.1 frames (draft-mbelshe-httpbis-spdy-00, as moby/spdystream speaks them for kubectl's
/// port-forward): control frames carry a version and type, data frames a stream id; both have flags
/// and a 24-bit length.
enum SPDYFrame: Equatable {
    case synStream(stream: UInt32, flags: UInt8, headerBlock: [UInt8])
    case rstStream(stream: UInt32, status: UInt32)
    case ping(id: UInt32)
    case goAway
    case data(stream: UInt32, flags: UInt8, payload: [UInt8])
    /// SETTINGS, WINDOW_UPDATE, HEADERS, NOOP and others a port-forward needs no answer for.
    case ignored(type: UInt16)

    static let fin: UInt8 = 1

    struct Malformed: Error { let what: String }

    /// Takes the next whole frame off the front of `buffer`; nil while it is incomplete.
    static func next(from buffer: inout [UInt8]) throws -> SPDYFrame? {
        guard buffer.count >= 8 else { return nil }
        let length = Int(buffer[5]) << 16 | Int(buffer[6]) << 8 | Int(buffer[7])
        guard buffer.count >= 8 + length else { return nil }
        let body = Array(buffer[8..<8 + length])
        let flags = buffer[4]
        let head = Array(buffer[0..<4])
        buffer.removeFirst(8 + length)
        func u32(_ at: Int) throws -> UInt32 {
            guard at + 4 <= body.count else { throw Malformed(what: "short frame") }
            return UInt32(body[at]) << 24 | UInt32(body[at + 1]) << 16 | UInt32(body[at + 2]) << 8 | UInt32(body[at + 3])
        }
        guard head[0] & 0x80 != 0 else {
            let stream = (UInt32(head[0]) << 24 | UInt32(head[1]) << 16 | UInt32(head[2]) << 8 | UInt32(head[3])) & 0x7fff_ffff
            return .data(stream: stream, flags: flags, payload: body)
        }
        let version = UInt16(head[0] & 0x7f) << 8 | UInt16(head[1])
        guard version == 3 else { throw Malformed(what: "SPDY version \(version)") }
        let type = UInt16(head[2]) << 8 | UInt16(head[3])
        switch type {
        case 1:
            guard body.count >= 10 else { throw Malformed(what: "short SYN_STREAM") }
            return .synStream(stream: try u32(0) & 0x7fff_ffff, flags: flags, headerBlock: Array(body[10...]))
        case 3: return .rstStream(stream: try u32(0) & 0x7fff_ffff, status: try u32(4))
        case 6: return .ping(id: try u32(0))
        case 7: return .goAway
        default: return .ignored(type: type)
        }
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }

    private static func control(_ type: UInt16, flags: UInt8, _ body: [UInt8]) -> [UInt8] {
        let n = body.count
        return [0x80, 3, UInt8(type >> 8), UInt8(type & 0xff), flags, UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + body
    }

    static func synReply(stream: UInt32, headerBlock: [UInt8]) -> [UInt8] { control(2, flags: 0, be32(stream) + headerBlock) }
    static func rst(stream: UInt32, status: UInt32) -> [UInt8] { control(3, flags: 0, be32(stream) + be32(status)) }
    static func pong(id: UInt32) -> [UInt8] { control(6, flags: 0, be32(id)) }
    static func goAwayFrame() -> [UInt8] { control(7, flags: 0, be32(0) + be32(0)) }

    static func dataFrame(stream: UInt32, fin: Bool, _ payload: ArraySlice<UInt8>) -> [UInt8] {
        let n = payload.count
        return be32(stream & 0x7fff_ffff) + [fin ? Self.fin : 0, UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + payload
    }
}
