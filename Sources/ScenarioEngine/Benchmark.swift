import ConformanceModel
import Foundation
import MockRuntimeAPI

/// Measures a runtime the way Lambda's REPORT line does, and more: cold start, warm latency, throughput, peak
/// memory, and the mock server's own share of each invocation.
public enum Benchmark {
    public struct Configuration: Sendable {
        /// Fresh starts measured for the cold-start figure.
        public var coldStarts: Int
        /// Warm invocations measured on one process (after `warmup` unmeasured ones).
        public var invocations: Int
        public var warmup: Int
        /// Output written for the capture figure (see `CaptureBenchmark`).
        public var captureBytes: Int

        public init(coldStarts: Int = 20, invocations: Int = 1000, warmup: Int = 20, captureBytes: Int = 64 << 20) {
            self.coldStarts = coldStarts
            self.invocations = invocations
            self.warmup = warmup
            self.captureBytes = captureBytes
        }
    }

    /// Where a long benchmark is, for a progress indicator.
    public struct Progress: Sendable {
        public var phase: String
        public var done: Int
        public var total: Int
    }

    /// Runs the benchmark. Every process is gone and every folder removed when it returns.
    public static func run(
        subject: Subject,
        configuration: Configuration,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> BenchmarkResult {
        let settings = EnvironmentSettings(functionTimeoutMs: 10_000, initTimeoutMs: 10_000, settleMs: 0)
        var coldStarts: [Double] = []
        for index in 0..<configuration.coldStarts {
            progress(Progress(phase: "cold start", done: index, total: configuration.coldStarts))
            let sample = try await ExecutionEnvironment.withEnvironment(subject: subject, settings: settings) {
                environment in
                let record = try await environment.initialize()
                guard record.outcome == .ready else {
                    throw BenchmarkError("init ended \(record.outcome.rawValue), not ready")
                }
                let firstNext = environment.server.recorder.exchanges.first { $0.request.path == RuntimeAPIPath.next }
                return (firstNext?.receivedAtMs ?? record.endedAtMs) - record.startedAtMs
            }
            coldStarts.append(sample)
        }
        progress(Progress(phase: "cold start", done: configuration.coldStarts, total: configuration.coldStarts))

        let warm = try await ExecutionEnvironment.withEnvironment(subject: subject, settings: settings) { environment in
            try await measureWarm(environment, configuration: configuration, progress: progress)
        }
        progress(Progress(phase: "output capture", done: 0, total: 1))
        let capture = try await CaptureBenchmark.run(bytes: configuration.captureBytes)
        progress(Progress(phase: "output capture", done: 1, total: 1))
        return BenchmarkResult(
            subject: subject.name,
            path: subject.functionPath,
            toolVersion: LambdaSpecVersion.current,
            date: Date(),
            coldStartMs: Statistics(coldStarts),
            warmLatencyMs: Statistics(warm.latencies),
            throughputPerSecond: warm.throughput,
            peakResidentKilobytes: warm.peakResident,
            serverOverheadMicroseconds: Statistics(warm.serverShares),
            capture: capture
        )
    }

    private static func measureWarm(
        _ environment: ExecutionEnvironment,
        configuration: Configuration,
        progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> (latencies: [Double], serverShares: [Double], throughput: Double, peakResident: Int?) {
        let record = try await environment.initialize()
        guard record.outcome == .ready else { throw BenchmarkError("init ended \(record.outcome.rawValue), not ready") }
        let invocation = Invocation(event: .object(["op": .string("echo"), "payload": .string("lambdaspec bench")]))
        for _ in 0..<configuration.warmup {
            _ = try await environment.invoke(invocation) { $0 }
        }
        var records: [InvocationRecord] = []
        let started = ContinuousClock.now
        for index in 0..<configuration.invocations {
            if index % 50 == 0 { progress(Progress(phase: "warm", done: index, total: configuration.invocations)) }
            let result = try await environment.invoke(invocation) { $0 }
            guard result.outcome == .response else {
                throw BenchmarkError("invocation \(index + 1) ended \(result.outcome.rawValue), not with a response")
            }
            records.append(result)
        }
        _ = await environment.waitUntilPolling(until: ScenarioClock.after(ms: 1000))
        let elapsed = ContinuousClock.now - started
        progress(Progress(phase: "warm", done: configuration.invocations, total: configuration.invocations))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let exchanges = environment.server.recorder.exchanges
        let bySequence = Dictionary(uniqueKeysWithValues: exchanges.map { ($0.sequence, $0) })
        var latencies: [Double] = []
        var shares: [Double] = []
        for record in records {
            guard let sequence = record.answerSequence, let answer = bySequence[sequence] else { continue }
            latencies.append(answer.receivedAtMs - record.deliveredAtMs)
            // The server's share: delivering the event (enqueue → response recorded) plus answering the answer
            // (request complete → 202 recorded); parsing and socket writes happen in NIO outside this figure.
            let delivery = exchanges.last {
                $0.request.path == RuntimeAPIPath.next && $0.sequence < sequence && $0.respondedAtMs != nil
            }
            let deliveryMs = delivery.flatMap { $0.respondedAtMs.map { max(0, $0 - record.deliveredAtMs) } } ?? 0
            let answerMs = (answer.respondedAtMs ?? answer.receivedAtMs) - answer.receivedAtMs
            shares.append((deliveryMs + answerMs) * 1000)
        }
        return (latencies, shares, Double(records.count) / seconds, environment.peakResidentKilobytes)
    }
}

/// The benchmark could not measure (the runtime did not come up or did not answer).
public struct BenchmarkError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}
