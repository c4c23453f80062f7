import Foundation
import NIOCore
import NIOHTTP1
import NIOWebSocket
import APIServer
import Runtime
import YAML

/// `exec` and `attach` over WebSocket, as kubectl ≥ 1.31 speaks them (`v5.channel.k8s.io`, also v4):
/// binary frames whose first byte is the stream — 0 stdin, 1 stdout, 2 stderr, 3 the final status,
/// 4 terminal resize, 255 (v5) "close this stream".
enum ExecWebSocket {
    static let protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    /// What an exec or attach request asks for, from its query.
    struct Options {
        /// `exec` or `attach`.
        var subresource: String
        var namespace: String
        var pod: String
        var container: String?
        var command: [String]
        var stdin: Bool
        var tty: Bool

        init?(_ request: Request, registry: ResourceRegistry) {
            guard case .object(let resource, let ns?, let name?, let sub?) = Route.parse(request.path, registry: registry),
                  resource == .pod, sub == "exec" || sub == "attach" else { return nil }
            subresource = sub
            namespace = ns
            pod = name
            container = request.param("container")
            command = request.query["command"] ?? []
            stdin = request.flag("stdin")
            tty = request.flag("tty")
        }

        /// Whether the API layer would start the stream (otherwise the HTTP handler answers its error).
        func check(_ api: APIServer) -> Bool {
            if subresource == "attach" {
                return (try? api.attach(namespace: namespace, pod: pod, container: container, stdin: stdin)) != nil
            }
            return (try? api.checkExec(namespace: namespace, pod: pod, container: container, command: command)) != nil
        }
    }

    /// The upgrader: only authenticated exec and attach requests that pass the API layer's checks are upgraded;
    /// others fall through to the HTTP handler, which answers with the error.
    static func upgrader(responder: Responder) -> NIOWebSocketServerUpgrader {
        NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 20,
            shouldUpgrade: { channel, head in
                let promise = channel.eventLoop.makePromise(of: HTTPHeaders?.self)
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: [])
                let offered = (headers["sec-websocket-protocol"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                apiWork.async {
                    if responder.isAuthenticated(request), let forward = PortForwardRequest(request, registry: responder.api.registry) {
                        // kubectl tunnels SPDY (its ports come in streams); other clients name them in the query.
                        let spdy = offered.contains(PortForwardRequest.spdyProtocol)
                        guard spdy || offered.contains("v4.channel.k8s.io"),
                              (try? responder.api.checkPortForward(namespace: forward.namespace, pod: forward.pod, ports: forward.ports,
                                                                   requirePorts: !spdy)) != nil
                        else { return promise.succeed(nil) }
                        var reply = HTTPHeaders()
                        reply.add(name: "Sec-WebSocket-Protocol", value: spdy ? PortForwardRequest.spdyProtocol : "v4.channel.k8s.io")
                        return promise.succeed(reply)
                    }
                    guard responder.isAuthenticated(request), let options = Options(request, registry: responder.api.registry),
                          let chosen = protocols.first(where: offered.contains),
                          options.check(responder.api)
                    else {
                        promise.succeed(nil)
                        return
                    }
                    var reply = HTTPHeaders()
                    reply.add(name: "Sec-WebSocket-Protocol", value: chosen)
                    promise.succeed(reply)
                }
                return promise.futureResult
            },
            upgradePipelineHandler: { channel, head in
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: [])
                if let forward = PortForwardRequest(request, registry: responder.api.registry) {
                    return channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let http = try? pipeline.handler(type: HTTPHandler.self) { pipeline.removeHandler(http, promise: nil) }
                        if (headers["sec-websocket-protocol"] ?? "").contains(PortForwardRequest.spdyProtocol) {
                            try pipeline.addHandler(PortForwardSPDYHandler(api: responder.api, namespace: forward.namespace, pod: forward.pod))
                            return
                        }
                        let ports = (try? responder.api.checkPortForward(namespace: forward.namespace, pod: forward.pod, ports: forward.ports)) ?? []
                        try pipeline.addHandler(PortForwardStreamHandler(api: responder.api, namespace: forward.namespace, pod: forward.pod, ports: ports))
                    }
                }
                guard let options = Options(request, registry: responder.api.registry) else { return channel.close() }
                let v5 = (headers["sec-websocket-protocol"] ?? "").contains("v5.channel.k8s.io")
                return channel.eventLoop.makeCompletedFuture {
                    // After an upgrade only WebSocket frames flow: the HTTP handler goes first.
                    let pipeline = channel.pipeline.syncOperations
                    if let http = try? pipeline.handler(type: HTTPHandler.self) {
                        pipeline.removeHandler(http, promise: nil)
                    }
                    if options.subresource == "attach" {
                        try pipeline.addHandler(AttachStreamHandler(api: responder.api, options: options))
                    } else {
                        try pipeline.addHandler(ExecStreamHandler(api: responder.api, options: options, v5: v5))
                    }
                }
            })
    }
}

/// A `pods/NAME/portforward` request: the pod and the ports asked for (`?ports=80,8080`, or repeated).
struct PortForwardRequest {
    /// What kubectl ≥ 1.31 asks for: SPDY/3.1 in WebSocket binary messages.
    static let spdyProtocol = "SPDY/3.1+portforward.k8s.io"
    var namespace: String
    var pod: String
    var ports: [String]

    init?(_ request: Request, registry: ResourceRegistry) {
        guard case .object(let resource, let ns?, let name?, "portforward"?) = Route.parse(request.path, registry: registry),
              resource == .pod else { return nil }
        namespace = ns
        pod = name
        ports = (request.query["ports"] ?? []) + (request.query["port"] ?? [])
    }
}

/// One exec stream: starts the process once upgraded, pumps its output into frames, and frames into its stdin.
final class ExecStreamHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let api: APIServer
    private let options: ExecWebSocket.Options
    private let v5: Bool
    private var process: ExecProcess?
    private var closed = false
    /// Input that arrived before the process started (the client does not wait for it).
    private var pendingStdin: [UInt8] = []
    private var pendingEnd = false

    init(api: APIServer, options: ExecWebSocket.Options, v5: Bool) {
        self.api = api
        self.options = options
        self.v5 = v5
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let api = self.api, options = self.options
        apiWork.async {
            do {
                let process = try api.exec(namespace: options.namespace, pod: options.pod, container: options.container,
                                           command: options.command, stdin: options.stdin, tty: options.tty)
                loop.execute { bound.value.0.started(process, context: bound.value.1) }
            } catch let e as APIError {
                loop.execute { bound.value.0.finish(status: Self.failure(e.message, reason: e.reason), context: bound.value.1) }
            } catch {
                loop.execute { bound.value.0.finish(status: Self.failure("\(error)", reason: "InternalError"), context: bound.value.1) }
            }
        }
    }

    private func started(_ process: ExecProcess, context: ChannelHandlerContext) {
        self.process = process
        if !pendingStdin.isEmpty { writeStdin(pendingStdin) }
        pendingStdin = []
        if pendingEnd { endStdin() }
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let group = DispatchGroup()
        func pump(_ fd: Int32, channel: UInt8) {
            group.enter()
            pumpReads(fd, on: loop, chunk: { bytes in bound.value.0.send([channel] + bytes, context: bound.value.1) },
                      ended: { group.leave() })
        }
        if let terminal = process.terminal {
            pump(terminal.master, channel: 1)
        } else {
            if let out = process.stdout { pump(out, channel: 1) }
            if let err = process.stderr { pump(err, channel: 2) }
        }
        apiWork.async {
            let status = process.wait() ?? ExitStatus(code: 1)
            // A pty's master reads EIO once every slave is closed; pipes reach EOF.
            _ = group.wait(timeout: .now() + 2)
            let code = status.kubernetesExitCode
            let message = code == 0 ? Self.success
                : Self.exitFailure(code, command: self.options.command)
            loop.execute { bound.value.0.finish(status: message, context: bound.value.1) }
        }
    }

    static let success = JSONValue.object([("metadata", .object([])), ("status", .string("Success"))]).compactJSONString()

    static func failure(_ message: String, reason: String, causes: [JSONValue] = []) -> String {
        var fields: [(String, JSONValue)] = [("metadata", .object([])), ("status", .string("Failure")),
                                             ("message", .string(message)), ("reason", .string(reason))]
        if !causes.isEmpty { fields.append(("details", .object([("causes", .array(causes))]))) }
        return JSONValue.object(fields).compactJSONString()
    }

    static func exitFailure(_ code: Int32, command: [String]) -> String {
        failure("command terminated with non-zero exit code: error executing command [\(command.joined(separator: " "))], exit code \(code)",
                reason: "NonZeroExitCode", causes: [.object([("reason", .string("ExitCode")), ("message", .string(String(code)))])])
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
        closed = true
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: .normalClosure)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))).whenComplete { _ in
            context.close(promise: nil)
        }
        process = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .binary, .continuation:
            var payload = frame.unmaskedData
            guard let bytes = payload.readBytes(length: payload.readableBytes), let stream = bytes.first else { return }
            let body = Array(bytes.dropFirst())
            switch stream {
            case 0: writeStdin(body)
            case 4: resize(body)
            case 255 where v5: if body.first == 0 { endStdin() }
            default: break
            }
        case .connectionClose:
            endStdin()
            if !closed {
                closed = true
                var data = context.channel.allocator.buffer(capacity: 2)
                data.write(webSocketErrorCode: .normalClosure)
                context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))).whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        case .ping:
            context.answerPing(frame)
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        endStdin()
        // The client is gone: a terminal's session gets SIGHUP when its master closes.
        process = nil
        context.fireChannelInactive()
    }

    private func writeStdin(_ bytes: [UInt8]) {
        guard let process else {
            if pendingStdin.count < 1 << 20 { pendingStdin += bytes }
            return
        }
        guard !bytes.isEmpty else { return }
        let fd = process.terminal?.master ?? process.stdin ?? -1
        guard fd >= 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
    }

    private func endStdin() {
        guard let process else {
            pendingEnd = true
            return
        }
        if process.terminal != nil { return }
        process.closeStdin()
    }

    private func resize(_ body: [UInt8]) {
        guard let terminal = process?.terminal,
              let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let width = json["Width"] as? Int, let height = json["Height"] as? Int,
              (1...9999).contains(width), (1...9999).contains(height) else { return }
        terminal.setWindowSize(columns: UInt16(width), rows: UInt16(height))
    }
}
