import NIOCore

/// Keeps the raw bytes of the request being parsed, so a request the HTTP parser rejects is still recorded verbatim.
final class RawBytesTap: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Only the start of a malformed request is kept; enough to show what went wrong.
    static let limit = 16 * 1024

    private(set) var bytes: [UInt8] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if bytes.count < Self.limit {
            bytes.append(contentsOf: buffer.readableBytesView.prefix(Self.limit - bytes.count))
        }
        context.fireChannelRead(data)
    }

    /// A complete request was parsed; its bytes are no longer evidence of anything.
    func reset() {
        bytes.removeAll(keepingCapacity: true)
    }
}

@available(*, unavailable)
extension RawBytesTap: Sendable {}
