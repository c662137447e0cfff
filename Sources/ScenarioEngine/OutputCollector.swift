import ConformanceModel
import LambdaSandbox
import Synchronization

/// Collects the runtime's output lines and process events from the threads that observe them.
///
/// Each stream of each bootstrap start keeps its first and last 64 KiB (`StreamExcerpt`), so a runtime printing
/// in a loop costs neither memory nor time: a reader thread takes one lock per read, and never waits on a report.
final class OutputCollector: Sendable {
    private struct Key: Hashable {
        var processStart: Int
        var stream: LogLine.Stream
    }

    private struct Output {
        var excerpts: [Key: StreamExcerpt] = [:]
        var nextSequence = 0
    }

    private let output = Mutex(Output())
    private let events = Mutex<[ProcessEvent]>([])
    private let exits = Mutex<[Int: ExitStatus]>([:])
    /// Told about every line and event as it is appended (a live view; nothing is left out of it).
    private let onLine: (@Sendable (LogLine) -> Void)?
    private let onEvent: (@Sendable (ProcessEvent) -> Void)?

    init(onLine: (@Sendable (LogLine) -> Void)? = nil, onEvent: (@Sendable (ProcessEvent) -> Void)? = nil) {
        self.onLine = onLine
        self.onEvent = onEvent
    }

    /// Records the lines of one read of `stream`, all stamped `atMs` (when lambdaspec read them).
    func append(_ captured: [CapturedLine], stream: LogLine.Stream, processStart: Int, atMs: Double) {
        output.withLock { output in
            let key = Key(processStart: processStart, stream: stream)
            var excerpt = output.excerpts.removeValue(forKey: key) ?? StreamExcerpt()
            excerpt.append(
                captured, stream: stream, processStart: processStart, atMs: atMs, firstSequence: output.nextSequence)
            output.nextSequence += captured.count
            output.excerpts[key] = excerpt
        }
        if let onLine {
            for line in captured {
                onLine(LogLine(stream: stream, atMs: atMs, processStart: processStart, text: line.text))
            }
        }
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

    /// The kept lines of every stream and start in the order they were read, with a marker where lines were left out.
    var allLines: [LogLine] {
        output.withLock { $0.excerpts.values.flatMap(\.entries) }.sorted { $0.sequence < $1.sequence }.map(\.line)
    }

    /// Line and byte counts per start and stream, by start then stdout before stderr.
    var totals: [OutputTotals] {
        output.withLock { output in
            output.excerpts.map { key, excerpt in
                OutputTotals(
                    processStart: key.processStart, stream: key.stream, lines: excerpt.lines, bytes: excerpt.bytes,
                    omittedLines: excerpt.omittedLines, omittedBytes: excerpt.omittedBytes)
            }
        }.sorted { ($0.processStart, $0.stream == .stdout ? 0 : 1) < ($1.processStart, $1.stream == .stdout ? 0 : 1) }
    }

    var allEvents: [ProcessEvent] { events.withLock { $0 } }
}
