import Foundation

/// Summary statistics of one measured quantity.
public struct Statistics: Codable, Sendable, Hashable {
    public var count: Int
    public var min: Double
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double
    public var mean: Double

    public init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count - 1)).rounded())
            return sorted[rank]
        }
        count = sorted.count
        min = sorted.first ?? 0
        max = sorted.last ?? 0
        p50 = percentile(0.5)
        p90 = percentile(0.9)
        p99 = percentile(0.99)
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }
}

/// What `lambdaspec bench` measured; written as `bench.json`.
public struct BenchmarkResult: Codable, Sendable {
    public var subject: String
    public var path: String
    public var toolVersion: String
    public var date: Date
    /// Spawn of `bootstrap` to its first `GET /next` arriving at the server.
    public var coldStartMs: Statistics
    /// Event delivered on `/next` to the answer arriving at the server.
    public var warmLatencyMs: Statistics
    /// Invocations per second over the whole warm loop (including the runtime's re-poll of `/next`).
    public var throughputPerSecond: Double
    /// Peak resident set of the runtime's process group.
    public var peakResidentKilobytes: Int?
    /// The mock's own bookkeeping per invocation (handing out the event, recording the answer), in microseconds;
    /// without HTTP parsing, socket I/O, the event loop or the invoke endpoint: not what a user waits for.
    public var serverOverheadMicroseconds: Statistics
    /// How fast lambdaspec takes in a process's stdout (independent of the runtime: lambdaspec's own cost).
    public var capture: CaptureBenchmark.Result
    /// Through `lambdaspec serve`'s invoke endpoint over HTTP: what a user waits for.
    public var endToEnd: EndToEndResult?
}
