import NIOCore
import NIOHTTP1
import NIOPosix

/// Lambda's Invoke API on 127.0.0.1, where RIE has it: `lambdaspec serve` takes events from curl or the AWS CLI
/// here and answers as a synchronous invoke does.
///
/// Each connection is served by its own task; its requests are answered in order. Whether invocations may overlap
/// is the handler's business (`InteractiveSession` runs them one at a time).
/// - Important: call `shutdown()` when done; it closes the listener and every open connection.
public final class InvokeEndpoint: Sendable {
    /// RIE's invoke path; any function name in place of `function` is accepted too.
    public static let path = "/2015-03-31/functions/function/invocations"
    /// Largest synchronous invoke payload Lambda accepts: 6 MB, i.e. 6,291,456 bytes (runtime-api.md §7).
    public static let payloadLimit = 6_291_456

    /// The bound port (an ephemeral one when started with port 0).
    public let port: Int
    private let listener: any Channel
    private let connections: ConnectionRegistry
    private let serving: Task<Void, Never>

    /// `http://127.0.0.1:<port>/2015-03-31/functions/function/invocations`.
    public var url: String { "http://127.0.0.1:\(port)\(Self.path)" }

    private init(port: Int, listener: any Channel, connections: ConnectionRegistry, serving: Task<Void, Never>) {
        self.port = port
        self.listener = listener
        self.connections = connections
        self.serving = serving
    }

    /// Binds 127.0.0.1 and starts serving.
    /// - Parameters:
    ///   - port: 0 for an ephemeral port.
    ///   - payloadLimit: larger request bodies are answered 413 without reaching `handler`.
    ///   - handler: answers each `POST` to the invoke path; called concurrently for concurrent connections.
    public static func start(
        port: Int,
        payloadLimit: Int = payloadLimit,
        handler: @escaping @Sendable (InvokeRequest) async -> InvokeResponse
    ) async throws -> InvokeEndpoint {
        let connections = ConnectionRegistry()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    _ = connections.add(channel)
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let connection = InvokeConnection(payloadLimit: payloadLimit, handler: handler)
        let serving = Task {
            _ = try? await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await channel in inbound {
                            group.addTask { await connection.serve(channel) }
                        }
                    } catch {
                        // The listener closed under the loop: shutting down.
                    }
                }
            }
        }
        return InvokeEndpoint(
            port: server.channel.localAddress?.port ?? port,
            listener: server.channel,
            connections: connections,
            serving: serving
        )
    }

    /// Closes the listener and every open connection. A handler still running finishes, but its answer is lost.
    public func shutdown() async {
        try? await listener.close()
        for channel in connections.open {
            try? await channel.close()
        }
        serving.cancel()
    }
}
