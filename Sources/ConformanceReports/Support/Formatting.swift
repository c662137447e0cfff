import ConformanceModel
import Foundation

/// Number, time and date formats shared by every writer, fixed (no locale) so reports are reproducible.
package enum Formatting {
    /// `value` with exactly `places` decimals and a `.` separator, whatever the process locale.
    package static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "0" }
        return String(format: "%.\(places)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// Milliseconds for people: `0.4 ms`, `12 ms`, `1.24 s`, `2 min 05 s`.
    package static func duration(ms: Double) -> String {
        guard ms.isFinite, ms >= 0 else { return "–" }
        if ms < 10 { return "\(decimal(ms, places: 1)) ms" }
        if ms < 1000 { return "\(Int(ms.rounded())) ms" }
        if ms < 60_000 { return "\(decimal(ms / 1000, places: 2)) s" }
        let seconds = Int((ms / 1000).rounded())
        let rest = seconds % 60
        return "\(seconds / 60) min \(rest < 10 ? "0" : "")\(rest) s"
    }

    /// A scenario's duration, or `nil` for one that did not run (not applicable or skipped, 0 ms).
    package static func runDuration(_ result: ScenarioResult) -> String? {
        let didNotRun = result.status == .notApplicable || result.status == .skipped
        return didNotRun && result.durationMs == 0 ? nil : duration(ms: result.durationMs)
    }

    /// An offset from the scenario start, `+12.3 ms`, for wire logs and timelines.
    package static func offset(ms: Double) -> String {
        guard ms.isFinite else { return "+?" }
        return "+" + decimal(ms, places: 1) + " ms"
    }

    /// Seconds with millisecond precision, as JUnit's `time` attribute expects.
    package static func seconds(ms: Double) -> String {
        decimal(max(0, ms) / 1000, places: 3)
    }

    /// `2026-09-01T12:00:00Z`: machine-readable timestamps (JUnit, JSON).
    package static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// `2026-09-01 12:00:00 UTC`: timestamps for people.
    package static func readableDate(_ date: Date) -> String {
        let iso = iso8601(date)
        return iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}

extension ResultStatus {
    /// Short upper-case verdict shown on chips and in the console.
    package var label: String {
        switch self {
        case .passed: "PASS"
        case .failed: "FAIL"
        case .warning: "WARN"
        case .info: "INFO"
        case .skipped: "SKIP"
        case .notApplicable: "N/A"
        case .error: "ERROR"
        }
    }

    /// Lower-case plural used in counts (`3 failed`, `2 not applicable`).
    package var countNoun: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .warning: "warnings"
        case .info: "info"
        case .skipped: "skipped"
        case .notApplicable: "not applicable"
        case .error: "errors"
        }
    }

    /// `1 warning`, `2 warnings`, `3 passed`: a count with its noun, for legends and headings.
    package func counted(_ count: Int) -> String { "\(count) \(noun(for: count))" }

    /// The noun alone, agreeing with `count`.
    package func noun(for count: Int) -> String {
        switch self {
        case .warning where count == 1: "warning"
        case .error where count == 1: "error"
        default: countNoun
        }
    }

    /// The order verdicts appear in tables and legends: good news first, then what needs attention.
    package static let displayOrder: [ResultStatus] = [
        .passed, .failed, .warning, .error, .info, .notApplicable, .skipped,
    ]

    /// Whether a person should look at this result (it failed, warned or could not run).
    package var needsAttention: Bool { self == .failed || self == .warning || self == .error }
}

/// `1 exchange`, `2 exchanges`.
package func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
}

/// Standard reason phrases, so wire logs read like real HTTP (`HTTP/1.1 202 Accepted`).
package enum HTTPReason {
    package static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 410: "Gone"
        case 413: "Payload Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: ""
        }
    }
}
