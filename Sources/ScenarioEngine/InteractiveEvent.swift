import ConformanceModel

/// What an interactive session reports as it happens, for a live view; times are milliseconds since the session
/// was created.
public enum InteractiveEvent: Sendable {
    /// A Runtime API exchange, once the mock has answered it.
    case exchange(RecordedExchange)
    /// A line the runtime wrote on stdout or stderr.
    case output(LogLine)
    /// The bootstrap started, exited or was killed.
    case process(ProcessEvent)
    /// The session's own init phase ended (re-inits are reported with the invocation that ran them).
    case initEnded(outcome: InitOutcome, durationMs: Double, atMs: Double)
    /// An invoke request was taken, and the request id it will run under.
    case invocationStarted(requestID: String, eventBytes: Int, atMs: Double)
    /// The invoke request was answered.
    case invocationEnded(InteractiveInvocationSummary)
}

/// One answered invoke request, in the spirit of Lambda's `REPORT` line.
public struct InteractiveInvocationSummary: Sendable, Hashable {
    public var requestID: String
    /// The status the caller got (200 for function errors, too).
    public var status: Int
    /// The `errorType` the caller got when the invocation failed.
    public var errorType: String?
    public var responseBytes: Int
    /// From delivery of the event on `/next` to the runtime's answer (or the kill).
    public var durationMs: Double
    /// Set when this invocation ran a suppressed init first.
    public var initDurationMs: Double?
    /// Peak resident memory of the runtime's process group so far.
    public var peakResidentKilobytes: Int?
    public var atMs: Double
}
