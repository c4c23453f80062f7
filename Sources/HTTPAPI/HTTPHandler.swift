import Foundation
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// One connection's HTTP/1.1 requests: collects a request (at most 3 MiB of body, as
/// kube-apiserver's limit), answers it off the event loop, streams watches and followed logs.
final class HTTPHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let bodyLimit = 3 * 1024 * 1024
    private let responder: Responder
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    /// Stops the stream this connection is serving (watch, follow), when the client goes away.
    private var stopStream: (() -> Void)?
    private var sink: StreamSink?

    init(responder: Responder) { self.responder = responder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
            tooLarge = false
            if let length = h.headers.first(name: "content-length").flatMap(Int.init), length > Self.bodyLimit { tooLarge = true }
        case .body(var buffer):
            if tooLarge { return }
            if body.count + buffer.readableBytes > Self.bodyLimit {
                tooLarge = true
                body = []
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            let keepAlive = head.isKeepAlive
            if tooLarge {
                write(context, responder.error(.tooLarge()), head: head, keepAlive: false)
                return
            }
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            let request = Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
            body = []
            let loop = context.eventLoop
            let responder = self.responder
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            apiWork.async {
                let reply = responder.respond(request)
                loop.execute {
                    let (handler, context) = bound.value
                    handler.write(context, reply, head: head, keepAlive: keepAlive)
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink?.markClosed()
        stopStream?()
        stopStream = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A declined WebSocket upgrade arrives as an error; the request then comes here as plain HTTP.
        if error is NIOWebSocketUpgradeError { return }
        // A TLS or protocol error on one connection: close it; the server goes on.
        context.close(promise: nil)
    }

    private func write(_ context: ChannelHandlerContext, _ reply: Reply, head: HTTPRequestHead, keepAlive: Bool) {
        guard context.channel.isActive else { return }
        switch reply {
        case .json(let code, let text):
            send(context, code: code, contentType: "application/json", body: text, head: head, keepAlive: keepAlive)
        case .text(let code, let text):
            send(context, code: code, contentType: "text/plain", body: text, head: head, keepAlive: keepAlive)
        case .typed(let code, let contentType, let text):
            send(context, code: code, contentType: contentType, body: text, head: head, keepAlive: keepAlive)
        case .stream(let contentType, let start):
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Cache-Control", value: "no-cache, private")
            headers.add(name: "Transfer-Encoding", value: "chunked")
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
            let loop = context.eventLoop
            let channel = context.channel
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            let sink = StreamSink(
                send: { text in
                    loop.execute {
                        let (handler, context) = bound.value
                        guard channel.isActive, handler.sink != nil else { return }
                        var buffer = channel.allocator.buffer(capacity: text.utf8.count)
                        buffer.writeString(text)
                        context.writeAndFlush(handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                    }
                },
                finish: {
                    loop.execute {
                        let (handler, context) = bound.value
                        guard channel.isActive, handler.sink != nil else { return }
                        handler.stopStream = nil
                        handler.sink = nil
                        context.writeAndFlush(handler.wrapOutboundOut(.end(nil))).whenComplete { _ in
                            if !keepAlive { context.close(promise: nil) }
                        }
                    }
                })
            self.sink = sink
            stopStream = start(sink)
        }
    }

    private func send(_ context: ChannelHandlerContext, code: Int, contentType: String, body: String, head: HTTPRequestHead, keepAlive: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Cache-Control", value: "no-cache, private")
        let bytes = body.utf8.count
        headers.add(name: "Content-Length", value: String(bytes))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: code)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            var buffer = context.channel.allocator.buffer(capacity: bytes)
            buffer.writeString(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
