import Foundation
import NIOCore
import NIOWebSocket
import APIServer
import Cluster

/// kubectl's port-forward: SPDY/3.1 tunnelled through WebSocket (`SPDY/3.1+portforward.k8s.io`, the
/// SPDY bytes in binary messages), as the kubelet answers it. For each local connection kubectl opens an
/// error stream and a data stream with the same `requestID` and a `port` header; the pair gets one
/// connection to localhost:port in the pod. A failure is written on the error stream, as the kubelet does.
final class PortForwardSPDYHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private struct Pair {
        var port = 0
        var data: UInt32?
        var error: UInt32?
        var fd: Int32 = -1
        var started = false
        /// What the client sent before the pod connection was made.
        var pending: [UInt8] = []
        var clientFinished = false
    }

    private let api: APIServer
    private let namespace: String
    private let pod: String
    private let codec: SPDYHeaderCodec?
    private var buffer: [UInt8] = []
    private var pairs: [String: Pair] = [:]
    /// Stream id → request id.
    private var requests: [UInt32: String] = [:]
    private var closed = false

    init(api: APIServer, namespace: String, pod: String) {
        self.api = api
        self.namespace = namespace
        self.pod = pod
        codec = SPDYHeaderCodec()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .binary, .continuation:
            var payload = frame.unmaskedData
            guard let bytes = payload.readBytes(length: payload.readableBytes) else { return }
            buffer += bytes
            do {
                while let f = try SPDYFrame.next(from: &buffer) { handle(f, context: context) }
            } catch {
                finish(context: context)
            }
        case .connectionClose:
            finish(context: context)
        case .ping:
            context.answerPing(frame)
        default:
            break
        }
    }

    private func handle(_ frame: SPDYFrame, context: ChannelHandlerContext) {
        switch frame {
        case .synStream(let stream, let flags, let block):
            guard let codec, let headers = try? codec.decode(block) else { return finish(context: context) }
            send(SPDYFrame.synReply(stream: stream, headerBlock: codec.encode([])), context: context)
            let id = headers["requestid"] ?? "0"
            var pair = pairs[id] ?? Pair()
            pair.port = Int(headers["port"] ?? "") ?? 0
            requests[stream] = id
            if headers["streamtype"] == "error" { pair.error = stream } else { pair.data = stream }
            if headers["streamtype"] == "data", flags & SPDYFrame.fin != 0 { pair.clientFinished = true }
            pairs[id] = pair
            if pair.data != nil, pair.error != nil, !pair.started { start(id, context: context) }
        case .data(let stream, let flags, let payload):
            guard let id = requests[stream], var pair = pairs[id], stream == pair.data else { return }
            if pair.fd >= 0 {
                writeAll(payload[...], to: pair.fd)
                if flags & SPDYFrame.fin != 0 { shutdown(pair.fd, Int32(SHUT_WR)) }
            } else if pair.pending.count < 1 << 20 {
                pair.pending += payload
            }
            if flags & SPDYFrame.fin != 0 { pair.clientFinished = true }
            pairs[id] = pair
        case .rstStream(let stream, _):
            // kubectl resets the data stream once it has the reply: the pod connection goes.
            guard let id = requests[stream], let pair = pairs[id], stream == pair.data, pair.fd >= 0 else { return }
            shutdown(pair.fd, Int32(SHUT_RDWR))
        case .ping(let ping):
            send(SPDYFrame.pong(id: ping), context: context)
        case .goAway:
            finish(context: context)
        case .ignored:
            break
        }
    }

    private func start(_ id: String, context: ChannelHandlerContext) {
        pairs[id]?.started = true
        guard let pair = pairs[id] else { return }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        PodConnection.open(api, namespace: namespace, pod: pod, port: pair.port, on: context.eventLoop) { result in
            switch result {
            case .success(let fd): bound.value.0.connected(id, fd, context: bound.value.1)
            case .failure(let e): bound.value.0.failed(id, e.message, context: bound.value.1)
            }
        }
    }

    private func connected(_ id: String, _ fd: Int32, context: ChannelHandlerContext) {
        guard !closed, var pair = pairs[id], let dataStream = pair.data else {
            close(fd)
            return
        }
        pair.fd = fd
        writeAll(pair.pending[...], to: fd)
        pair.pending = []
        if pair.clientFinished { shutdown(fd, Int32(SHUT_WR)) }
        pairs[id] = pair
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        pumpReads(fd, on: context.eventLoop, chunk: { bytes in
            bound.value.0.send(SPDYFrame.dataFrame(stream: dataStream, fin: false, bytes[...]), context: bound.value.1)
        }, ended: { bound.value.0.ended(id, context: bound.value.1) })
    }

    private func failed(_ id: String, _ message: String, context: ChannelHandlerContext) {
        guard let pair = pairs[id] else { return }
        if let error = pair.error { send(SPDYFrame.dataFrame(stream: error, fin: false, Array(message.utf8)[...]), context: context) }
        ended(id, context: context)
    }

    /// The pod side is done: both streams end (FIN), as the kubelet closes them.
    private func ended(_ id: String, context: ChannelHandlerContext) {
        guard let pair = pairs.removeValue(forKey: id) else { return }
        if pair.fd >= 0 { close(pair.fd) }
        for stream in [pair.data, pair.error].compactMap({ $0 }) {
            send(SPDYFrame.dataFrame(stream: stream, fin: true, []), context: context)
            requests[stream] = nil
        }
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        if !closed { context.sendBinaryMessage(bytes) }
    }

    private func finish(context: ChannelHandlerContext) {
        guard !closed else { return }
        closed = true
        for pair in pairs.values where pair.fd >= 0 { shutdown(pair.fd, Int32(SHUT_RDWR)) }
        context.closeWebSocketNormally()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        for pair in pairs.values where pair.fd >= 0 { shutdown(pair.fd, Int32(SHUT_RDWR)) }
        context.fireChannelInactive()
    }
}
