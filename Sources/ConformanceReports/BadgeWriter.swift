import ConformanceModel
import Foundation

/// Writes a shields.io endpoint badge (`https://img.shields.io/endpoint?url=…`) a runtime author can show
/// in a README: `MUST 48/48 · SHOULD 11/13`.
public struct BadgeWriter: Sendable {
    /// The badge as shields.io reads it (schema: shields.io/badges/endpoint-badge).
    public struct Badge: Codable, Sendable, Hashable {
        public var schemaVersion: Int
        public var label: String
        public var message: String
        public var color: String
    }

    public var label: String

    public init(label: String = "lambda runtime conformance") {
        self.label = label
    }

    /// Green when everything applicable passed, yellow when only SHOULD scenarios warned, red on a MUST failure
    /// or a harness error, grey and "incomplete" when MUST scenarios did not run. Counts are passed over applicable
    /// scenarios per level (INFO is not shown).
    public func badge(for report: RunReport) -> Badge {
        let tallies = LevelTally.all(report.results)
        let parts = tallies.filter { $0.level != .info && $0.applicable > 0 }
            .map { "\($0.level.rawValue) \($0.passed)/\($0.applicable)" }
        let color: String
        if report.summary.failed > 0 || report.summary.error > 0 {
            color = "red"
        } else if report.mustNotRun > 0 {
            color = "lightgrey"
        } else if report.summary.warning > 0 {
            color = "yellow"
        } else {
            color = "brightgreen"
        }
        return Badge(
            schemaVersion: 1,
            label: label,
            message: parts.isEmpty
                ? "no applicable scenarios"
                : parts.joined(separator: " · ")
                    + (report.mustNotRun > 0 && color == "lightgrey" ? " · incomplete" : ""),
            color: parts.isEmpty ? "lightgrey" : color
        )
    }

    /// The badge JSON with sorted keys.
    public func render(_ report: RunReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(badge(for: report))
        data.append(0x0A)
        return data
    }
}
