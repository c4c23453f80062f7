import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOSSL
import APIServer

/// The HTTPS front of the API layer, on loopback only: TLS from `Credentials`, bearer-token
/// authentication, HTTP/1.1 (SwiftNIO and swift-nio-ssl; no HTTP or TLS code of our own).
public final class APIHTTPServer: @unchecked Sendable {
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts serving on 127.0.0.1:`port` (0: a free port; see `port`).
    public init(api: APIServer, credentials: Credentials, port requested: Int = 0) throws {
        let tls: NIOSSLContext
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(credentials.serverCertificate.path).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: credentials.serverKey.path, format: .pem)
            var config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            config.minimumTLSVersion = .tlsv12
            config.applicationProtocols = ["http/1.1"]
            tls = try NIOSSLContext(configuration: config)
        } catch {
            throw Failure(description: "cannot load the API server's certificate from \(credentials.directory.path): \(error)")
        }
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let responderBox = ResponderBox()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let responder = responderBox.responder else { throw Failure(description: "not ready") }
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(NIOSSLServerHandler(context: tls))
                    // A client that sends half a request and stalls is dropped after a minute.
                    try pipeline.addHandler(IdleStateCloser())
                    try pipeline.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [ExecWebSocket.upgrader(responder: responder)], completionHandler: { _ in }),
                        withErrorHandling: true)
                    try pipeline.addHandler(HTTPHandler(responder: responder), name: "http")
                }
            }
        do {
            channel = try bootstrap.bind(host: "127.0.0.1", port: requested).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw Failure(description: requested == 0 ? "cannot listen on 127.0.0.1: \(error)"
                          : "cannot listen on 127.0.0.1:\(requested) (\(error)); choose another with --api-port")
        }
        port = channel.localAddress?.port ?? requested
        responderBox.responder = Responder(api: api, token: credentials.token, address: "127.0.0.1:\(port)")
    }

    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

/// The responder, set once the port is known (discovery names the address).
private final class ResponderBox: @unchecked Sendable {
    var responder: Responder?
}

/// Closes a connection that has been idle (no bytes either way) for 60 s, unless it is streaming.
final class IdleStateCloser: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    private var lastActivity = NIODeadline.now()
    private var task: RepeatedTask?

    func handlerAdded(context: ChannelHandlerContext) {
        task = context.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(15), delay: .seconds(15)) { [weak self] _ in
            guard let self else { return }
            if NIODeadline.now() - self.lastActivity > .seconds(60) { context.close(promise: nil) }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { task?.cancel() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        lastActivity = .now()
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        task?.cancel()
        context.fireChannelInactive()
    }
}
