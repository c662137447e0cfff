import ConformanceModel
import MockRuntimeAPI

/// One init before the catalogue: a runtime that cannot reach `/next` at all would otherwise cost an init timeout
/// per scenario and bury its own error message under identical failures. Returns why it could not start, or nil.
public enum StartupCheck {
    public static func run(subject: Subject) async throws -> StartupCause? {
        try await ExecutionEnvironment.withEnvironment(subject: subject, settings: EnvironmentSettings()) {
            environment in
            let record = try await environment.initialize()
            guard record.outcome != .ready else { return nil }
            return StartupCause.observe(
                start: record.processStart, exchanges: environment.server.recorder.exchanges,
                events: environment.output.allEvents, logs: environment.output.allLines,
                timedOut: record.outcome == .timeout)
        }
    }
}
