import ConformanceModel
import NIOCore
import NIOHTTP1
import NIOPosix

/// The mock Lambda Runtime API: an HTTP/1.1 server on 127.0.0.1 that plays one execution environment's API.
///
/// - Important: call `shutdown()` when done (or use `withServer`); it closes the listener and every connection.
public final class RuntimeAPIServer: Sendable {
    /// The bound port (an ephemeral one unless configured).
    public let port: Int
    /// Every exchange, in arrival order.
    public let recorder: ExchangeRecorder
    let broker: InvocationBroker
    private let listener: any Channel
    private let connections: ConnectionRegistry

    /// `host:port` as `AWS_LAMBDA_RUNTIME_API` carries it: no scheme (runtime-api.md §1.1).
    public var address: String { "127.0.0.1:\(port)" }

    private init(
        port: Int,
        recorder: ExchangeRecorder,
        broker: InvocationBroker,
        listener: any Channel,
        connections: ConnectionRegistry
    ) {
        self.port = port
        self.recorder = recorder
        self.broker = broker
        self.listener = listener
        self.connections = connections
    }

    /// Binds 127.0.0.1 and starts serving.
    /// - Parameters:
    ///   - port: 0 for an ephemeral port.
    ///   - elapsedMs: the scenario clock used for timestamps.
    ///   - onEvent: called, on any thread, for every protocol event the engine may be waiting for.
    ///   - onExchange: called, on any thread, with each exchange once it has been answered (a live wire view).
    ///   - retention: how many recent exchanges the recorder keeps (`nil`: all, as scenarios need).
    public static func start(
        port: Int = 0,
        elapsedMs: @escaping @Sendable () -> Double,
        onEvent: @escaping @Sendable (ServerEvent) -> Void,
        onExchange: (@Sendable (RecordedExchange) -> Void)? = nil,
        retention: Int? = nil
    ) async throws -> RuntimeAPIServer {
        let recorder = ExchangeRecorder(elapsedMs: elapsedMs, onAnswered: onExchange, retention: retention)
        let broker = InvocationBroker(recorder: recorder, onEvent: onEvent)
        let connections = ConnectionRegistry()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let id = connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let tap = RawBytesTap()
                    try channel.pipeline.syncOperations.addHandlers([
                        tap,
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)),
                        RuntimeAPIHandler(broker: broker, connection: id, tap: tap),
                    ])
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        let boundPort = listener.localAddress?.port ?? port
        return RuntimeAPIServer(
            port: boundPort,
            recorder: recorder,
            broker: broker,
            listener: listener,
            connections: connections
        )
    }

    /// Queues an invocation for the runtime's `/next`.
    public func enqueue(_ invocation: PreparedInvocation) {
        broker.enqueue(invocation)
    }

    /// Tells the mock a fresh bootstrap process started (the state machine returns to `Started`).
    public func processStarted(_ start: Int) {
        broker.processStarted(start)
    }

    /// True when the runtime is blocked in `/next`.
    public var isPolling: Bool { broker.isPolling }

    /// Closes the listener and every open connection.
    public func shutdown() async {
        try? await listener.close()
        for channel in connections.open {
            try? await channel.close()
        }
    }

    /// Runs `body` with a started server and shuts it down afterwards, whether `body` returns or throws.
    public static func withServer<Result: Sendable>(
        elapsedMs: @escaping @Sendable () -> Double = { 0 },
        onEvent: @escaping @Sendable (ServerEvent) -> Void = { _ in },
        _ body: (RuntimeAPIServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(elapsedMs: elapsedMs, onEvent: onEvent)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }
}
