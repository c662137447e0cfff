import NIOCore
import NIOPosix

/// A deliberately raw HTTP/1.1 client for talking to the mock Runtime API over 127.0.0.1 in tests.
///
/// Raw on purpose: it sends exactly the bytes a test writes (malformed requests included) and hands back responses
/// byte for byte, which a real HTTP client would normalise away.
public enum LoopbackHTTPClient {
    /// Connects to `127.0.0.1:port`, runs `body` with the connection, and closes it afterwards.
    /// - Parameters:
    ///   - timeout: how long connecting, and each read, may take before the test fails instead of hanging.
    public static func withConnection<Result: Sendable>(
        port: Int,
        timeout: Duration = .seconds(10),
        _ body: (LoopbackConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.init(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = LoopbackConnection(
                channel: channel.channel,
                inbound: inbound,
                outbound: outbound,
                timeout: timeout
            )
            return try await body(connection)
        }
    }

    /// Sends `request` on a fresh connection and returns the first final (non-`1xx`) response.
    public static func exchange(
        port: Int, _ request: String, timeout: Duration = .seconds(10)
    ) async throws
        -> RawHTTPResponse
    {
        try await withConnection(port: port, timeout: timeout) { connection in
            try await connection.send(request)
            var response = try await connection.readResponse()
            while (100..<200).contains(response.status) {
                response = try await connection.readResponse()
            }
            return response
        }
    }
}
