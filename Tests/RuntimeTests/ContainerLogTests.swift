import XCTest
import Foundation
@testable import Runtime

final class ContainerLogTests: XCTestCase {
    private func write(_ log: ContainerLog, _ text: String) {
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { Foundation.write(log.fd, $0.baseAddress, bytes.count) }, bytes.count)
    }

    private func allocatedBytes(_ log: ContainerLog) -> Int {
        var st = stat()
        return fstat(log.fd, &st) == 0 ? Int(st.st_blocks) * 512 : -1
    }

    func testRotationStartsANewFileAfterTheLastCompleteLineAndFreesTheOldOne() throws {
        let log = try ContainerLog(name: "rotate")
        let line = String(repeating: "x", count: 99) + "\n"
        for _ in 0..<(3 << 20) / 100 { write(log, line) }
        write(log, "partial")
        XCTAssertFalse(log.rotate(ifOver: 4 << 20), "under the limit: nothing changes")
        XCTAssertEqual(log.start, 0)
        let before = allocatedBytes(log)

        XCTAssertTrue(log.rotate(ifOver: 1 << 20))
        XCTAssertEqual(log.rotations, 1)
        XCTAssertEqual(log.text, "partial", "the new file begins after the last newline")
        XCTAssertLessThan(allocatedBytes(log), before / 10, "the rotated bytes are freed")

        write(log, " line\nnext\n")
        XCTAssertEqual(log.text, "partial line\nnext\n")
        XCTAssertEqual(String(decoding: log.read(from: 0, maxBytes: 7), as: UTF8.self), "partial",
                       "an offset from before the rotation reads from the new file's start")
        XCTAssertFalse(log.rotate(ifOver: 1 << 20))
    }

    func testALogWithoutNewlinesRotatesAtItsEnd() throws {
        let log = try ContainerLog(name: "noline")
        write(log, String(repeating: "y", count: 200_000))
        XCTAssertTrue(log.rotate(ifOver: 100_000))
        XCTAssertEqual(log.start, 200_000)
        XCTAssertEqual(log.text, "")
    }
}
