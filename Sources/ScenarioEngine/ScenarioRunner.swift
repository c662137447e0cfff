import ConformanceModel
import MockRuntimeAPI

/// Plays one scenario in a fresh execution environment on its own port and judges it.
public struct ScenarioRunner: Sendable {
    public let subject: Subject

    public init(subject: Subject) {
        self.subject = subject
    }

    public func run(_ scenario: Scenario) async -> ScenarioResult {
        let missing = scenario.capabilities.filter { !subject.capabilities.contains($0) }
        if !missing.isEmpty {
            return ScenarioResult(
                scenario: scenario,
                status: .notApplicable,
                durationMs: 0,
                message: "the probe does not declare: \(missing.joined(separator: ", "))"
            )
        }
        if scenario.environment.needsLimits && !subject.limitsEnforced {
            return ScenarioResult(
                scenario: scenario,
                status: .skipped,
                durationMs: 0,
                message: "needs enforced memory and /tmp limits: lambda isolation, as root or with delegated cgroups"
            )
        }
        let clock = ScenarioClock()
        do {
            let (records, exchanges, output, environment) = try await play(scenario, clock: clock)
            let judge = Judge(
                exchanges: exchanges, logs: output.allLines, environment: environment,
                processEvents: output.allEvents)
            var checks = judge.checks(for: records)
            let wire = WireCheckEvaluator(exchanges: exchanges)
            checks += scenario.checks.map(wire.evaluate)
            return Self.verdict(
                scenario,
                checks: checks,
                durationMs: clock.elapsedMs,
                exchanges: exchanges,
                output: output
            )
        } catch {
            return ScenarioResult(
                scenario: scenario,
                status: .error,
                durationMs: clock.elapsedMs,
                message: "harness error: \(error)"
            )
        }
    }

    private func play(
        _ scenario: Scenario,
        clock: ScenarioClock
    ) async throws -> ([StepRecord], [RecordedExchange], OutputCollector, [String: String]) {
        try await ExecutionEnvironment.withEnvironment(subject: subject, settings: scenario.environment, clock: clock) {
            environment in
            let records = try await StepPlayer(environment: environment).play(scenario.steps)
            await environment.stopProcess(reason: nil)
            return (
                records, environment.server.recorder.exchanges, environment.output, environment.environmentVariables
            )
        }
    }

    static func verdict(
        _ scenario: Scenario,
        checks: [CheckResult],
        durationMs: Double,
        exchanges: [RecordedExchange],
        output: OutputCollector
    ) -> ScenarioResult {
        let failed = checks.first { !$0.passed }
        let status: ResultStatus =
            switch (scenario.level, failed) {
            case (.info, _): .info
            case (_, nil): .passed
            case (.must, _): .failed
            case (.should, _): .warning
            }
        let message =
            if let failed {
                "\(failed.description): expected \(failed.expected), got \(failed.actual)"
            } else if scenario.level == .info {
                checks.map { "\($0.description): \($0.actual)" }.joined(separator: "; ")
            } else {
                ""
            }
        return ScenarioResult(
            scenario: scenario,
            status: status,
            durationMs: durationMs,
            message: message,
            checks: checks,
            exchanges: exchanges,
            processEvents: output.allEvents,
            logs: output.allLines,
            output: output.totals
        )
    }
}
