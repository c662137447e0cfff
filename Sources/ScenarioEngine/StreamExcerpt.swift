import ConformanceModel
import LambdaSandbox

/// What a report keeps of one stream of one bootstrap start: the first and the last `budgetBytes` of its lines,
/// with one marker for everything in between, and counts of all of it.
///
/// The head shows how the runtime started, the tail how it ended (where the error usually is); a runtime that logs
/// megabytes costs a constant amount of memory and report size. Lines carry a sequence number shared by all
/// streams, so the kept ones interleave in the order they were read.
struct StreamExcerpt {
    struct Entry {
        var sequence: Int
        var line: LogLine
        /// Bytes the line took in the stream (the raw figure, for the counts).
        var byteCount: Int
        /// Bytes it takes in the report (its text and a newline), for the budget.
        var keptBytes: Int { line.text.utf8.count + 1 }
    }

    /// Bytes of text kept at each end; a single line is always kept whole (the splitter caps lines at 64 KiB).
    static let budgetBytes = 64 * 1024

    private(set) var lines = 0
    private(set) var bytes = 0
    private(set) var omittedLines = 0
    private(set) var omittedBytes = 0
    private var head: [Entry] = []
    private var headBytes = 0
    /// Once a line did not fit in the head, every later line goes to the tail, so the head stays a prefix.
    private var headClosed = false
    /// The tail from `tailStart` on; entries before it were dropped and are compacted away now and then.
    private var tail: [Entry] = []
    private var tailStart = 0
    private var tailBytes = 0
    /// Where the first dropped line was, for the marker's place in the order.
    private var firstOmitted: (sequence: Int, atMs: Double)?

    /// Appends the lines of one read, numbered from `firstSequence`. Lines that the tail would drop again within
    /// this same call are only counted, never turned into `LogLine`s: that keeps a flood of output cheap.
    mutating func append(
        _ captured: [CapturedLine], stream: LogLine.Stream, processStart: Int, atMs: Double, firstSequence: Int
    ) {
        func entry(_ index: Int) -> Entry {
            Entry(
                sequence: firstSequence + index,
                line: LogLine(stream: stream, atMs: atMs, processStart: processStart, text: captured[index].text),
                byteCount: captured[index].byteCount)
        }
        var index = 0
        while index < captured.count, !headClosed {
            append(entry(index))
            index += 1
        }
        // The shortest suffix that fills the budget: everything before it (and the whole current tail) is dropped.
        var keptFrom = captured.count
        var suffixBytes = 0
        while keptFrom > index, suffixBytes + captured[keptFrom - 1].text.utf8.count + 1 <= Self.budgetBytes {
            keptFrom -= 1
            suffixBytes += captured[keptFrom].text.utf8.count + 1
        }
        if keptFrom == captured.count, keptFrom > index { keptFrom -= 1 }
        if keptFrom > index {
            if firstOmitted == nil {
                firstOmitted =
                    tail.count > tailStart
                    ? (tail[tailStart].sequence, tail[tailStart].line.atMs) : (firstSequence + index, atMs)
            }
            for dropped in tail[tailStart...] {
                omittedLines += 1
                omittedBytes += dropped.byteCount
            }
            tail.removeAll(keepingCapacity: true)
            tailStart = 0
            tailBytes = 0
            for skipped in captured[index..<keptFrom] {
                lines += 1
                bytes += skipped.byteCount
                omittedLines += 1
                omittedBytes += skipped.byteCount
            }
            index = keptFrom
        }
        while index < captured.count {
            append(entry(index))
            index += 1
        }
    }

    mutating func append(_ entry: Entry) {
        lines += 1
        bytes += entry.byteCount
        let size = entry.keptBytes
        if !headClosed, head.isEmpty || headBytes + size <= Self.budgetBytes {
            head.append(entry)
            headBytes += size
            return
        }
        headClosed = true
        tail.append(entry)
        tailBytes += size
        while tailBytes > Self.budgetBytes, tail.count - tailStart > 1 {
            let dropped = tail[tailStart]
            tailStart += 1
            tailBytes -= dropped.keptBytes
            omittedLines += 1
            omittedBytes += dropped.byteCount
            if firstOmitted == nil { firstOmitted = (dropped.sequence, dropped.line.atMs) }
        }
        if tailStart >= 1024, tailStart * 2 >= tail.count {
            tail.removeFirst(tailStart)
            tailStart = 0
        }
    }

    /// The kept lines, with the marker between head and tail when lines were left out.
    var entries: [Entry] {
        var entries = head
        if let firstOmitted, let sample = tail.last?.line {
            let marker = LogLine.omission(
                stream: sample.stream, atMs: firstOmitted.atMs, processStart: sample.processStart, bytes: omittedBytes,
                lines: omittedLines)
            entries.append(Entry(sequence: firstOmitted.sequence, line: marker, byteCount: 0))
        }
        entries += tail[tailStart...]
        return entries
    }
}
