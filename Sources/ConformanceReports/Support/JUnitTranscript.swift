import ConformanceModel

/// The plain-text evidence attached to a JUnit test case: one line per exchange, process events, runtime output.
enum JUnitTranscript {
    static func text(_ result: ScenarioResult, maxLogLines: Int) -> String {
        var sections: [String] = []
        if !result.exchanges.isEmpty {
            sections.append("wire log:\n" + result.exchanges.map(WireSummary.line).joined(separator: "\n"))
        }
        if !result.processEvents.isEmpty {
            let events = result.processEvents.map { event in
                let detail = event.detail.isEmpty ? "" : " \(DisplayText.line(event.detail))"
                let time = Formatting.offset(ms: event.atMs)
                return "  \(time) process #\(event.processStart) \(event.kind.rawValue)\(detail)"
            }
            sections.append("process:\n" + events.joined(separator: "\n"))
        }
        if !result.logs.isEmpty {
            let excerpt = LogExcerpt(result.logs, limit: maxLogLines)
            let line = { (log: LogLine) in
                "  [\(log.stream.rawValue)] \(DisplayText.truncated(DisplayText.line(log.text), limit: 2000))"
            }
            var lines = excerpt.head.map(line)
            if let note = excerpt.gapNote(report: "JSON report") { lines.append("  " + note) }
            lines += excerpt.tail.map(line)
            sections.append("runtime output:\n" + lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }
}

/// A one-line rendering of an exchange (`GET /…/next → 200 OK`), shared by the text formats.
package enum WireSummary {
    package static func line(_ exchange: RecordedExchange) -> String {
        let request = exchange.request
        var line = "  #\(exchange.sequence) \(Formatting.offset(ms: exchange.receivedAtMs)) conn \(exchange.connection)"
        line +=
            " \(DisplayText.line(request.method)) \(DisplayText.truncated(DisplayText.line(request.path), limit: 300))"
        if !request.body.isEmpty { line += " (\(ByteCount.format(request.bodySize)))" }
        if let malformed = request.malformed { line += " [malformed: \(DisplayText.line(malformed))]" }
        if let response = exchange.response {
            line += " → \(response.status) \(HTTPReason.phrase(response.status))"
            if let fault = response.fault { line += " [fault: \(DisplayText.line(fault))]" }
        } else {
            line += " → (no response)"
        }
        return line.trimmingTrailingSpaces()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
