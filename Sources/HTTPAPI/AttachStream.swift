import Foundation
import NIOCore
import NIOWebSocket
import APIServer

/// One `attach` stream: the container's output from the moment of attaching, on stream 1, until
/// the container stops (then a Success status) or the client leaves. It follows the container's log,
/// which holds stdout and stderr as the container wrote them.
final class AttachStreamHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let api: APIServer
    private let options: ExecWebSocket.Options
    private let stop = StopFlag()
    private var closed = false

    init(api: APIServer, options: ExecWebSocket.Options) {
        self.api = api
        self.options = options
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let (api, options, stop) = (self.api, self.options, self.stop)
        Thread.detachNewThread {
            do {
                let (log, container, start) = try api.attach(namespace: options.namespace, pod: options.pod,
                                                             container: options.container, stdin: options.stdin)
                var offset = start
                while !stop.isSet {
                    let (data, next) = log.read(from: offset)
                    if !data.isEmpty {
                        offset = next
                        let chunk = [UInt8(1)] + Array(data)
                        loop.execute { bound.value.0.send(chunk, context: bound.value.1) }
                        continue
                    }
                    if !api.isLogLive(log, namespace: options.namespace, pod: options.pod, container: container) { break }
                    usleep(20_000)
                }
                loop.execute { bound.value.0.finish(status: ExecStreamHandler.success, context: bound.value.1) }
            } catch let e as APIError {
                loop.execute { bound.value.0.finish(status: ExecStreamHandler.failure(e.message, reason: e.reason), context: bound.value.1) }
            } catch {
                loop.execute { bound.value.0.finish(status: ExecStreamHandler.failure("\(error)", reason: "InternalError"), context: bound.value.1) }
            }
        }
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        guard !closed, context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .binary, data: buffer)), promise: nil)
    }

    private func finish(status: String, context: ChannelHandlerContext) {
        guard !closed else { return }
        send([3] + Array(status.utf8), context: context)
        close(context)
    }

    private func close(_ context: ChannelHandlerContext) {
        closed = true
        stop.set()
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: .normalClosure)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))).whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .connectionClose:
            if !closed { close(context) }
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        default:
            break  // no stdin to write to
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop.set()
        context.fireChannelInactive()
    }
}
