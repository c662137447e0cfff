import ConformanceModel
import Crypto
import Foundation

/// Lint findings as SARIF 2.1.0 for GitHub code scanning (peers.md §D.3): stable `ruleId`s, a
/// `partialFingerprints` entry so re-uploads do not duplicate alerts, and locations naming the input file (the
/// zip itself, or the file inside a layer folder) with the path inside a zip in the result's properties.
public struct SARIFWriter: Sendable {
    public init() {}

    public func render(_ report: LintReport) throws -> Data {
        let rules = LintRule.allCases
        let log = Log(
            version: "2.1.0",
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            runs: [
                Run(
                    tool: Tool(
                        driver: Driver(
                            name: "lambdaspec", version: report.tool.version,
                            rules: rules.map { rule in
                                Rule(
                                    id: rule.rawValue, shortDescription: Text(text: rule.summary),
                                    defaultConfiguration: Configuration(level: Self.level(rule.level)),
                                    properties: RuleProperties(tags: ["lambda", "layer", rule.level.rawValue]))
                            })),
                    results: report.findings.map { finding in
                        Result(
                            ruleId: finding.rule.rawValue,
                            ruleIndex: rules.firstIndex(of: finding.rule) ?? 0,
                            level: Self.level(finding.level),
                            message: Text(text: finding.message),
                            locations: location(of: finding, in: report).map { [$0] } ?? [],
                            partialFingerprints: ["lambdaspecFinding/v1": fingerprint(finding)],
                            properties: ResultProperties(input: finding.input, pathInInput: finding.file))
                    })
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(log)
        data.append(0x0A)
        return data
    }

    static func level(_ level: Level) -> String {
        switch level {
        case .must: "error"
        case .should: "warning"
        case .info: "note"
        }
    }

    /// A layer folder's file is a file of the repository; a zip's inner file is not, so the zip stands for it.
    /// Code scanning wants a location on every result: a finding about the whole layout points at the first layer.
    private func location(of finding: LintFinding, in report: LintReport) -> Location? {
        let fallback = report.inputs.first { $0.role == .layer }?.path ?? report.inputs.first?.path
        guard let input = finding.input ?? fallback else { return nil }
        let isFolder = FileSystem.kind(at: input, followingSymlinks: true) == .directory
        let uri = isFolder && finding.file != nil ? input + "/" + (finding.file ?? "") : input
        return Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: relative(uri))))
    }

    /// SARIF URIs are relative to the checkout when the path is under the working directory, else `file://` URIs.
    private func relative(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        var trimmed = path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
        if trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        if trimmed.hasPrefix("/") { return URL(fileURLWithPath: trimmed).absoluteString }
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed
    }

    /// Rule, input file name and inner path: stable across runs and machines, distinct per finding site.
    private func fingerprint(_ finding: LintFinding) -> String {
        let inputName = finding.input.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        let text = [finding.rule.rawValue, inputName, finding.file ?? ""].joined(separator: "\u{0}")
        let hex = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        return String(hex.prefix(32))
    }

    // MARK: - The subset of the SARIF 2.1.0 object model written here

    struct Log: Encodable {
        var version: String
        var schema: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case version, runs
            case schema = "$schema"
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var shortDescription: Text
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct RuleProperties: Encodable { var tags: [String] }

    struct Configuration: Encodable { var level: String }

    struct Text: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        var input: String?
        var pathInInput: String?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation }

    struct ArtifactLocation: Encodable { var uri: String }
}
