import ConformanceModel
import Synchronization

/// Keeps every exchange in arrival order. Appends come from event-loop threads, so it locks instead of suspending.
public final class ExchangeRecorder: Sendable {
    private let storage = Mutex<[RecordedExchange]>([])
    private let elapsedMs: @Sendable () -> Double

    init(elapsedMs: @escaping @Sendable () -> Double) {
        self.elapsedMs = elapsedMs
    }

    /// Records a request and returns its sequence number.
    func record(_ request: RecordedRequest, connection: Int, processStart: Int) -> Int {
        let now = elapsedMs()
        return storage.withLock { exchanges in
            let sequence = exchanges.count
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
        storage.withLock { exchanges in
            guard exchanges.indices.contains(sequence) else { return }
            exchanges[sequence].response = response
            exchanges[sequence].respondedAtMs = now
        }
    }

    /// A snapshot of everything recorded so far.
    public var exchanges: [RecordedExchange] {
        storage.withLock { $0 }
    }
}
