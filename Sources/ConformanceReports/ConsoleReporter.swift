import ConformanceModel

/// Formats live progress and the final summary for a terminal.
///
/// Pure string formatting: the CLI prints the lines and decides about colour (`isatty` and `NO_COLOR`).
/// Runtime text is passed through `DisplayText`, so a hostile runtime cannot send escape sequences to the
/// user's terminal through its error messages.
public struct ConsoleReporter: Sendable {
    private let style: ANSIStyle

    public init(useColor: Bool) {
        style = ANSIStyle(enabled: useColor)
    }

    /// One line per finished scenario, `[ 3/61] ✓ PASS  id MUST · 12 ms`; any result but a pass gets its
    /// message on a second, indented line.
    public func progressLine(for result: ScenarioResult, index: Int, total: Int) -> String {
        let width = String(total).count
        let position = String(repeating: " ", count: max(0, width - String(index).count)) + "\(index)"
        let status = result.status
        let verdict = style.paint("\(status.symbol) \(status.label.padded(5))", status.consoleColor, bold: true)
        let facts = [result.level.rawValue, Formatting.runDuration(result)].compactMap { $0 }
        var line = style.dim("[\(position)/\(total)]") + " \(verdict) \(DisplayText.line(result.id)) "
        line += style.dim(facts.joined(separator: " · "))
        if let triage = result.triage {
            line +=
                " "
                + style.paint(
                    "(\(triage.label): \(DisplayText.truncated(DisplayText.line(triage.reason), limit: 120)))", .yellow)
        }
        if status != .passed, !result.message.isEmpty {
            let indent = String(repeating: " ", count: width * 2 + 4)
            let message = DisplayText.truncated(DisplayText.line(result.message), limit: 300)
            let color = status.needsAttention ? status.consoleColor : .gray
            line += "\n" + indent + style.paint("↳ \(message)", color)
        }
        return line
    }

    /// Counts per level and verdict, every failure with expected versus actual, and a final PASSED/FAILED line.
    public func summary(of report: RunReport) -> String {
        var out: [String] = []
        let title = "lambdaspec \(report.tool.version) · \(DisplayText.line(report.subject.name))"
        let scope = " · \(report.summary.total) scenarios in \(Formatting.duration(ms: report.durationMs))"
        out.append(style.bold(title) + style.dim(scope))
        out.append("")
        out.append(contentsOf: countsTable(report))
        for status in [ResultStatus.failed, .error, .warning] {
            let results = report.results.filter { $0.status == status && $0.triage == nil }
            guard !results.isEmpty else { continue }
            out.append("")
            out.append(
                style.paint(
                    heading(status, count: results.count, strict: report.strict), status.consoleColor, bold: true))
            for result in results { out.append(contentsOf: detail(result)) }
        }
        out.append(contentsOf: triaged(report))
        out.append("")
        out.append(finalLine(report))
        return out.joined(separator: "\n") + "\n"
    }

    private func countsTable(_ report: RunReport) -> [String] {
        let statuses = ResultStatus.displayOrder
        // Each column is as wide as its label plus two spaces, so "not applicable" cannot run into "info".
        let widths = statuses.map { max($0.label.count, 5) + 2 }
        let header = "        " + zip(statuses, widths).map { $0.label.padded($1, left: true) }.joined()
        var rows = [style.dim(header)]
        for tally in LevelTally.all(report.results) where tally.total > 0 {
            var row = "  " + tally.level.rawValue.padded(6)
            for (status, width) in zip(statuses, widths) {
                let cell = (tally[status] == 0 ? "·" : "\(tally[status])").padded(width, left: true)
                row += tally[status] == 0 ? style.dim(cell) : style.paint(cell, status.consoleColor)
            }
            rows.append(row)
        }
        return rows
    }

    private func heading(_ status: ResultStatus, count: Int, strict: Bool) -> String {
        switch status {
        case .failed: "Failures (\(count))"
        case .error: "Harness errors (\(count))"
        default: strict ? "SHOULD warnings (\(count), failing under --strict)" : "SHOULD warnings (\(count))"
        }
    }

    private func detail(_ result: ScenarioResult) -> [String] {
        var lines = [
            "  \(style.paint(result.status.symbol, result.status.consoleColor)) "
                + style.bold(DisplayText.line(result.id))
                + " [\(result.level.rawValue)] \(DisplayText.line(result.title))"
        ]
        let failed = result.checks.filter { !$0.passed }
        for check in failed {
            lines.append("      \(DisplayText.line(check.description))")
            lines.append("        expected: " + style.paint(clip(check.expected), .green))
            lines.append("        actual:   " + style.paint(clip(check.actual), .red))
        }
        if !result.message.isEmpty,
            failed.isEmpty || !failed.contains(where: { result.message.contains($0.description) })
        {
            lines.append("      " + clip(result.message))
        }
        lines.append(style.dim("      requirement: \(clip(result.requirement))"))
        return lines
    }

    /// The block printed instead of the catalogue when the runtime cannot reach `/next` at all.
    public func startupFailure(_ cause: StartupCause) -> String {
        var lines = [style.paint("The runtime could not start, so no scenario ran:", .red, bold: true)]
        if cause.initErrorType != nil || cause.initErrorMessage != nil {
            lines.append(
                "  /runtime/init/error: \(cause.initErrorType ?? "(no errorType)"): "
                    + clip(cause.initErrorMessage ?? "(no errorMessage)"))
        }
        if let exit = cause.exit { lines.append("  process: \(exit)") }
        if cause.timedOut { lines.append("  it did not call /next within the init timeout") }
        if !cause.lastStderr.isEmpty {
            lines.append("  last stderr lines:")
            lines += cause.lastStderr.map { "    " + clip($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Expected failures and unexpected passes, one line each with the reason, apart from the real failures.
    private func triaged(_ report: RunReport) -> [String] {
        var out: [String] = []
        for kind in Triage.Kind.allCases {
            let results = report.results.filter { $0.triage?.kind == kind }
            guard let first = results.first?.triage else { continue }
            let fatal = kind == .unexpectedlyPassing && report.strict ? ", failing under --strict" : ""
            out.append("")
            out.append(style.paint("\(first.label.capitalizedFirst) (\(results.count)\(fatal))", .yellow, bold: true))
            for result in results {
                let triage = result.triage ?? first
                out.append(
                    "  \(style.paint(result.status.symbol, result.status.consoleColor)) "
                        + style.bold(DisplayText.line(result.id)) + " [\(result.level.rawValue)] "
                        + "\(result.status.rawValue), expected \(triage.expected.rawValue): \(clip(triage.reason))")
            }
        }
        return out
    }

    private func finalLine(_ report: RunReport) -> String {
        let tallies = LevelTally.all(report.results).filter { $0.level != .info && $0.applicable > 0 }
        let ratios = tallies.map { "\($0.level.rawValue) \($0.passed)/\($0.applicable)" }.joined(separator: ", ")
        var problems: [String] = []
        if let stopped = report.stopped { problems.append("the runtime could not start (\(stopped))") }
        let plain = report.results.filter { $0.triage == nil }
        let failed = plain.filter { $0.status == .failed }.count
        let errors = plain.filter { $0.status == .error }.count
        let warnings = plain.filter { $0.status == .warning }.count
        if failed > 0 { problems.append("\(failed) failed") }
        if errors > 0 { problems.append("\(errors) harness error(s)") }
        if warnings > 0 { problems.append("\(warnings) SHOULD warning(s)\(report.strict ? " (strict)" : "")") }
        if let expected = report.summary.expectedFailure { problems.append("\(expected) expected failure(s)") }
        if let unexpected = report.summary.unexpectedlyPassing {
            problems.append("\(unexpected) unexpectedly passing\(report.strict ? " (strict)" : "")")
        }
        if report.mustNotRun > 0 {
            problems.append(
                "\(report.mustNotRun) MUST scenario\(report.mustNotRun == 1 ? "" : "s") not run (not applicable to "
                    + "the probe's capabilities)\(report.strict ? " (strict)" : "")")
        }
        let tail = ([ratios] + problems).filter { !$0.isEmpty }.joined(separator: " · ")
        let verdict = report.runVerdict
        let color: ANSIStyle.Color = verdict == .passed ? .green : verdict == .failed ? .red : .yellow
        return "\(style.paint(verdict.word, color, bold: true))  \(tail)"
    }

    private func clip(_ text: String) -> String {
        DisplayText.truncated(DisplayText.line(text), limit: 400)
    }
}

extension String {
    /// Pads to `width` columns (characters), on the right unless `left`.
    func padded(_ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - count))
        return left ? padding + self : self + padding
    }
}
