/// One check inside a scenario, with h2spec-style expected versus actual.
public struct CheckResult: Codable, Sendable, Hashable {
    public var description: String
    public var passed: Bool
    public var expected: String
    public var actual: String

    public init(description: String, passed: Bool, expected: String, actual: String) {
        self.description = description
        self.passed = passed
        self.expected = expected
        self.actual = actual
    }
}

/// The verdict of one scenario and the evidence behind it.
public struct ScenarioResult: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var area: String
    public var level: Level
    public var requirement: String
    public var source: String
    public var status: ResultStatus
    public var durationMs: Double
    /// One line saying why: the first failed check, the missing capability, or the harness error.
    public var message: String
    public var checks: [CheckResult]
    public var exchanges: [RecordedExchange]
    public var processEvents: [ProcessEvent]
    /// What the runtime printed: the first and last 64 KiB of each stream of each start, in the order read.
    public var logs: [LogLine]
    /// How the verdict compares with the team's expectations or baseline (absent for a plain verdict).
    public var triage: Triage?
    /// Line and byte counts of each stream of each start, including what `logs` leaves out (absent in reports
    /// written before lambdaspec counted them).
    public var output: [OutputTotals]?

    public init(
        scenario: Scenario,
        status: ResultStatus,
        durationMs: Double,
        message: String,
        checks: [CheckResult] = [],
        exchanges: [RecordedExchange] = [],
        processEvents: [ProcessEvent] = [],
        logs: [LogLine] = [],
        output: [OutputTotals]? = nil
    ) {
        self.id = scenario.id
        self.title = scenario.title
        self.area = scenario.area
        self.level = scenario.level
        self.requirement = scenario.requirement
        self.source = scenario.source
        self.status = status
        self.durationMs = durationMs
        self.message = message
        self.checks = checks
        self.exchanges = exchanges
        self.processEvents = processEvents
        self.logs = logs
        self.output = output
    }
}
