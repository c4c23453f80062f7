import Foundation
import NIOCore
import NIOWebSocket
import APIServer
import Cluster

/// `portforward` over WebSocket as the kubelet serves it (`v4.channel.k8s.io`, what the Python client
/// speaks): for the i-th port of `?ports=`, channel 2i carries data and 2i+1 errors; each channel's first
/// frame is the port, two bytes little-endian. Each port gets one connection into the pod at once.
final class PortForwardStreamHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let api: APIServer
    private let namespace: String
    private let pod: String
    private let ports: [Int]
    /// The pod-side socket of each port (-1 before it connected or after it ended).
    private var sockets: [Int32]
    private var open: Int
    private var closed = false
    /// What the client sent for a port before its pod connection was made (clients do not wait).
    private var pending: [[UInt8]]

    init(api: APIServer, namespace: String, pod: String, ports: [Int]) {
        self.api = api
        self.namespace = namespace
        self.pod = pod
        self.ports = ports
        sockets = Array(repeating: -1, count: ports.count)
        pending = Array(repeating: [], count: ports.count)
        open = ports.count
    }

    func handlerAdded(context: ChannelHandlerContext) {
        for (i, port) in ports.enumerated() {
            let prefix = [UInt8(port & 0xff), UInt8(port >> 8)]
            send([UInt8(2 * i)] + prefix, context: context)
            send([UInt8(2 * i + 1)] + prefix, context: context)
        }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        for (i, port) in ports.enumerated() {
            PodConnection.open(api, namespace: namespace, pod: pod, port: port, on: context.eventLoop) { result in
                switch result {
                case .success(let fd): bound.value.0.connected(i, fd, context: bound.value.1)
                case .failure(let e): bound.value.0.failed(i, e.message, context: bound.value.1)
                }
            }
        }
    }

    private func connected(_ i: Int, _ fd: Int32, context: ChannelHandlerContext) {
        guard !closed else {
            close(fd)
            return
        }
        sockets[i] = fd
        writeAll(pending[i][...], to: fd)
        pending[i] = []
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        pumpReads(fd, on: context.eventLoop, chunk: { bytes in
            bound.value.0.send([UInt8(2 * i)] + bytes, context: bound.value.1)
        }, ended: { bound.value.0.ended(i, context: bound.value.1) })
    }

    private func failed(_ i: Int, _ message: String, context: ChannelHandlerContext) {
        send([UInt8(2 * i + 1)] + Array(message.utf8), context: context)
        ended(i, context: context)
    }

    /// A port's pod connection is over; the stream closes once every port's is.
    private func ended(_ i: Int, context: ChannelHandlerContext) {
        if sockets[i] >= 0 {
            close(sockets[i])
            sockets[i] = -1
        }
        open -= 1
        if open <= 0 { finish(context: context) }
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        if !closed { context.sendBinaryMessage(bytes) }
    }

    private func finish(context: ChannelHandlerContext) {
        guard !closed else { return }
        closed = true
        for i in sockets.indices where sockets[i] >= 0 {
            shutdown(sockets[i], Int32(SHUT_RDWR))  // the reader thread ends and reports; it closes nothing twice
        }
        context.closeWebSocketNormally()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .binary, .continuation:
            var payload = frame.unmaskedData
            guard let bytes = payload.readBytes(length: payload.readableBytes), let channel = bytes.first,
                  channel % 2 == 0, Int(channel / 2) < sockets.count else { return }
            let i = Int(channel / 2), fd = sockets[i]
            if fd >= 0 {
                writeAll(bytes[1...], to: fd)
            } else if open > 0, pending[i].count < 1 << 20 {
                pending[i] += bytes.dropFirst()
            }
        case .connectionClose:
            finish(context: context)
        case .ping:
            context.answerPing(frame)
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        for i in sockets.indices where sockets[i] >= 0 { shutdown(sockets[i], Int32(SHUT_RDWR)) }
        context.fireChannelInactive()
    }
}

/// Writes all of `bytes` to a blocking socket (stops early if the peer is gone).
func writeAll(_ bytes: ArraySlice<UInt8>, to fd: Int32) {
    var offset = bytes.startIndex
    while offset < bytes.endIndex {
        let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        offset += n
    }
}

/// The pod half of a forwarded connection, shared by the WebSocket and SPDY handlers.
enum PodConnection {
    /// Connects to localhost:`port` in the pod off the event loop; `done` runs on `loop` with the socket
    /// (blocking, owned by the caller) or the kubelet's message.
    static func open(_ api: APIServer, namespace: String, pod: String, port: Int, on loop: EventLoop,
                     _ done: @escaping @Sendable (Result<Int32, PortForwardError>) -> Void) {
        apiWork.async {
            let result: Result<Int32, PortForwardError>
            do {
                guard (1...65535).contains(port) else { throw PortForwardError(message: "invalid port \(port)") }
                let fd = try api.portForward(namespace: namespace, pod: pod, port: port)
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                result = .success(fd)
            } catch let e as PortForwardError {
                result = .failure(e)
            } catch {
                result = .failure(PortForwardError(message: "\(error)"))
            }
            loop.execute { done(result) }
        }
    }

}

/// Reads `fd` on a thread of its own until EOF; each chunk, then the end, is handled on `loop`.
func pumpReads(_ fd: Int32, on loop: EventLoop, chunk: @escaping @Sendable ([UInt8]) -> Void,
                     ended: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 32 * 1024)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                let bytes = Array(buffer[0..<n])
                loop.execute { chunk(bytes) }
            }
            loop.execute { ended() }
        }
}

extension ChannelHandlerContext {
    /// One binary WebSocket message, if the channel is still open.
    func sendBinaryMessage(_ bytes: [UInt8]) {
        guard channel.isActive else { return }
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        writeAndFlush(NIOAny(WebSocketFrame(fin: true, opcode: .binary, data: buffer)), promise: nil)
    }

    /// The pong a ping asks for.
    func answerPing(_ ping: WebSocketFrame) {
        writeAndFlush(NIOAny(WebSocketFrame(fin: true, opcode: .pong, data: ping.unmaskedData)), promise: nil)
    }

    /// A normal-closure close frame, then the connection closes.
    func closeWebSocketNormally() {
        var data = channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: .normalClosure)
        writeAndFlush(NIOAny(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))).whenComplete { [self] _ in
            close(promise: nil)
        }
    }
}
