import ConformanceModel

/// Everything one `lambdaspec lint` found: `lint.json` in a certification bundle is this value.
public struct LintReport: Codable, Sendable {
    public static let currentSchemaVersion = 1

    /// A function or layer as given, in order.
    public struct Input: Codable, Sendable, Hashable {
        public enum Role: String, Codable, Sendable { case function, layer }
        public var role: Role
        public var path: String

        public init(role: Role, path: String) {
            self.role = role
            self.path = path
        }
    }

    public var schemaVersion: Int
    public var tool: RunReport.Tool
    public var architecture: Architecture
    public var inputs: [Input]
    /// Where the bootstrap Lambda would start is, e.g. `/opt/bootstrap from shell.zip`; nil when there is none.
    public var bootstrap: String?
    /// `lambdaspec.json` as found in the function, else in /opt.
    public var probeManifest: LocatedProbeManifest?
    /// Sorted by level, then rule.
    public var findings: [LintFinding]
    /// Findings per level (`MUST`, `SHOULD`, `INFO`), zero included.
    public var counts: [String: Int]
    /// No MUST finding: as far as static checks can tell, the runtime can start.
    public var passed: Bool

    public init(
        architecture: Architecture, inputs: [Input], bootstrap: String?, probeManifest: LocatedProbeManifest?,
        findings: [LintFinding]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = RunReport.Tool(version: LambdaSpecVersion.current)
        self.architecture = architecture
        self.inputs = inputs
        self.bootstrap = bootstrap
        self.probeManifest = probeManifest
        self.findings = findings.sorted {
            ($0.level, $0.rule.rawValue, $0.location) < ($1.level, $1.rule.rawValue, $1.location)
        }
        self.counts = Dictionary(
            uniqueKeysWithValues: Level.allCases.map { level in
                (level.rawValue, findings.filter { $0.level == level }.count)
            })
        self.passed = !findings.contains { $0.level == .must }
    }

    /// The number of findings of one level.
    public func count(_ level: Level) -> Int { counts[level.rawValue] ?? 0 }
}
