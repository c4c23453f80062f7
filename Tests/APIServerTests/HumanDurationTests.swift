import Foundation
import XCTest
@testable import APIServer

final class PrintingHumanDurationTests: XCTestCase {
    func testAgesAtEachBoundaryReadLikeKubectl() {
        let cases: [(TimeInterval, String)] = [
            (0, "0s"), (1, "1s"), (59, "59s"), (60, "60s"), (119, "119s"),
            (120, "2m"), (121, "2m1s"), (599, "9m59s"), (600, "10m"), (10_799, "179m"),
            (3 * 3600, "3h"), (3 * 3600 + 300, "3h5m"), (7 * 3600 + 59 * 60 + 59, "7h59m"),
            (8 * 3600, "8h"), (47 * 3600 + 3599, "47h"), (48 * 3600, "2d"), (49 * 3600, "2d1h"),
            (8 * 86400 - 1, "7d23h"), (8 * 86400, "8d"), (729 * 86400, "729d"),
            (730 * 86400, "2y"), (733 * 86400, "2y3d"), (8 * 365 * 86400, "8y"), (10 * 365 * 86400, "10y"),
        ]
        for (interval, expected) in cases {
            XCTAssertEqual(HumanDuration.format(interval), expected, "for \(interval)s")
        }
    }

    func testSlightlyFutureTimesAreNowButFurtherAreInvalid() {
        XCTAssertEqual(HumanDuration.format(-0.5), "0s")
        XCTAssertEqual(HumanDuration.format(-1.9), "0s")
        XCTAssertEqual(HumanDuration.format(-2), "<invalid>")
        XCTAssertEqual(HumanDuration.format(.nan), "<invalid>")
        XCTAssertEqual(HumanDuration.format(.infinity), "292y")
    }

    func testShortHumanDurationKeepsOneUnit() {
        XCTAssertEqual(HumanDuration.short(59), "59s")
        XCTAssertEqual(HumanDuration.short(60), "1m")
        XCTAssertEqual(HumanDuration.short(3599), "59m")
        XCTAssertEqual(HumanDuration.short(3600), "1h")
        XCTAssertEqual(HumanDuration.short(86400 * 364), "364d")
        XCTAssertEqual(HumanDuration.short(86400 * 365), "1y")
        XCTAssertEqual(HumanDuration.short(-3), "<invalid>")
    }

    func testAgeSinceATimestampIgnoresFloatNoiseAndUnsetTimes() {
        let created = Date(timeIntervalSince1970: 1_790_000_000.123)
        XCTAssertEqual(HumanDuration.since(created, now: created.addingTimeInterval(60)), "60s")
        XCTAssertEqual(HumanDuration.since(created, now: created.addingTimeInterval(600)), "10m")
        XCTAssertEqual(HumanDuration.since(nil, now: created), "<unknown>")
    }
}
