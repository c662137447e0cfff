import ConformanceModel
import Foundation

/// `manifest.json` of a certification bundle: what was certified (inputs with their digests), against which
/// catalogue, with which verdict, and the digests of the bundle's other files so `verify` can detect any change.
public struct CertificationManifest: Codable, Sendable, Hashable {
    public static let currentSchemaVersion = 2

    public enum Verdict: String, Codable, Sendable {
        case certified
        case notCertified = "not-certified"
    }

    public struct Counts: Codable, Sendable, Hashable {
        /// Lint findings per level.
        public var lint: [String: Int]
        /// The summary `report.json` holds; nil when the catalogue did not run.
        public var scenarios: RunReport.Summary?

        public init(lint: [String: Int], scenarios: RunReport.Summary?) {
            self.lint = lint
            self.scenarios = scenarios
        }
    }

    public var schemaVersion: Int
    public var lambdaspecVersion: String
    public var date: Date
    public var subject: String
    public var handler: String
    public var arch: Architecture
    /// The function (if any) then the layers, in the order given.
    public var inputs: [CertifiedInput]
    public var catalogueFingerprint: String
    public var scenarioCount: Int
    public var verdict: Verdict
    /// Why the verdict is not-certified, one sentence each; empty when certified.
    public var reasons: [String]
    public var counts: Counts
    /// Where the runtime ran (isolation, limits, root file system); nil when the catalogue did not run.
    public var environment: EnvironmentReport?
    /// `--allow-process-isolation`: a `process` isolation run may certify.
    public var allowsProcessIsolation: Bool
    /// Every other file of the bundle → its SHA-256.
    public var files: [String: String]

    public init(
        date: Date, subject: String, handler: String, arch: Architecture, inputs: [CertifiedInput],
        catalogueFingerprint: String, scenarioCount: Int, verdict: Verdict, reasons: [String], counts: Counts,
        environment: EnvironmentReport? = nil, allowsProcessIsolation: Bool = false, files: [String: String] = [:]
    ) {
        self.environment = environment
        self.allowsProcessIsolation = allowsProcessIsolation
        self.schemaVersion = Self.currentSchemaVersion
        self.lambdaspecVersion = LambdaSpecVersion.current
        self.date = date
        self.subject = subject
        self.handler = handler
        self.arch = arch
        self.inputs = inputs
        self.catalogueFingerprint = catalogueFingerprint
        self.scenarioCount = scenarioCount
        self.verdict = verdict
        self.reasons = reasons
        self.counts = counts
        self.files = files
    }
}
