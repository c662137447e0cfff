/// What a user of `lambdaspec serve` waits for: invoke requests over HTTP through the real endpoint, the console
/// and the runtime, one at a time on one keep-alive connection; and how serve's resident memory moves meanwhile.
public struct EndToEndResult: Codable, Sendable {
    /// Request sent to answer read, per invocation, in milliseconds.
    public var latencyMs: Statistics
    /// The first and the last window of `windowSize` invocations, to show whether p99 grows over a session.
    public var firstWindowMs: Statistics
    public var lastWindowMs: Statistics
    public var windowSize: Int
    /// Invocations per second of client time (n / sum of latencies, as `invoke-load.py` counts).
    public var throughputPerSecond: Double
    /// serve's resident set (VmRSS): after the warm-up, after the first window, at the end.
    public var residentKilobytesAtStart: Int?
    public var residentKilobytesAfterFirstWindow: Int?
    public var residentKilobytesAtEnd: Int?
    /// `lambdaspec serve` as it was started.
    public var command: [String]
}
