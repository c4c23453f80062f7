import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOSSL

/// A minimal keep-alive HTTPS client for `kubetutor bench` (SwiftNIO + swift-nio-ssl): one
/// connection, one request at a time, bodies collected whole; or one streaming request whose
/// chunks go to a callback (a watch).
final class BenchAPIClient: @unchecked Sendable {
    private let channel: Channel
    private let handler: ResponseCollector

    init(group: EventLoopGroup, port: Int, caFile: String, token: String) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(caFile)
        let context = try NIOSSLContext(configuration: tls)
        let handler = ResponseCollector(token: token)
        self.handler = handler
        channel = try ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ssl = try NIOSSLClientHandler(context: context, serverHostname: "localhost")
                    try channel.pipeline.syncOperations.addHandler(ssl)
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: "127.0.0.1", port: port).wait()
    }

    /// GET `path` with `accept`; returns (status, body).
    func get(_ path: String, accept: String = "application/json") throws -> (Int, String) {
        let promise = channel.eventLoop.makePromise(of: (Int, String).self)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "localhost")
        headers.add(name: "Authorization", value: "Bearer \(handler.token)")
        headers.add(name: "Accept", value: accept)
        send(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers), promise: promise, stream: nil)
        return try promise.futureResult.wait()
    }

    /// Starts a streaming GET; `chunk` sees each piece of the body as it arrives.
    func stream(_ path: String, chunk: @escaping @Sendable (String) -> Void) {
        let promise = channel.eventLoop.makePromise(of: (Int, String).self)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "localhost")
        headers.add(name: "Authorization", value: "Bearer \(handler.token)")
        send(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers), promise: promise, stream: chunk)
    }

    /// Registers the response's promise and writes the request, both on the channel's event loop
    /// (so a response can never complete the previous request's promise).
    private func send(_ head: HTTPRequestHead, promise: EventLoopPromise<(Int, String)>, stream: (@Sendable (String) -> Void)?) {
        let (channel, handler) = (self.channel, self.handler)
        channel.eventLoop.execute {
            handler.expect(promise, stream: stream)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenFailure { promise.fail($0) }
        }
    }

    func close() { try? channel.close().wait() }
}

private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    let token: String
    private var promise: EventLoopPromise<(Int, String)>?
    private var stream: (@Sendable (String) -> Void)?
    private var status = 0
    private var body = ""

    init(token: String) { self.token = token }

    private var failure: Error?

    func expect(_ promise: EventLoopPromise<(Int, String)>, stream: (@Sendable (String) -> Void)?) {
        if let failure { return promise.fail(failure) }
        self.promise = promise
        self.stream = stream
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            body = ""
        case .body(var buffer):
            let text = buffer.readString(length: buffer.readableBytes) ?? ""
            if let stream { stream(text) } else { body += text }
        case .end:
            let done = promise
            promise = nil
            done?.succeed((status, body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failure = error
        let failed = promise
        promise = nil
        failed?.fail(error)
        context.close(promise: nil)
    }
}
