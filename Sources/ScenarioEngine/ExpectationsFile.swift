import ConformanceModel
import Foundation
import Yams

/// Reads an expectations file: a YAML mapping of scenario id → `status` (failed, warning, error) and `reason`.
///
/// ```yaml
/// invocation.request-id.exact:
///   status: failed
///   reason: "we shorten request ids (#12)"
/// ```
/// Every id must be in the catalogue: a renamed scenario must not turn into a silently ignored expectation.
public enum ExpectationsFile {
    public static func load(
        path: String, catalogueIDs: Set<String>
    ) throws(ExpectationsFileError) -> FailureExpectations {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExpectationsFileError(file: path, line: nil, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExpectationsFileError(file: path, line: nil, message: "is not UTF-8 text")
        }
        return try decode(text, file: path, catalogueIDs: catalogueIDs)
    }

    public static func decode(
        _ text: String, file: String, catalogueIDs: Set<String>
    ) throws(ExpectationsFileError) -> FailureExpectations {
        func fail(_ node: Node?, _ message: String) -> ExpectationsFileError {
            ExpectationsFileError(file: file, line: node?.mark?.line, message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ExpectationsFileError(file: file, line: Self.line(of: error), message: "not YAML: \(error)")
        } catch {
            throw ExpectationsFileError(file: file, line: nil, message: "not YAML: \(error)")
        }
        guard let root else { return FailureExpectations(source: file, entries: []) }
        guard let mapping = root.mapping else {
            throw fail(root, "expected a mapping of scenario id → {status, reason}")
        }
        var entries: [ExpectedFailure] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard let id = key.string else { throw fail(key, "a scenario id must be a string") }
            guard catalogueIDs.contains(id) else {
                throw fail(key, "unknown scenario id '\(id)'; `lambdaspec list` shows the catalogue")
            }
            guard seen.insert(id).inserted else { throw fail(key, "'\(id)' is listed twice") }
            guard let fields = value.mapping else {
                throw fail(value, "'\(id)': expected a mapping with status and reason")
            }
            for (name, _) in fields where !["status", "reason"].contains(name.string ?? "") {
                throw fail(name, "'\(id)': unknown key '\(name.string ?? "?")'; expected status, reason")
            }
            let allowed = ExpectedFailure.Status.allCases.map(\.rawValue).joined(separator: ", ")
            guard let statusNode = fields["status"] else { throw fail(value, "'\(id)': missing status (\(allowed))") }
            guard let status = statusNode.string.flatMap(ExpectedFailure.Status.init(rawValue:)) else {
                throw fail(statusNode, "'\(id)': unknown status '\(statusNode.string ?? "?")'; expected \(allowed)")
            }
            guard let reasonNode = fields["reason"], let reason = reasonNode.string,
                !reason.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw fail(fields["reason"] ?? value, "'\(id)': missing reason (say why it is expected to fail)")
            }
            entries.append(ExpectedFailure(id: id, status: status, reason: reason))
        }
        return FailureExpectations(source: file, entries: entries)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}

/// An expectations file that cannot be used: the file, the line when known, and what to fix.
public struct ExpectationsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
