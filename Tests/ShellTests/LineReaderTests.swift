import XCTest
@testable import Shell

final class LineReaderTests: XCTestCase {
    func testLinesComeWithoutNewlinesAndAFinalPartialLineIsKept() throws {
        var fds: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&fds), 0)
        let text = "get pods\r\n\napiVersion: v1\nlast"
        _ = text.withCString { write(fds[1], $0, strlen($0)) }
        close(fds[1])
        let reader = LineReader(fd: fds[0])
        var lines: [String] = []
        while let line = reader.next() { lines.append(line) }
        close(fds[0])
        XCTAssertEqual(lines, ["get pods", "", "apiVersion: v1", "last"])
        XCTAssertNil(reader.next(), "end of input is final")
    }

    func testLongInputCrossesReadBoundaries() throws {
        var pair: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&pair), 0)
        let fds = pair
        let lines = (0..<2000).map { "line \($0) " + String(repeating: "x", count: $0 % 50) }
        let writer = Thread {
            let data = Array((lines.joined(separator: "\n") + "\n").utf8)
            var done = 0
            while done < data.count {
                let n = data[done...].withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
                if n <= 0 { break }
                done += n
            }
            close(fds[1])
        }
        writer.start()
        let reader = LineReader(fd: fds[0])
        var got: [String] = []
        while let line = reader.next() { got.append(line) }
        close(fds[0])
        XCTAssertEqual(got, lines)
    }
}
