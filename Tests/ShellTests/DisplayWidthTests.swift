import XCTest
@testable import Shell

final class DisplayWidthTests: XCTestCase {
    func testASCIIIsOneColumnPerCharacter() {
        XCTAssertEqual(displayWidth("sample-pod"), 10)
        XCTAssertEqual(displayWidth(""), 0)
    }

    func testJapaneseIsTwoColumnsPerCharacter() {
        XCTAssertEqual(displayWidth("こんにちは"), 10)
        XCTAssertEqual(displayWidth("カタカナ漢字"), 12)
        XCTAssertEqual(displayWidth("ポッドpod"), 9)
    }

    func testFullwidthFormsAreTwoAndHalfwidthKatakanaIsOne() {
        XCTAssertEqual(displayWidth("ＡＢ"), 4)
        XCTAssertEqual(displayWidth("ｶﾀｶﾅ"), 4)
        XCTAssertEqual(displayWidth("、。"), 4)
    }

    func testHangulAndCJKExtensionsAreWide() {
        XCTAssertEqual(displayWidth("한국어"), 6)
        XCTAssertEqual(displayWidth("\u{20BB7}"), 2)  // 𠮷, CJK Extension B
    }

    func testCombiningMarksTakeNoColumn() {
        XCTAssertEqual(displayWidth("e\u{301}"), 1)           // é, decomposed
        XCTAssertEqual(displayWidth("\u{304B}\u{3099}"), 2)   // が as か + dakuten
        XCTAssertEqual(displayWidth("a\u{200B}b"), 2)         // zero-width space
    }

    func testEmojiAreWide() {
        XCTAssertEqual(displayWidth("🚀"), 2)
        XCTAssertEqual(displayWidth("👨‍👩‍👧"), 2)     // one ZWJ sequence
        XCTAssertEqual(displayWidth("❤️"), 2)          // text-default symbol with VS16
        XCTAssertEqual(displayWidth("🇯🇵"), 2)         // flag
    }

    func testControlCharactersTakeNoColumn() {
        XCTAssertEqual(displayWidth("a\u{7}b"), 2)
    }

    func testPaddingCountsColumnsNotCharacters() {
        XCTAssertEqual(padded("ポッド", toWidth: 8), "ポッド  ")
        XCTAssertEqual(padded("toolong", toWidth: 3), "toolong")
    }
}
