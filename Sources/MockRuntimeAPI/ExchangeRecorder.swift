import ConformanceModel
import Synchronization

/// Keeps exchanges in arrival order: all of them for a scenario, or a window of the most recent for a session
/// that may run for hours. Appends come from event-loop threads, so it locks instead of suspending.
public final class ExchangeRecorder: Sendable {
    private struct Window {
        /// Sequence numbers keep counting after old exchanges are dropped: `exchanges[i]` has sequence `dropped + i`.
        var exchanges: [RecordedExchange] = []
        var dropped = 0
    }

    private let storage = Mutex(Window())
    private let elapsedMs: @Sendable () -> Double
    /// Told about each exchange once its response is recorded, for a live wire view (`lambdaspec serve`).
    private let onAnswered: (@Sendable (RecordedExchange) -> Void)?

    /// How many recent exchanges are kept; older ones are dropped (their sequence numbers are not reused). `nil`
    /// keeps everything, as a scenario's evidence needs; a long `serve` session bounds its memory with it.
    private let retention: Int?

    init(
        elapsedMs: @escaping @Sendable () -> Double,
        onAnswered: (@Sendable (RecordedExchange) -> Void)? = nil,
        retention: Int? = nil
    ) {
        self.elapsedMs = elapsedMs
        self.onAnswered = onAnswered
        self.retention = retention.map { max(1, $0) }
    }

    /// Records a request and returns its sequence number.
    func record(_ request: RecordedRequest, connection: Int, processStart: Int) -> Int {
        let now = elapsedMs()
        return storage.withLock { window in
            let sequence = window.dropped + window.exchanges.count
            window.exchanges.append(
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
            // Dropping in batches keeps appends amortised O(1) while at most twice the window is held.
            if let retention, window.exchanges.count >= 2 * retention {
                let excess = window.exchanges.count - retention
                window.exchanges.removeFirst(excess)
                window.dropped += excess
            }
            return sequence
        }
    }

    func recordResponse(_ response: RecordedResponse, sequence: Int) {
        let now = elapsedMs()
        let answered: RecordedExchange? = storage.withLock { window in
            let index = sequence - window.dropped
            guard window.exchanges.indices.contains(index) else { return nil }
            window.exchanges[index].response = response
            window.exchanges[index].respondedAtMs = now
            return window.exchanges[index]
        }
        if let answered, let onAnswered { onAnswered(answered) }
    }

    /// The exchange numbered `sequence`, if it is still kept; no copy of the others.
    public func exchange(sequence: Int) -> RecordedExchange? {
        storage.withLock { window in
            let index = sequence - window.dropped
            return window.exchanges.indices.contains(index) ? window.exchanges[index] : nil
        }
    }

    /// The most recent kept exchange that satisfies `predicate`, searched from the newest.
    public func lastExchange(where predicate: (RecordedExchange) -> Bool) -> RecordedExchange? {
        storage.withLock { window in window.exchanges.last(where: predicate) }
    }

    /// A snapshot of the exchanges kept so far (all of them without a retention limit).
    public var exchanges: [RecordedExchange] {
        storage.withLock { $0.exchanges }
    }

    /// How many exchanges were recorded, including those no longer kept.
    public var count: Int {
        storage.withLock { $0.dropped + $0.exchanges.count }
    }
}
