import Foundation

/// One conformance scenario: a single behaviour of a runtime, with the requirement it checks and its source.
///
/// Scenarios are data (YAML under `Conformance/`); `ScenarioEngine` plays them against a bootstrap.
public struct Scenario: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, `area.behaviour.detail`; used for selection, report keys and JUnit names.
    public var id: String
    public var title: String
    /// The area the scenario belongs to (`init`, `invocation`, `errors`, ...); the first segment of the id.
    public var area: String
    public var level: Level
    /// The requirement, phrased as the runtime's obligation.
    public var requirement: String
    /// The Runtime API facts the requirement rests on (section of `runtime-api.md` and its primary sources).
    public var source: String
    /// Probe capabilities the scenario needs; a probe lacking one makes the scenario not applicable.
    public var capabilities: [String]
    public var environment: EnvironmentSettings
    public var steps: [Step]
    /// Named whole-conversation checks (see `WireCheck`), evaluated after the steps ran.
    public var checks: [WireCheck]
    /// Faulty runtimes (under `Tests/FaultyRuntimes`) known to fail this scenario; the self-test proves it.
    public var failedBy: [String]

    public init(
        id: String,
        title: String,
        area: String,
        level: Level,
        requirement: String,
        source: String,
        capabilities: [String] = [],
        environment: EnvironmentSettings = .init(),
        steps: [Step],
        checks: [WireCheck] = [],
        failedBy: [String] = []
    ) {
        self.id = id
        self.title = title
        self.area = area
        self.level = level
        self.requirement = requirement
        self.source = source
        self.capabilities = capabilities
        self.environment = environment
        self.steps = steps
        self.checks = checks
        self.failedBy = failedBy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, area, level, requirement, source, capabilities, environment, steps, checks, failedBy
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        area = try container.decodeIfPresent(String.self, forKey: .area) ?? String(id.split(separator: ".").first ?? "")
        level = try container.decode(Level.self, forKey: .level)
        // Folded YAML scalars (`>`) end in a newline; reports want the sentence alone.
        requirement = try container.decode(String.self, forKey: .requirement).trimmingCharacters(
            in: .whitespacesAndNewlines)
        source = try container.decode(String.self, forKey: .source).trimmingCharacters(in: .whitespacesAndNewlines)
        capabilities = try container.decodeIfPresent([String].self, forKey: .capabilities) ?? []
        environment = try container.decodeIfPresent(EnvironmentSettings.self, forKey: .environment) ?? .init()
        steps = try container.decode([Step].self, forKey: .steps)
        checks = try container.decodeIfPresent([WireCheck].self, forKey: .checks) ?? []
        failedBy = try container.decodeIfPresent([String].self, forKey: .failedBy) ?? []
    }
}

/// The execution environment a scenario asks for. Times are scaled down from Lambda's so a run stays fast.
public struct EnvironmentSettings: Codable, Sendable, Hashable {
    /// Function timeout: the deadline sent with each invocation and the moment the runtime is killed.
    public var functionTimeoutMs: Int
    /// Init timeout (Lambda: 10 s on demand), scaled down.
    public var initTimeoutMs: Int
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` and the memory limit; nil: the run's `--memory-mb`.
    public var memoryMB: Int?
    /// Extra variables for the bootstrap, e.g. the probe's init-time `PROBE_INIT_*` switches.
    public var variables: [String: String]
    /// How long after the last step the engine waits for the runtime to poll `/next` again.
    public var settleMs: Int
    /// The scenario checks Lambda's memory or `/tmp` limit: it runs only where they are enforced (`lambda`
    /// isolation with a cgroup and a sized /tmp) and is skipped elsewhere, never passed on an unlimited machine.
    public var needsLimits: Bool

    public init(
        functionTimeoutMs: Int = 1500,
        initTimeoutMs: Int = 3000,
        memoryMB: Int? = nil,
        variables: [String: String] = [:],
        settleMs: Int = 1000,
        needsLimits: Bool = false
    ) {
        self.needsLimits = needsLimits
        self.functionTimeoutMs = functionTimeoutMs
        self.initTimeoutMs = initTimeoutMs
        self.memoryMB = memoryMB
        self.variables = variables
        self.settleMs = settleMs
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case functionTimeoutMs, initTimeoutMs, memoryMB, variables, settleMs, needsLimits
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let defaults = EnvironmentSettings()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        functionTimeoutMs =
            try container.decodeIfPresent(Int.self, forKey: .functionTimeoutMs) ?? defaults.functionTimeoutMs
        initTimeoutMs = try container.decodeIfPresent(Int.self, forKey: .initTimeoutMs) ?? defaults.initTimeoutMs
        memoryMB = try container.decodeIfPresent(Int.self, forKey: .memoryMB)
        variables = try container.decodeIfPresent([String: String].self, forKey: .variables) ?? [:]
        settleMs = try container.decodeIfPresent(Int.self, forKey: .settleMs) ?? defaults.settleMs
        needsLimits = try container.decodeIfPresent(Bool.self, forKey: .needsLimits) ?? false
    }
}
