import CEditLine
import Foundation

/// libedit's character reader, replaced so that a read wakes up on signals: it waits on both the
/// terminal and `SignalHandling`'s wake-up pipe, resizes on SIGWINCH and ends the read on SIGINT.
extension LineEditor {
    /// Reads one character into `character`. Returns 1, 0 at end of input, -1 on error or SIGINT.
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            var descriptors = [
                pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalHandling.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if descriptors[1].revents != 0 {
                SignalHandling.drainWakeups()
                if SignalState.resize.exchange(false, ordering: .acquiringAndReleasing) {
                    el_resize(editLine)
                    _ = kt_el_refresh(editLine)
                }
                if Interrupt.isRequested {
                    interruptedDuringRead = true
                    errno = EINTR
                    return -1
                }
            }
            guard descriptors[0].revents != 0 else { continue }
            var byte: UInt8 = 0
            let count = read(inputDescriptor, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            if let scalar = decodePending(adding: byte) {
                character.pointee = wchar_t(bitPattern: scalar)
                return 1
            }
        }
    }

    /// Adds a byte to the pending UTF-8 sequence; returns its scalar value once complete.
    /// Invalid bytes are dropped, as libedit itself does.
    private func decodePending(adding byte: UInt8) -> UInt32? {
        if byte & 0xC0 != 0x80 { pendingBytes.removeAll() }  // A new sequence starts.
        pendingBytes.append(byte)
        guard let lead = pendingBytes.first else { return nil }
        let length: Int
        switch lead {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default:
            pendingBytes.removeAll()
            return nil
        }
        guard pendingBytes.count >= length else { return nil }
        defer { pendingBytes.removeAll() }
        var decoder = UTF8()
        var iterator = pendingBytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.value }
        return nil
    }
}
