import ConformanceModel
import Foundation

/// Why a file given to `report merge` could not be used; the message names the file.
public struct ReportLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unreadable(String)
        case notJSON
        case notALambdaspecReport
        case unsupportedSchemaVersion(Int)
        case malformed(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unreadable(let why): "\(path): cannot read the file (\(why))"
        case .notJSON: "\(path): not a JSON document"
        case .notALambdaspecReport: "\(path): not a lambdaspec report (no tool.name \"lambdaspec\" and schemaVersion)"
        case .unsupportedSchemaVersion(let version):
            "\(path): report schemaVersion \(version) is not supported (this lambdaspec reads "
                + "\(RunReport.currentSchemaVersion))"
        case .malformed(let why): "\(path): a lambdaspec report, but it does not decode: \(why)"
        }
    }
}

extension MatrixReport {
    /// Reads JSON reports written by `JSONReportWriter`, in the order given.
    ///
    /// - Throws: `ReportLoadError` for the first file that is unreadable, not JSON, not a lambdaspec report,
    ///   of another schema version, or malformed.
    public static func load(paths: [String]) throws -> MatrixReport {
        MatrixReport(reports: try paths.map(loadReport(path:)))
    }

    /// Reads one JSON report, checking what it is before decoding it so errors say something useful.
    public static func loadReport(path: String) throws -> RunReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportLoadError(path: path, reason: .unreadable(error.localizedDescription))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw ReportLoadError(path: path, reason: .notJSON)
        }
        guard let root = object as? [String: Any],
            let tool = root["tool"] as? [String: Any], tool["name"] as? String == "lambdaspec",
            let version = root["schemaVersion"] as? Int
        else {
            throw ReportLoadError(path: path, reason: .notALambdaspecReport)
        }
        guard version == RunReport.currentSchemaVersion else {
            throw ReportLoadError(path: path, reason: .unsupportedSchemaVersion(version))
        }
        do {
            return try JSONReportWriter.decoder.decode(RunReport.self, from: data)
        } catch {
            throw ReportLoadError(path: path, reason: .malformed(Self.describe(error)))
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(Self.path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}
