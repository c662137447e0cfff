import ConformanceModel
import Foundation

/// Writes a GitHub step summary (`$GITHUB_STEP_SUMMARY`): the verdict, a counts table, and the scenarios that
/// failed or warned with their messages.
///
/// Runtime data is escaped so it cannot add Markdown or HTML structure, and the output stays far below
/// GitHub's 1 MiB per-step limit by listing at most `maxListed` scenarios.
public struct MarkdownSummaryWriter: Sendable {
    public var maxListed: Int

    public init(maxListed: Int = 50) {
        self.maxListed = maxListed
    }

    public func render(_ report: RunReport) -> String {
        var md: [String] = []
        let icon =
            switch report.runVerdict {
            case .passed: "✅"
            case .failed: "❌"
            case .incomplete: "⚠️"
            }
        md.append("## \(icon) lambdaspec: \(Self.inline(report.subject.name)) \(report.verdictWord)")
        md.append("")
        var facts = [
            "`\(Self.code(report.subject.path))`",
            "handler `\(Self.code(report.subject.handler))`",
        ]
        if !report.subject.layers.isEmpty { facts.append("\(report.subject.layers.count) layer(s)") }
        facts.append("lambdaspec \(Self.inline(report.tool.version))")
        facts.append(Formatting.readableDate(report.startedAt))
        facts.append(Formatting.duration(ms: report.durationMs))
        facts.append(report.strict ? "strict" : "SHOULD warnings do not fail the run")
        md.append(facts.joined(separator: " · "))
        md.append("")
        md.append(contentsOf: countsTable(report))
        md.append("")
        md.append(contentsOf: attentionList(report))
        md.append(contentsOf: triagedList(report))
        return md.joined(separator: "\n") + "\n"
    }

    private func countsTable(_ report: RunReport) -> [String] {
        let statuses = ResultStatus.displayOrder
        var rows = ["| Level | " + statuses.map(\.countNoun.capitalizedFirst).joined(separator: " | ") + " | Total |"]
        rows.append("|---|" + statuses.map { _ in "---:" }.joined(separator: "|") + "|---:|")
        for tally in LevelTally.all(report.results) where tally.total > 0 {
            let cells = statuses.map { tally[$0] == 0 ? "·" : "\(tally[$0])" }
            rows.append("| \(tally.level.rawValue) | " + cells.joined(separator: " | ") + " | \(tally.total) |")
        }
        return rows
    }

    private func attentionList(_ report: RunReport) -> [String] {
        let flagged = report.results.filter { $0.status.needsAttention && $0.triage == nil }
        guard !flagged.isEmpty else {
            let triaged = report.results.contains { $0.triage != nil }
            return triaged ? [] : ["All \(report.summary.total) scenarios passed or did not apply."]
        }
        var md = ["### Needs attention", "", "| Verdict | Scenario | Level | Message |", "|---|---|---|---|"]
        for result in flagged.prefix(maxListed) {
            let verdict = report.isFailure(result) ? "❌ \(result.status.label)" : "⚠️ \(result.status.label)"
            md.append(
                "| \(verdict) | `\(Self.code(result.id))` \(Self.inline(result.title)) | \(result.level.rawValue) | "
                    + "\(Self.inline(DisplayText.truncated(result.message, limit: 500))) |"
            )
        }
        if flagged.count > maxListed {
            md.append("")
            md.append("… and \(flagged.count - maxListed) more; see the HTML or JSON report.")
        }
        return md
    }

    /// Expected failures and unexpected passes, apart from what needs attention, each with its reason.
    private func triagedList(_ report: RunReport) -> [String] {
        var md: [String] = []
        for kind in Triage.Kind.allCases {
            let results = report.results.filter { $0.triage?.kind == kind }
            guard let first = results.first?.triage else { continue }
            let icon = report.isFatal(results[0]) ? "❌" : kind == .expectedFailure ? "🔕" : "🎉"
            md += ["", "### \(icon) \(first.label.capitalizedFirst) (\(results.count))", ""]
            md += ["| Scenario | Level | Verdict | Expected | Reason |", "|---|---|---|---|---|"]
            for result in results.prefix(maxListed) {
                let triage = result.triage ?? first
                md.append(
                    "| `\(Self.code(result.id))` | \(result.level.rawValue) | \(result.status.label) | "
                        + "\(triage.expected.label) | \(Self.inline(DisplayText.truncated(triage.reason, limit: 300))) |"
                )
            }
            if results.count > maxListed { md += ["", "… and \(results.count - maxListed) more."] }
        }
        return md
    }

    /// Text inside a table cell or heading: escapes Markdown and HTML metacharacters, flattens line breaks.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in DisplayText.line(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~", "!": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text inside a code span: backticks cannot be escaped there, so they are replaced.
    static func code(_ text: String) -> String {
        DisplayText.line(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
