import XCTest
@testable import Kubectl

final class PrintingTabWriterTests: XCTestCase {
    func testColumnsArePaddedToWidestCellPlusPaddingButNotTheLastCell() {
        var writer = TabWriter.table()
        XCTAssertEqual(writer.format("NAME\tAGE\nsample-pod\t2s\n"),
                       "NAME         AGE\nsample-pod   2s\n")
    }

    func testNarrowColumnsGetTheMinimumWidth() {
        var writer = TabWriter.table()
        XCTAssertEqual(writer.format("A\tB\nc\td\n"), "A     B\nc     d\n")
    }

    func testALineWithoutTabsEndsTheColumnBlock() {
        var writer = TabWriter.describe()
        let text = "Name:\tx\nLonger Name:\ty\nSection:\n  Key:\tz\n"
        XCTAssertEqual(writer.format(text),
                       "Name:         x\nLonger Name:  y\nSection:\n  Key:  z\n")
    }

    func testEmptyLeadingCellsAlignContinuationLines() {
        var writer = TabWriter.describe()
        XCTAssertEqual(writer.format("Labels:\ta=b\n\tc=d\nQoS Class:\tBestEffort\n"),
                       "Labels:     a=b\n            c=d\nQoS Class:  BestEffort\n")
    }

    func testWideCharactersCountTwoColumns() {
        var writer = TabWriter.table()
        XCTAssertEqual(writer.format("NAME\tX\n数据库\ty\nab\tz\n"),
                       "NAME     X\n数据库   y\nab       z\n")
        XCTAssertEqual(DisplayWidth.of("数据库"), 6)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
    }

    func testRememberedWidthsNeverShrinkAcrossFlushes() {
        var writer = TabWriter(minWidth: 6, padding: 3, rememberWidths: true)
        XCTAssertEqual(writer.format("NAME\tAGE\nlong-pod-name\t1s\n"), "NAME            AGE\nlong-pod-name   1s\n")
        XCTAssertEqual(writer.format("x\t2s\n"), "x               2s\n")
    }
}
