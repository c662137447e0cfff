import Foundation

/// Everything one `lambdaspec run` produced; every report format is written from this value.
public struct RunReport: Codable, Sendable {
    /// Bumped when a field changes meaning or disappears; new optional fields keep the version.
    public static let currentSchemaVersion = 1

    public struct Tool: Codable, Sendable, Hashable {
        public var name: String
        public var version: String

        public init(name: String = "lambdaspec", version: String) {
            self.name = name
            self.version = version
        }
    }

    public struct Subject: Codable, Sendable, Hashable {
        /// The function folder (task root) as given on the command line.
        public var path: String
        public var handler: String
        public var layers: [String]
        /// Capabilities the probe declared in `lambdaspec.json`.
        public var capabilities: [String]
        /// A display name: the manifest's `name`, else the folder name.
        public var name: String
        /// For each `/opt`-relative path that more than one layer provided, the layer whose copy won (the last).
        public var layerOrigins: [String: String]?
        /// The execution environment the scenarios ran in (absent in reports from before 0.2).
        public var environment: EnvironmentReport?

        public init(
            path: String,
            handler: String,
            layers: [String],
            capabilities: [String],
            name: String,
            layerOrigins: [String: String]? = nil,
            environment: EnvironmentReport? = nil
        ) {
            self.environment = environment
            self.path = path
            self.handler = handler
            self.layers = layers
            self.capabilities = capabilities
            self.name = name
            self.layerOrigins = layerOrigins
        }
    }

    /// Counts per verdict, and per level for the verdicts that depend on it.
    public struct Summary: Codable, Sendable, Hashable {
        public var total: Int
        public var passed: Int
        public var failed: Int
        public var warning: Int
        public var info: Int
        public var skipped: Int
        public var notApplicable: Int
        public var error: Int
        /// Failures an expectations file or a baseline forgave (absent when there were none).
        public var expectedFailure: Int?
        /// Expected failures that passed (absent when there were none).
        public var unexpectedlyPassing: Int?
        /// `level → status → count`, e.g. `{"MUST": {"passed": 40, "failed": 1}}`.
        public var byLevel: [String: [String: Int]]

        public init(results: [ScenarioResult]) {
            func count(_ status: ResultStatus) -> Int { results.filter { $0.status == status }.count }
            total = results.count
            passed = count(.passed)
            failed = count(.failed)
            warning = count(.warning)
            info = count(.info)
            skipped = count(.skipped)
            notApplicable = count(.notApplicable)
            error = count(.error)
            let expected = results.filter { $0.triage?.kind == .expectedFailure }.count
            let unexpected = results.filter { $0.triage?.kind == .unexpectedlyPassing }.count
            expectedFailure = expected == 0 ? nil : expected
            unexpectedlyPassing = unexpected == 0 ? nil : unexpected
            var byLevel: [String: [String: Int]] = [:]
            for result in results {
                byLevel[result.level.rawValue, default: [:]][result.status.rawValue, default: 0] += 1
            }
            self.byLevel = byLevel
        }
    }

    public var schemaVersion: Int
    public var tool: Tool
    public var subject: Subject
    public var strict: Bool
    public var startedAt: Date
    public var durationMs: Double
    public var summary: Summary
    /// `runVerdict` when the report was written, for readers of report.json (absent in older reports).
    public var verdict: RunVerdict?
    /// Why the catalogue did not run: the runtime could not reach `/next` at all (every scenario is skipped).
    public var stopped: StartupCause?
    public var results: [ScenarioResult]
    /// The expectations file and baseline the run was judged against (absent when neither was given).
    public var gate: GateRecord?
    /// Which part of the catalogue this run played (absent for a whole run, or a merge of all the shards).
    public var shard: Shard?

    public init(
        tool: Tool, subject: Subject, strict: Bool, startedAt: Date, durationMs: Double, results: [ScenarioResult],
        stopped: StartupCause? = nil
    ) {
        self.stopped = stopped
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.subject = subject
        self.strict = strict
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.summary = Summary(results: results)
        self.results = results
        self.verdict = runVerdict
    }

    /// Whether the run passes: no MUST failure and no harness error; under `--strict` no SHOULD warning either;
    /// expected failures do not count, an unexpected pass does under `--strict`.
    /// A runtime that could not start at all (`stopped`) fails the run too.
    public var passed: Bool { stopped == nil && !results.contains(where: isFatal) }

    /// Whether this result fails the run.
    public func isFatal(_ result: ScenarioResult) -> Bool {
        switch result.triage?.kind {
        case .expectedFailure: false
        case .unexpectedlyPassing: strict
        case nil: result.status.failsRun(strict: strict)
        }
    }

    /// Judges every result against `gate` (see `ResultGate`) and records what the run was judged against.
    public mutating func apply(_ gate: ResultGate) {
        guard !gate.isEmpty else { return }
        for index in results.indices { results[index].triage = gate.triage(results[index]) }
        summary = Summary(results: results)
        self.gate = GateRecord(expectations: gate.expectations?.source, baseline: gate.baselineSource)
        verdict = runVerdict
    }
}

/// The files a run's failures were judged against.
public struct GateRecord: Codable, Sendable, Hashable {
    public var expectations: String?
    public var baseline: String?

    public init(expectations: String?, baseline: String?) {
        self.expectations = expectations
        self.baseline = baseline
    }
}
