import ConformanceModel
import LambdaSandbox
import Synchronization

/// Collects the runtime's output lines and process events from the threads that observe them.
final class OutputCollector: Sendable {
    private let lines = Mutex<[LogLine]>([])
    private let events = Mutex<[ProcessEvent]>([])
    private let exits = Mutex<[Int: ExitStatus]>([:])
    /// Told about every line and event as it is appended (a live view; the line limit does not apply to it).
    private let onLine: (@Sendable (LogLine) -> Void)?
    private let onEvent: (@Sendable (ProcessEvent) -> Void)?
    /// Lines kept per scenario; a runtime printing in a loop must not exhaust memory.
    static let lineLimit = 5000

    init(onLine: (@Sendable (LogLine) -> Void)? = nil, onEvent: (@Sendable (ProcessEvent) -> Void)? = nil) {
        self.onLine = onLine
        self.onEvent = onEvent
    }

    func append(_ line: LogLine) {
        lines.withLock { lines in
            if lines.count < Self.lineLimit { lines.append(line) }
        }
        onLine?(line)
    }

    func append(_ event: ProcessEvent) {
        events.withLock { $0.append(event) }
        onEvent?(event)
    }

    /// Remembers how the process of `start` ended, for callers that phrase it themselves (Lambda's ExitError).
    func recordExit(_ status: ExitStatus, start: Int) {
        exits.withLock { $0[start] = status }
    }

    func exitStatus(of start: Int) -> ExitStatus? { exits.withLock { $0[start] } }

    var allLines: [LogLine] { lines.withLock { $0 } }
    var allEvents: [ProcessEvent] { events.withLock { $0 } }
}
