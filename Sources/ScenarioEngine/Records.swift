import ConformanceModel
import MockRuntimeAPI

/// How one init phase went, as observed.
struct InitRecord: Sendable {
    var processStart: Int
    var outcome: InitOutcome
    var startedAtMs: Double
    var endedAtMs: Double
    /// When the process exited, if it did while the engine was watching.
    var exitedAtMs: Double?

    var durationMs: Double { endedAtMs - startedAtMs }
}

/// One invocation as delivered and answered.
struct InvocationRecord: Sendable {
    var invocation: Invocation
    var requestID: String
    /// The `/next` header values by logical name (`traceId`, ...); absent headers are missing keys.
    var sent: [String: String]
    var deadlineMs: Int64
    var deliveredAtMs: Double
    var deliveredEpochMs: Int64
    var answeredAtMs: Double?
    var answeredEpochMs: Int64?
    var outcome: InvocationOutcome
    /// The status the mock sent for the runtime's answer.
    var answerStatus: Int?
    /// The sequence number of the answer exchange.
    var answerSequence: Int?
    var reinit: Bool
    var processStart: Int
    /// The init that ran for this invocation when `reinit` is true.
    var initRecord: InitRecord?
    /// How the process ended, when the outcome is a crash ("killed for exceeding the memory limit (OOM)", ...).
    var crashCause: String?
}

/// The process state the engine saw for a `process` step.
struct ProcessObservation: Sendable {
    var alive: Bool
    var starts: Int
    var observedAtMs: Double
}

/// What happened at each step, in order; judged after the scenario ran.
enum StepRecord: Sendable {
    case initialization(InitExpectation, InitRecord?)
    case invoke(InvocationExpectation, InvocationRecord)
    case process(ProcessExpectation, ProcessObservation)
    case other
}
