import XCTest
@testable import HTTPAPI

/// SPDY/3.1 framing and header compression, as kubectl's port-forward speaks it.
final class SPDYTests: XCTestCase {
    func testTheDictionaryIsTheSpecsSize() {
        // draft-mbelshe-httpbis-spdy-00 2.6.10.1: 1423 bytes, starting "\0\0\0\u{7}options".
        XCTAssertEqual(SPDYDictionary.bytes.count, 1423)
        XCTAssertEqual(Array(SPDYDictionary.bytes.prefix(11)), [0, 0, 0, 7] + Array("options".utf8))
        XCTAssertEqual(String(decoding: SPDYDictionary.bytes.suffix(7), as: UTF8.self), ",enq=0.")
    }

    func testHeaderBlocksRoundTripAcrossOneStreamPerDirection() throws {
        let (sender, receiver) = (try XCTUnwrap(SPDYHeaderCodec()), try XCTUnwrap(SPDYHeaderCodec()))
        let first = [("streamtype", "error"), ("port", "80"), ("requestid", "0")]
        XCTAssertEqual(try receiver.decode(sender.encode(first)), ["streamtype": "error", "port": "80", "requestid": "0"])
        // The second block continues the same zlib stream (and is smaller for it).
        let second = sender.encode([("streamtype", "data"), ("port", "80"), ("requestid", "0")])
        XCTAssertEqual(try receiver.decode(second), ["streamtype": "data", "port": "80", "requestid": "0"])
        XCTAssertEqual(try receiver.decode(sender.encode([])), [:])
        XCTAssertThrowsError(try XCTUnwrap(SPDYHeaderCodec()).decode([1, 2, 3, 4, 5]))
    }

    func testFramesParseWhenWholeAndEncodeAsTheDraftSays() throws {
        var buffer = SPDYFrame.dataFrame(stream: 3, fin: true, [104, 105][...])
        XCTAssertEqual(buffer, [0, 0, 0, 3, 1, 0, 0, 2, 104, 105])
        let whole = buffer
        buffer = Array(whole.prefix(5))
        XCTAssertNil(try SPDYFrame.next(from: &buffer), "incomplete")
        buffer = whole + SPDYFrame.pong(id: 7)
        XCTAssertEqual(try SPDYFrame.next(from: &buffer), .data(stream: 3, flags: 1, payload: [104, 105]))
        XCTAssertEqual(try SPDYFrame.next(from: &buffer), .ping(id: 7))
        XCTAssertEqual(buffer, [])
        XCTAssertEqual(SPDYFrame.synReply(stream: 1, headerBlock: [9]), [0x80, 3, 0, 2, 0, 0, 0, 5, 0, 0, 0, 1, 9])
        var syn: [UInt8] = [0x80, 3, 0, 1, 0, 0, 0, 11, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 42]
        XCTAssertEqual(try SPDYFrame.next(from: &syn), .synStream(stream: 5, flags: 0, headerBlock: [42]))
        var v2: [UInt8] = [0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1]
        XCTAssertThrowsError(try SPDYFrame.next(from: &v2))
    }
}
