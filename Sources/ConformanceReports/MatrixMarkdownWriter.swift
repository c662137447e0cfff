import ConformanceModel

/// Writes the runtime × scenario matrix as Markdown, the form a README or a checked-in summary can hold.
///
/// Only verdicts, counts and sources appear — no dates, durations or messages — so regenerating it from new runs
/// of the same runtimes gives the same text, and a difference means a verdict (or the catalogue) changed.
public struct MatrixMarkdownWriter: Sendable {
    /// The HTML comments around the verdict-count table, so a script can copy that table into another document.
    public static let countsBegin = "<!-- matrix-counts:begin -->"
    public static let countsEnd = "<!-- matrix-counts:end -->"

    public init() {}

    public func render(_ matrix: MatrixReport) -> String {
        var md = ["# lambdaspec conformance matrix", ""]
        md.append(catalogueLine(matrix))
        md.append("")
        md.append(Self.countsBegin)
        md.append(contentsOf: countsTable(matrix))
        md.append(Self.countsEnd)
        md.append("")
        md.append(contentsOf: notPassed(matrix))
        md.append("")
        md.append(contentsOf: scenarioTable(matrix))
        return md.joined(separator: "\n") + "\n"
    }

    private func catalogueLine(_ matrix: MatrixReport) -> String {
        let levels = Level.allCases.map { level in
            "\(matrix.rows.filter { $0.level == level }.count) \(level.rawValue)"
        }
        let versions = Set(matrix.reports.map(\.tool.version)).sorted().joined(separator: ", ")
        return "\(matrix.columns.count) runtimes × \(matrix.rows.count) scenarios (\(levels.joined(separator: ", ")))"
            + ", lambdaspec \(MarkdownSummaryWriter.inline(versions)). Verdicts without `--strict`: a SHOULD "
            + "warning does not fail a run."
    }

    private func countsTable(_ matrix: MatrixReport) -> [String] {
        var rows = [
            "| Runtime | Verdict | MUST passed | SHOULD passed | Warnings | Failed | Info | Not applicable |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for (column, report) in zip(matrix.columns, matrix.reports) {
            let must = LevelTally(level: .must, results: report.results)
            let should = LevelTally(level: .should, results: report.results)
            let failed = report.summary.failed + report.summary.error
            let cells = [
                MarkdownSummaryWriter.inline(column.label),
                column.passed ? "PASSED" : "FAILED",
                "\(must.passed)/\(must.applicable)",
                "\(should.passed)/\(should.applicable)",
                Self.count(report.summary.warning),
                Self.count(failed),
                Self.count(report.summary.info),
                Self.count(report.summary.notApplicable + report.summary.skipped),
            ]
            rows.append("| " + cells.joined(separator: " | ") + " |")
        }
        return rows
    }

    private func notPassed(_ matrix: MatrixReport) -> [String] {
        var md = ["## Not passed", ""]
        var lines: [String] = []
        for (index, column) in matrix.columns.enumerated() {
            for row in matrix.rows {
                guard let cell = row.cells[index], cell.status.needsAttention else { continue }
                let source = matrix.reports[index].results.first { $0.id == row.id }?.source ?? ""
                lines.append(
                    "| \(MarkdownSummaryWriter.inline(column.label)) | `\(MarkdownSummaryWriter.code(row.id))` | "
                        + "\(row.level.rawValue) | \(cell.status.label) | \(MarkdownSummaryWriter.inline(source)) |")
            }
        }
        guard !lines.isEmpty else { return md + ["Every scenario passed, was INFO, or did not apply."] }
        md.append(
            "Failures and warnings, with the source of each requirement. INFO scenarios only report; not applicable "
                + "means the probe does not declare a capability.")
        md.append("")
        md.append("| Runtime | Scenario | Level | Verdict | Source |")
        md.append("|---|---|---|---|---|")
        return md + lines
    }

    private func scenarioTable(_ matrix: MatrixReport) -> [String] {
        let labels = matrix.columns.map { MarkdownSummaryWriter.inline($0.label) }
        var md = ["## Scenarios", ""]
        md.append("| Scenario | Level | " + labels.joined(separator: " | ") + " |")
        md.append("|---|---|" + labels.map { _ in "---|" }.joined())
        for row in matrix.rows {
            let cells = row.cells.map { $0?.status.label ?? "—" }
            md.append(
                "| `\(MarkdownSummaryWriter.code(row.id))` | \(row.level.rawValue) | " + cells.joined(separator: " | ")
                    + " |")
        }
        return md
    }

    private static func count(_ value: Int) -> String { value == 0 ? "·" : "\(value)" }
}
