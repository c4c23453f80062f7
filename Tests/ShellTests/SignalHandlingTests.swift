import XCTest
@testable import Shell

final class SignalHandlingTests: XCTestCase {
    override func setUp() {
        SignalHandling.install()
        Interrupt.reset()
    }

    override func tearDown() {
        Interrupt.reset()
    }

    func testInterruptIsAResettableFlag() {
        XCTAssertFalse(Interrupt.isRequested)
        Interrupt.request()
        XCTAssertTrue(Interrupt.isRequested)
        Interrupt.reset()
        XCTAssertFalse(Interrupt.isRequested)
    }

    func testSIGINTRaisesTheFlagInsteadOfKillingTheProcess() {
        kill(getpid(), SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while !Interrupt.isRequested && Date() < deadline { usleep(1000) }
        XCTAssertTrue(Interrupt.isRequested)
    }

    func testSIGINTWakesTheLineEditorThroughThePipe() {
        SignalHandling.drainWakeups()
        let fd = SignalHandling.wakeDescriptor
        XCTAssertGreaterThanOrEqual(fd, 0)
        kill(getpid(), SIGINT)
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&descriptor, 1, 5000), 1)
        SignalHandling.drainWakeups()
    }

    func testInstallingTwiceIsHarmless() {
        let fd = SignalHandling.wakeDescriptor
        SignalHandling.install()
        XCTAssertEqual(SignalHandling.wakeDescriptor, fd)
    }

    func testTheLocaleEndsUpUTF8() {
        XCTAssertTrue(TerminalLocale.configure())
        XCTAssertTrue(TerminalLocale.isUTF8)
    }
}
