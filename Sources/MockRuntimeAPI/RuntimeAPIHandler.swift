import ConformanceModel
import NIOCore
import NIOHTTP1

/// Turns one connection's parsed HTTP parts into recorded requests for the broker, and writes the broker's replies.
///
/// Requests on a connection are answered strictly in order; a parked `/next` holds the connection until the broker
/// replies. Responses are written as raw bytes so fault injection can break them on purpose.
final class RuntimeAPIHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    /// Bodies above this size are counted but not kept whole (a runtime could send gigabytes).
    static let bodyRecordLimit = 16 * 1024 * 1024

    private struct Pending {
        var request: RecordedRequest
        var keepAlive: Bool
    }

    private let broker: InvocationBroker
    private let connection: Int
    private let tap: RawBytesTap
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var queue: [Pending] = []
    private var awaitingReply = false
    private var context: ChannelHandlerContext?
    private var closed = false

    init(broker: InvocationBroker, connection: Int, tap: RawBytesTap) {
        self.broker = broker
        self.connection = connection
        self.tap = tap
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll(keepingCapacity: true)
            // Go's net/http (RAPID) answers `Expect: 100-continue` by itself; curl waits a second without it.
            if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(
                    wrapOutboundOut(context.channel.allocator.buffer(string: "HTTP/1.1 100 Continue\r\n\r\n")),
                    promise: nil)
            }
        case .body(let buffer):
            if body.count < Self.bodyRecordLimit {
                body.append(contentsOf: buffer.readableBytesView)
            }
        case .end(let trailers):
            guard let head else { return }
            self.head = nil
            tap.reset()
            let chunked = head.headers["transfer-encoding"].contains { $0.lowercased().contains("chunked") }
            let request = RecordedRequest(
                method: head.method.rawValue,
                path: head.uri,
                version: "HTTP/\(head.version.major).\(head.version.minor)",
                headers: head.headers.map { HeaderField(name: $0.name, value: $0.value) },
                body: body,
                trailers: trailers.map { $0.map { HeaderField(name: $0.name, value: $0.value) } },
                chunked: chunked
            )
            body = []
            queue.append(Pending(request: request, keepAlive: head.isKeepAlive))
            processNext()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        broker.connectionClosed(connection)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closed else { return }
        if error is IOError || error is ChannelError {
            // A transport failure (e.g. ECONNRESET from a killed runtime), not bad HTTP: nothing to record or answer.
            context.close(promise: nil)
            return
        }
        let request = RecordedRequest(
            method: head?.method.rawValue ?? "",
            path: head?.uri ?? "",
            headers: head?.headers.map { HeaderField(name: $0.name, value: $0.value) } ?? [],
            body: tap.bytes,
            malformed: "\(error)"
        )
        queue.removeAll()
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        broker.handleMalformed(request, connection: connection) { response in
            loopBound.value.write(response, keepAlive: false)
        }
    }

    private func processNext() {
        guard !awaitingReply, !closed, let context, !queue.isEmpty else { return }
        let pending = queue.removeFirst()
        awaitingReply = true
        let eventLoop = context.eventLoop
        let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
        broker.handle(pending.request, connection: connection) { response in
            if eventLoop.inEventLoop {
                loopBound.value.write(response, keepAlive: pending.keepAlive)
            } else {
                eventLoop.execute { loopBound.value.write(response, keepAlive: pending.keepAlive) }
            }
        }
    }

    private func write(_ response: MockResponse, keepAlive: Bool) {
        guard let context, !closed else { return }
        awaitingReply = false
        let buffer = response.bytes(keepAlive: keepAlive, allocator: context.channel.allocator)
        if !keepAlive || response.closeMidResponse || response.closeAfter {
            closed = true
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            processNext()
        }
    }
}

@available(*, unavailable)
extension RuntimeAPIHandler: Sendable {}
