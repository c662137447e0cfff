import ConformanceModel
import Foundation

/// Writes TAP for `prove`, tap-junit, node-tap and the TAP-native tooling of the OCI runtime-tools ecosystem.
///
/// TAP 13 by default: the newest version Debian 12's `prove` (Test::Harness 3.44) accepts, and what tap-junit reads;
/// TAP 14 only changes the version line here, since the stream uses no subtests.
/// Not-applicable and skipped scenarios are `# SKIP`; a SHOULD warning is `not ok … # TODO` unless the run
/// is strict (then a plain `not ok`); an expected failure is `not ok … # TODO expected failure: <reason>`.
/// Failures and errors carry a YAML diagnostics block, indented two spaces.
public struct TAPReportWriter: Sendable {
    /// The TAP version the stream declares.
    public enum Version: Int, Sendable, CaseIterable {
        case thirteen = 13
        case fourteen = 14
    }

    public var version: Version

    public init(version: Version = .thirteen) {
        self.version = version
    }

    public func render(_ report: RunReport) -> String {
        var lines = ["TAP version \(version.rawValue)", "1..\(report.results.count)"]
        for (offset, result) in report.results.enumerated() {
            lines.append(contentsOf: testPoint(result, number: offset + 1, strict: report.strict))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func testPoint(_ result: ScenarioResult, number: Int, strict: Bool) -> [String] {
        let description = Self.escape("\(result.id) [\(result.level.rawValue)] \(result.title)")
        let reason = Self.escape(result.message)
        // TAP's own word for a known failure is TODO: an expected failure does not fail the run; an unexpected pass
        // under --strict is a plain `not ok`.
        switch result.triage?.kind {
        case .expectedFailure?:
            return ["not ok \(number) - \(description) # TODO expected failure: \(Self.escape(result.triage!.reason))"]
                + diagnostics(result, severity: result.status == .warning ? "warning" : "fail")
        case .unexpectedlyPassing? where strict:
            return [
                "not ok \(number) - \(description)", "  # unexpectedly passing: \(Self.escape(result.triage!.reason))",
            ]
        default:
            break
        }
        switch result.status {
        case .passed, .info:
            return ["ok \(number) - \(description)"]
        case .skipped, .notApplicable:
            let why = reason.isEmpty ? result.status.countNoun : reason
            return ["ok \(number) - \(description) # SKIP \(why)"]
        case .warning where !strict:
            return ["not ok \(number) - \(description) # TODO \(reason.isEmpty ? "SHOULD-level warning" : reason)"]
                + diagnostics(result, severity: "warning")
        case .warning:
            return ["not ok \(number) - \(description)"] + diagnostics(result, severity: "warning")
        case .failed:
            return ["not ok \(number) - \(description)"] + diagnostics(result, severity: "fail")
        case .error:
            return ["not ok \(number) - \(description)"] + diagnostics(result, severity: "error")
        }
    }

    /// The YAML block: message, severity, requirement, source, then expected/actual of the first failed check
    /// (and every failed check when there are several).
    private func diagnostics(_ result: ScenarioResult, severity: String) -> [String] {
        var yaml = ["  ---"]
        yaml.append("  message: \(YAMLText.quoted(result.message))")
        yaml.append("  severity: \(severity)")
        yaml.append("  level: \(result.level.rawValue)")
        yaml.append("  requirement: \(YAMLText.quoted(result.requirement))")
        yaml.append("  source: \(YAMLText.quoted(result.source))")
        yaml.append("  duration_ms: \(Formatting.decimal(result.durationMs, places: 1))")
        let failed = result.checks.filter { !$0.passed }
        if let first = failed.first {
            yaml.append("  expected: \(YAMLText.quoted(DisplayText.truncated(first.expected, limit: 4000)))")
            yaml.append("  actual: \(YAMLText.quoted(DisplayText.truncated(first.actual, limit: 4000)))")
        }
        if failed.count > 1 {
            yaml.append("  failed_checks:")
            for check in failed {
                yaml.append("    - check: \(YAMLText.quoted(check.description))")
                yaml.append("      expected: \(YAMLText.quoted(DisplayText.truncated(check.expected, limit: 4000)))")
                yaml.append("      actual: \(YAMLText.quoted(DisplayText.truncated(check.actual, limit: 4000)))")
            }
        }
        yaml.append("  ...")
        return yaml
    }

    /// A description on one line, with `\` and `#` escaped (an unescaped `#` starts a directive): TAP 14 requires
    /// it, and `prove` reads the same escapes in TAP 13.
    static func escape(_ text: String) -> String {
        DisplayText.line(text)
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "#", with: "\\#")
    }
}

/// YAML 1.2 double-quoted scalars: the one YAML string style that can hold any text on a single line.
package enum YAMLText {
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // YAML allows only printable characters in a document; escape the rest.
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFEFF || value & 0xFFFE == 0xFFFE {
                    let hex = String(value, radix: 16, uppercase: true)
                    out += value > 0xFFFF ? "\\U" + pad(hex, 8) : "\\u" + pad(hex, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func pad(_ hex: String, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - hex.count)) + hex
    }
}
