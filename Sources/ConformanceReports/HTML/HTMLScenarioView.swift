import ConformanceModel

/// What the HTML template shows for one scenario; every string is raw text that Mustache escapes on output.
struct HTMLScenarioView {
    /// Runtime chatter beyond these limits stays in the JSON report; the HTML must remain openable. Of the output,
    /// the first and the last lines are shown (`LogExcerpt`).
    static let maxExchanges = 200
    static let maxLogLines = 500

    struct Check {
        var passed: Bool
        var mark: String
        var description: String
        var expected: String
        var actual: String
    }

    struct Event {
        var time: String
        var kind: String
        var processStart: Int
        var detail: String?
    }

    struct Log {
        var time: String
        var stream: String
        var processStart: Int
        var text: String
    }

    var anchor: String
    var status: String
    var statusLabel: String
    var level: String
    var levelClass: String
    var id: String
    var title: String
    var duration: String
    var open: Bool
    var attention: Bool
    /// `expected failure` or `unexpectedly passing`, shown next to the verdict, and the reason with what was expected.
    var triageLabel: String?
    var triageReason: String?
    var summaryMessage: String?
    var requirement: String
    var source: String
    var message: String?
    var checks: [Check]
    var hasChecks: Bool
    var exchanges: [HTMLExchangeView]
    var hasExchanges: Bool
    var exchangeCount: String
    var exchangesOmitted: String?
    var events: [Event]
    var hasEvents: Bool
    var logs: [Log]
    var hasLogs: Bool
    var logCount: String

    init(_ result: ScenarioResult, open: Bool) {
        anchor = HTMLAnchor.make(result.id)
        status = result.status.rawValue
        statusLabel = result.status.label
        level = result.level.rawValue
        levelClass = result.level.rawValue.lowercased()
        id = DisplayText.line(result.id)
        title = DisplayText.line(result.title)
        duration = Formatting.runDuration(result) ?? "–"
        self.open = open
        attention = result.status.needsAttention && result.triage == nil
        triageLabel = result.triage?.label
        triageReason = result.triage.map {
            "\($0.expected.rawValue) (\($0.source == .baseline ? "baseline" : "expectations")): "
                + DisplayText.line($0.reason)
        }
        message = result.message.isEmpty ? nil : HTMLText.markup(result.message)
        summaryMessage =
            result.status == .passed || result.message.isEmpty
            ? nil : HTMLText.markup(DisplayText.truncated(result.message, limit: 240), keepLineBreaks: false)
        requirement = DisplayText.visible(result.requirement, keepLineBreaks: true)
        source = DisplayText.visible(result.source, keepLineBreaks: true)
        checks = result.checks.map {
            Check(
                passed: $0.passed,
                mark: $0.passed ? "✓" : "✗",
                description: DisplayText.visible($0.description, keepLineBreaks: true),
                expected: HTMLText.markup(DisplayText.truncated($0.expected, limit: 8000)),
                actual: HTMLText.markup(DisplayText.truncated($0.actual, limit: 8000))
            )
        }
        hasChecks = !checks.isEmpty
        exchanges = result.exchanges.prefix(Self.maxExchanges).map(HTMLExchangeView.init)
        hasExchanges = !exchanges.isEmpty
        exchangeCount = plural(result.exchanges.count, "exchange")
        exchangesOmitted = Self.omitted(result.exchanges.count, shown: exchanges.count, noun: "exchanges")
        events = result.processEvents.map {
            Event(
                time: Formatting.offset(ms: $0.atMs),
                kind: $0.kind.rawValue,
                processStart: $0.processStart,
                detail: $0.detail.isEmpty ? nil : HTMLText.markup($0.detail, keepLineBreaks: false)
            )
        }
        hasEvents = !events.isEmpty
        let excerpt = LogExcerpt(result.logs, limit: Self.maxLogLines)
        let log = { (line: LogLine) in
            Log(
                time: Formatting.offset(ms: line.atMs),
                stream: line.stream.rawValue,
                processStart: line.processStart,
                text: HTMLText.markup(DisplayText.truncated(line.text, limit: 4000), keepLineBreaks: false)
            )
        }
        logs = excerpt.head.map(log)
        if let note = excerpt.gapNote(report: "JSON report") {
            logs.append(Log(time: "", stream: "", processStart: 0, text: note))
        }
        logs += excerpt.tail.map(log)
        hasLogs = !logs.isEmpty
        logCount = LogExcerpt.keptSummary(result) ?? plural(result.logs.count, "line")
    }

    private static func omitted(_ total: Int, shown: Int, noun: String) -> String? {
        total > shown ? "\(total - shown) more \(noun) are in the JSON report." : nil
    }
}

/// Element ids derived from scenario ids, so `report.html#invoke.error.reported` links to a scenario.
enum HTMLAnchor {
    static func make(_ id: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let cleaned = String(id.map { allowed.contains($0) ? $0 : "-" })
        return cleaned.isEmpty ? "scenario" : cleaned
    }
}
