import ConformanceModel
import Synchronization

/// Keeps every exchange in arrival order. Appends come from event-loop threads, so it locks instead of suspending.
public final class ExchangeRecorder: Sendable {
    private let storage = Mutex<[RecordedExchange]>([])
    private let elapsedMs: @Sendable () -> Double
    /// Told about each exchange once its response is recorded, for a live wire view (`lambdaspec serve`).
    private let onAnswered: (@Sendable (RecordedExchange) -> Void)?

    /// How many recent exchanges keep their bodies; older ones keep only their sizes. `nil` keeps everything, as
    /// a scenario's evidence needs; a long `serve` session bounds its memory with it.
    private let bodyRetention: Int?

    init(
        elapsedMs: @escaping @Sendable () -> Double,
        onAnswered: (@Sendable (RecordedExchange) -> Void)? = nil,
        bodyRetention: Int? = nil
    ) {
        self.elapsedMs = elapsedMs
        self.onAnswered = onAnswered
        self.bodyRetention = bodyRetention.map { max(1, $0) }
    }

    /// Records a request and returns its sequence number.
    func record(_ request: RecordedRequest, connection: Int, processStart: Int) -> Int {
        let now = elapsedMs()
        return storage.withLock { exchanges in
            let sequence = exchanges.count
            if let retention = bodyRetention, sequence >= retention {
                Self.releaseBodies(of: &exchanges[sequence - retention])
            }
            exchanges.append(
                RecordedExchange(
                    sequence: sequence,
                    connection: connection,
                    processStart: processStart,
                    request: request,
                    response: nil,
                    receivedAtMs: now,
                    respondedAtMs: nil
                )
            )
            return sequence
        }
    }

    func recordResponse(_ response: RecordedResponse, sequence: Int) {
        let now = elapsedMs()
        let answered: RecordedExchange? = storage.withLock { exchanges in
            guard exchanges.indices.contains(sequence) else { return nil }
            exchanges[sequence].response = response
            exchanges[sequence].respondedAtMs = now
            return exchanges[sequence]
        }
        if let answered, let onAnswered { onAnswered(answered) }
    }

    /// Drops an old exchange's bodies but keeps their sizes (`truncatedFrom`), so reports still say how big they were.
    private static func releaseBodies(of exchange: inout RecordedExchange) {
        if !exchange.request.body.isEmpty {
            exchange.request.truncatedFrom = exchange.request.bodySize
            exchange.request.body = []
        }
        if let response = exchange.response, !response.body.isEmpty {
            exchange.response?.truncatedFrom = response.bodySize
            exchange.response?.body = []
        }
    }

    /// A snapshot of everything recorded so far.
    public var exchanges: [RecordedExchange] {
        storage.withLock { $0 }
    }
}
