import Foundation
import Synchronization

/// "Stop what you are doing" for long-running commands (`get -w`, `logs -f`): set by Ctrl-C
/// (SIGINT) while a command runs, polled by the command. Thread-safe.
public enum Interrupt {
    /// True once Ctrl-C was pressed since the last `reset()`.
    public static var isRequested: Bool { SignalState.interrupt.load(ordering: .acquiring) }

    /// Clears the flag; the Shell does this before running each entry.
    public static func reset() { SignalState.interrupt.store(false, ordering: .releasing) }

    /// Raises the flag without a signal (tests; a timeout wanting the same effect as Ctrl-C).
    public static func request() {
        SignalState.interrupt.store(true, ordering: .releasing)
        SignalState.wake()
    }
}

/// Process-wide signal setup:
/// - SIGINT never kills kubetutor: it raises `Interrupt` and wakes the line editor. SIGQUIT (Ctrl-\\)
///   does the same: it stops the running command, and the Swift runtime's backtracer (which treats
///   SIGQUIT as a crash and waits for input) never sees it.
/// - SIGWINCH wakes the line editor to re-read the terminal size.
/// - SIGTERM and SIGHUP run the shutdown hooks (newest first) on a helper thread, then exit with
///   status 128 + signal. A second such signal during shutdown exits at once.
/// - SIGPIPE is ignored, so a closed output pipe is a write error, not a silent death.
///
/// The handlers only store atomics and write one byte to a pipe, the async-signal-safe minimum.
public enum SignalHandling {
    private static let hooks = Mutex<[@Sendable () -> Void]>([])
    private static let installed = Atomic<Bool>(false)

    /// Installs the handlers once; later calls do nothing. The Shell calls it from `run()`; call it
    /// earlier if the cluster must be stopped on SIGTERM during startup.
    public static func install() {
        guard installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        guard let wake = makePipe(nonBlockingRead: true), let shutdown = makePipe(nonBlockingRead: false) else {
            return  // Without pipes Ctrl-C still sets the flag; only the editor wake-up is lost.
        }
        SignalState.wakeRead.store(wake.read, ordering: .releasing)
        SignalState.wakeWrite.store(wake.write, ordering: .releasing)
        SignalState.shutdownWrite.store(shutdown.write, ordering: .releasing)
        let watcher = Thread { waitForShutdown(reading: shutdown.read) }
        watcher.name = "kubetutor-signals"
        watcher.start()

        setHandler(SIGINT, handleInterrupt)
        setHandler(SIGQUIT, handleInterrupt)
        setHandler(SIGWINCH, handleResize)
        setHandler(SIGTERM, handleShutdown)
        setHandler(SIGHUP, handleShutdown)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Registers work to do before exiting on SIGTERM/SIGHUP (e.g. stopping the cluster's
    /// containers, restoring the terminal). Hooks run newest first, on a helper thread.
    public static func onShutdown(_ hook: @escaping @Sendable () -> Void) {
        hooks.withLock { $0.append(hook) }
    }

    /// The read end of the wake-up pipe (-1 before `install()`): readable after SIGINT or SIGWINCH.
    static var wakeDescriptor: Int32 { SignalState.wakeRead.load(ordering: .acquiring) }

    /// Empties the wake-up pipe so that stale wake-ups do not disturb the next read.
    static func drainWakeups() {
        let fd = wakeDescriptor
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    private static func waitForShutdown(reading fd: Int32) {
        var signalNumber: UInt8 = 0
        while true {
            let count = read(fd, &signalNumber, 1)
            if count == 1 { break }
            if count < 0 && errno == EINTR { continue }
            return  // The pipe is gone; nothing more will arrive.
        }
        for hook in hooks.withLock({ $0 }).reversed() { hook() }
        // Not fflush(nil): the main thread may hold stdin's lock inside readLine, and all our
        // output goes out with write(2) anyway.
        _exit(128 + Int32(signalNumber))
    }

    private static func setHandler(_ signalNumber: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        // Restart interrupted system calls: other modules' blocking I/O need not handle EINTR.
        // The line editor does not rely on EINTR; it polls the wake-up pipe.
        action.sa_flags = SA_RESTART
        sigaction(signalNumber, &action, nil)
    }

    private static func makePipe(nonBlockingRead: Bool) -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        // Spawned containers must not inherit these (pipe2 is not visible from Swift's Glibc).
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        // A full pipe must never block a signal handler.
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        if nonBlockingRead { _ = fcntl(fds[0], F_SETFL, O_NONBLOCK) }
        return (fds[0], fds[1])
    }
}

/// State shared with the signal handlers: atomics only, initialised before any handler is set.
enum SignalState {
    static let interrupt = Atomic<Bool>(false)
    static let resize = Atomic<Bool>(false)
    static let shuttingDown = Atomic<Bool>(false)
    static let wakeRead = Atomic<Int32>(-1)
    static let wakeWrite = Atomic<Int32>(-1)
    static let shutdownWrite = Atomic<Int32>(-1)

    /// Async-signal-safe: one write(2) to a non-blocking pipe.
    static func wake() {
        var byte: UInt8 = 1
        let fd = wakeWrite.load(ordering: .relaxed)
        if fd >= 0 { _ = write(fd, &byte, 1) }
    }
}

private func handleInterrupt(_ signalNumber: Int32) {
    let savedErrno = errno
    SignalState.interrupt.store(true, ordering: .releasing)
    SignalState.wake()
    errno = savedErrno
}

private func handleResize(_ signalNumber: Int32) {
    let savedErrno = errno
    SignalState.resize.store(true, ordering: .releasing)
    SignalState.wake()
    errno = savedErrno
}

private func handleShutdown(_ signalNumber: Int32) {
    if SignalState.shuttingDown.exchange(true, ordering: .acquiringAndReleasing) {
        _exit(128 + signalNumber)  // Second signal: the hooks are stuck; leave now.
    }
    var byte = UInt8(truncatingIfNeeded: signalNumber)
    let fd = SignalState.shutdownWrite.load(ordering: .relaxed)
    if fd >= 0 { _ = write(fd, &byte, 1) } else { _exit(128 + signalNumber) }
}
