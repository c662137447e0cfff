import ConformanceModel

/// The runtime output a bounded report shows: its first and its last lines, and how many lie between.
///
/// The kept output already ends with how the runtime ended (often the error), so a report that has room for only
/// `limit` lines shows both ends rather than the first `limit`.
struct LogExcerpt {
    let head: ArraySlice<LogLine>
    /// Lines between head and tail that this report leaves out (they are in the JSON report).
    let hidden: Int
    /// What the omission markers among those hidden lines stand for (left out of every report).
    let hiddenOmittedBytes: Int
    let hiddenOmittedLines: Int
    let tail: ArraySlice<LogLine>

    init(_ logs: [LogLine], limit: Int) {
        let headCount = logs.count > limit ? limit / 2 : logs.count
        let tailCount = logs.count > limit ? limit - headCount : 0
        head = logs.prefix(headCount)
        tail = logs.suffix(tailCount)
        let middle = logs[headCount..<(logs.count - tailCount)]
        hidden = middle.count
        hiddenOmittedBytes = middle.reduce(0) { $0 + ($1.omittedBytes ?? 0) }
        hiddenOmittedLines = middle.reduce(0) { $0 + ($1.omittedLines ?? 0) }
    }

    /// The line that stands for the hidden ones: "… 811 more lines in the JSON report …", naming what no report
    /// keeps when omission markers are among them; nil when nothing is hidden.
    func gapNote(report: String) -> String? {
        guard hidden > 0 else { return nil }
        var note = "… \(plural(hidden, "more line")) in the \(report)"
        if hiddenOmittedBytes > 0 {
            note +=
                ", and \(hiddenOmittedBytes) bytes omitted (\(plural(hiddenOmittedLines, "line"))) that no report keeps"
        }
        return note + " …"
    }

    /// What the whole output amounted to, when lines were left out: "1311 of 100012 lines kept (9.5 MB written)".
    static func keptSummary(_ result: ScenarioResult) -> String? {
        guard let totals = result.output, totals.contains(where: { $0.omittedLines > 0 }) else { return nil }
        let lines = totals.reduce(0) { $0 + $1.lines }
        let bytes = totals.reduce(0) { $0 + $1.bytes }
        let kept = result.logs.filter { !$0.isOmission }.count
        return "\(kept) of \(lines) lines kept (\(ByteCount.format(bytes)) written)"
    }
}
