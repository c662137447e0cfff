import NIOCore
import Synchronization

/// One raw TCP connection to a loopback server: tests write bytes, even invalid HTTP, and read whole responses.
///
/// Every read has a deadline: when it passes, the connection is closed and the read throws `timedOut`.
/// Not `Sendable`: it lives inside `LoopbackHTTPClient.withConnection` on the test's task.
public final class LoopbackConnection {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let timeout: Duration
    private var pending: [UInt8] = []

    /// True once the server closed the connection (or a deadline closed it).
    public private(set) var isClosed = false

    init(
        channel: any Channel,
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        timeout: Duration
    ) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.timeout = timeout
    }

    /// Writes `text` as UTF-8, verbatim: the caller spells out every CRLF.
    public func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(channel.allocator.buffer(bytes: bytes))
    }

    /// Reads the next response, interim `1xx` ones included. A body cut short by a close comes back incomplete.
    public func readResponse(timeout: Duration? = nil) async throws -> RawHTTPResponse {
        try await withDeadline(timeout, operation: "readResponse") {
            while true {
                switch try RawHTTPResponseParser.parse(pending, peerClosed: isClosed) {
                case .response(let response, let consumed):
                    pending.removeFirst(consumed)
                    return response
                case .needMoreBytes:
                    if isClosed { throw LoopbackClientError.closedBeforeResponse }
                    try await receive()
                }
            }
        }
    }

    /// Waits for the server to close the connection and returns whatever arrived unread before that.
    public func readUntilClosed(timeout: Duration? = nil) async throws -> [UInt8] {
        try await withDeadline(timeout, operation: "readUntilClosed") {
            while !isClosed { try await receive() }
            defer { pending.removeAll() }
            return pending
        }
    }

    /// Aborts the connection with a TCP RST (`SO_LINGER` 0), as a killed process with unread data would.
    public func reset() async throws {
        if let options = channel as? any SocketOptionProvider {
            // Spelled out because C's `struct linger` is not visible here; same layout: two C ints.
            let lingerZero = LingerOption(onOff: 1, seconds: 0)
            try await options.unsafeSetSocketOption(level: .socket, name: .so_linger, value: lingerZero).get()
        }
        try await channel.close()
        isClosed = true
    }

    private func receive() async throws {
        do {
            if var buffer = try await inbound.next() {
                pending.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            } else {
                isClosed = true
            }
        } catch let error as ChannelError where error == .eof || error == .ioOnClosedChannel {
            isClosed = true
        }
    }

    /// Runs `body`, closing the connection if it takes longer than `limit` (the default: the connection's timeout).
    private func withDeadline<Result>(
        _ limit: Duration?,
        operation: String,
        _ body: () async throws -> Result
    ) async throws -> Result {
        let expired = Mutex(false)
        let channel = self.channel
        let task = channel.eventLoop.scheduleTask(in: .init(limit ?? timeout)) {
            expired.withLock { $0 = true }
            channel.close(promise: nil)
        }
        defer { task.cancel() }
        do {
            let result = try await body()
            if expired.withLock({ $0 }) { throw LoopbackClientError.timedOut(operation: operation) }
            return result
        } catch {
            if expired.withLock({ $0 }) { throw LoopbackClientError.timedOut(operation: operation) }
            throw error
        }
    }
}

/// `struct linger { int l_onoff; int l_linger; }`.
private struct LingerOption: Sendable {
    var onOff: Int32
    var seconds: Int32
}

@available(*, unavailable)
extension LoopbackConnection: Sendable {}
