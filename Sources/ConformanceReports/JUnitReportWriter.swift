import ConformanceModel
import Foundation

/// Writes JUnit XML in the dialect GitLab, Jenkins and the GitHub reporter actions read.
///
/// One `<testsuite>` per area; `classname` is the area (GitLab's "Suite" column) and `name` is
/// `<id> [<LEVEL>]`. A MUST miss is a `<failure>`, a harness fault an `<error>`, a SHOULD miss a failure only
/// under `--strict`; not-applicable and skipped scenarios are `<skipped>`. Each case's `<system-out>` holds a
/// wire-log excerpt and the runtime's output, so a CI page shows the evidence without opening the HTML report.
public struct JUnitReportWriter: Sendable {
    /// Runtime output kept per test case; CI viewers choke on megabytes of stdout.
    public var maxLogLines: Int

    public init(maxLogLines: Int = 200) {
        self.maxLogLines = maxLogLines
    }

    public func render(_ report: RunReport) -> String {
        let counts = Counts(report.results, strict: report.strict)
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += "<testsuites name=\"lambdaspec\"\(counts.attributes)"
        xml += " time=\"\(Formatting.seconds(ms: report.durationMs))\">\n"
        for (area, results) in report.resultsByArea {
            xml += suite(area: area, results: results, report: report)
        }
        xml += "</testsuites>\n"
        return xml
    }

    private func suite(area: String, results: [ScenarioResult], report: RunReport) -> String {
        let counts = Counts(results, strict: report.strict)
        let time = results.reduce(0) { $0 + $1.durationMs }
        var xml = "  <testsuite name=\"\(XMLText.attribute(area))\"\(counts.attributes)"
        xml += " time=\"\(Formatting.seconds(ms: time))\" timestamp=\"\(Formatting.iso8601(report.startedAt))\">\n"
        xml += "    <properties>\n"
        for (name, value) in properties(report) {
            xml += "      <property name=\"\(name)\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for result in results {
            xml += testcase(result, strict: report.strict)
        }
        xml += "  </testsuite>\n"
        return xml
    }

    private func properties(_ report: RunReport) -> [(String, String)] {
        var properties = [
            ("subject", report.subject.name),
            ("subject.path", report.subject.path),
            ("subject.handler", report.subject.handler),
            ("subject.layers", report.subject.layers.joined(separator: ", ")),
            ("lambdaspec.version", report.tool.version),
            ("strict", report.strict ? "true" : "false"),
            ("verdict", report.runVerdict.rawValue),
            ("must-not-run", String(report.mustNotRun)),
            ("spec.runtime-api", "2018-06-01"),
        ]
        if let stopped = report.stopped { properties.append(("stopped", stopped.description)) }
        if let environment = report.subject.environment {
            properties += [
                ("environment.isolation", environment.isolation.rawValue),
                ("environment.memory-mb", String(environment.memoryMB)),
                ("environment.ephemeral-storage-mb", String(environment.ephemeralStorageMB)),
                ("environment.root-file-system", environment.rootFileSystem),
                ("environment.unenforced-limits", environment.unenforcedLimits.joined(separator: "; ")),
            ]
        }
        return properties
    }

    private func testcase(_ result: ScenarioResult, strict: Bool) -> String {
        let name = "\(result.id) [\(result.level.rawValue)]"
        var xml = "    <testcase classname=\"\(XMLText.attribute(result.area))\" name=\"\(XMLText.attribute(name))\""
        xml += " time=\"\(Formatting.seconds(ms: result.durationMs))\">\n"
        var notes: [String] = []
        // A triaged result is written by `triaged` alone: an expected failure is skipped with its reason.
        let triaged = result.triage.map { self.triaged($0, result, strict: strict) }
        xml += triaged?.element ?? ""
        notes += triaged.map { [$0.note] } ?? []
        switch triaged == nil ? result.status : .passed {
        case .failed:
            xml += failure(result)
        case .warning where strict:
            xml += failure(result)
        case .warning:
            notes.append("warning (SHOULD, passes without --strict): \(result.message)")
        case .info:
            notes.append("info: \(result.message)")
        case .error:
            xml += "      <error message=\"\(XMLText.attribute(result.message))\" type=\"HarnessError\">"
            xml += XMLText.content(details(result)) + "</error>\n"
        case .skipped, .notApplicable:
            let reason = result.message.isEmpty ? result.status.countNoun : result.message
            xml += "      <skipped message=\"\(XMLText.attribute(reason))\"/>\n"
        case .passed:
            break
        }
        let output = (notes + [JUnitTranscript.text(result, maxLogLines: maxLogLines)]).filter { !$0.isEmpty }
        if !output.isEmpty {
            xml += "      <system-out>\(XMLText.content(output.joined(separator: "\n\n")))</system-out>\n"
        }
        xml += "    </testcase>\n"
        return xml
    }

    /// An expected failure is `<skipped>` with the reason; an unexpected pass fails the case under `--strict`.
    private func triaged(_ triage: Triage, _ result: ScenarioResult, strict: Bool) -> (element: String, note: String) {
        let text = "\(triage.label) (\(result.status.rawValue), expected \(triage.expected.rawValue)): \(triage.reason)"
        switch triage.kind {
        case .expectedFailure:
            return ("      <skipped message=\"\(XMLText.attribute(text))\"/>\n", "\(text)\n\n\(details(result))")
        case .unexpectedlyPassing where strict:
            let element =
                "      <failure message=\"\(XMLText.attribute(text))\" type=\"UnexpectedlyPassing\">"
                + XMLText.content(text) + "</failure>\n"
            return (element, text)
        case .unexpectedlyPassing:
            return ("", text)
        }
    }

    private func failure(_ result: ScenarioResult) -> String {
        let message = result.requirement.isEmpty ? result.message : result.requirement
        return "      <failure message=\"\(XMLText.attribute(message))\" type=\"\(result.level.rawValue)\">"
            + XMLText.content(details(result)) + "</failure>\n"
    }

    /// Expected versus actual for each failed check, then the one-line message and the source.
    private func details(_ result: ScenarioResult) -> String {
        var lines: [String] = []
        for check in result.checks where !check.passed {
            lines.append("✗ \(check.description)")
            lines.append("    expected: \(DisplayText.truncated(check.expected, limit: 4000))")
            lines.append("    actual:   \(DisplayText.truncated(check.actual, limit: 4000))")
        }
        lines.append("message: \(result.message)")
        lines.append("requirement: \(result.requirement)")
        lines.append("source: \(result.source)")
        return lines.joined(separator: "\n")
    }

    /// The `tests/failures/errors/skipped` attributes for a group of results.
    private struct Counts {
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0

        init(_ results: [ScenarioResult], strict: Bool) {
            tests = results.count
            for result in results {
                switch result.triage?.kind {
                case .expectedFailure?: skipped += 1
                case .unexpectedlyPassing?: failures += strict ? 1 : 0
                case nil: break
                }
                guard result.triage == nil else { continue }
                switch result.status {
                case .failed: failures += 1
                case .warning where strict: failures += 1
                case .error: errors += 1
                case .skipped, .notApplicable: skipped += 1
                default: break
                }
            }
        }

        var attributes: String {
            " tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
        }
    }
}
