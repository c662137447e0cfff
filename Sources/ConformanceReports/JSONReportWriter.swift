import ConformanceModel
import Foundation

/// Writes the versioned machine-readable report (`report.json`), the source every other tool reads back.
///
/// The shape is documented by `docs/report.schema.json`; keys are sorted and output is indented so two reports
/// diff cleanly. Dates are ISO-8601 in UTC.
public struct JSONReportWriter: Sendable {
    public init() {}

    /// - Throws: `EncodingError` when a number is not finite (JSON has no NaN).
    public func render(_ report: RunReport) throws -> Data {
        var data = try Self.encoder.encode(report)
        data.append(0x0A)
        return data
    }

    /// The decoder matching `render`, for reading reports back (`report merge`).
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
