import ConformanceModel
import Synchronization

/// Collects the runtime's output lines and process events from the threads that observe them.
final class OutputCollector: Sendable {
    private let lines = Mutex<[LogLine]>([])
    private let events = Mutex<[ProcessEvent]>([])
    /// Lines kept per scenario; a runtime printing in a loop must not exhaust memory.
    static let lineLimit = 5000

    func append(_ line: LogLine) {
        lines.withLock { lines in
            if lines.count < Self.lineLimit { lines.append(line) }
        }
    }

    func append(_ event: ProcessEvent) {
        events.withLock { $0.append(event) }
    }

    var allLines: [LogLine] { lines.withLock { $0 } }
    var allEvents: [ProcessEvent] { events.withLock { $0 } }
}
