import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Drives a real `lambdaspec serve` process over HTTP, as a user's client would, and watches its memory: the
/// figure `bench` puts beside the runtime's own, and with many invocations the soak of a long session.
public enum EndToEndBenchmark {
    /// Invocations per window: the memory reading after the first window is the soak's baseline.
    public static let windowSize = 2000
    static let warmup = 50

    /// Starts `executable serve …arguments --port P` with its console on /dev/null, waits for its endpoint, sends
    /// `invocations` echo events (after a warm-up), then stops it with SIGTERM.
    public static func run(
        executable: String, arguments: [String], invocations: Int,
        progress: @escaping @Sendable (Benchmark.Progress) -> Void = { _ in }
    ) async throws -> EndToEndResult {
        let port = try freePort()
        let command = [executable, "serve"] + arguments + ["--port", "\(port)"]
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: executable)
        serve.arguments = Array(command.dropFirst())
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        serve.environment = environment
        try serve.run()
        defer {
            if serve.isRunning {
                serve.terminate()
                serve.waitUntilExit()
            }
        }
        let pid = serve.processIdentifier
        let event = Array(#"{"op":"echo","payload":{"hello":"world"}}"#.utf8)
        // The client runs on its own thread: blocking reads must not hold a cooperative-pool thread for minutes.
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let client = try connect(port: port, event: event, while: { serve.isRunning })
                    var latencies: [Double] = []
                    latencies.reserveCapacity(invocations)
                    for _ in 0..<warmup { try expectOK(client.invoke()) }
                    let start = residentKilobytes(of: pid)
                    var afterWindow: Int?
                    for index in 0..<invocations {
                        if index % 500 == 0 { progress(.init(phase: "end to end", done: index, total: invocations)) }
                        let began = ContinuousClock.now
                        try expectOK(client.invoke())
                        let took = ContinuousClock.now - began
                        latencies.append(
                            Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15)
                        if index + 1 == min(windowSize, invocations) { afterWindow = residentKilobytes(of: pid) }
                    }
                    progress(.init(phase: "end to end", done: invocations, total: invocations))
                    let end = residentKilobytes(of: pid)
                    let window = min(windowSize, latencies.count)
                    continuation.resume(
                        returning: EndToEndResult(
                            latencyMs: Statistics(latencies),
                            firstWindowMs: Statistics(Array(latencies.prefix(window))),
                            lastWindowMs: Statistics(Array(latencies.suffix(window))),
                            windowSize: window,
                            throughputPerSecond: Double(latencies.count) / (latencies.reduce(0, +) / 1000),
                            residentKilobytesAtStart: start,
                            residentKilobytesAfterFirstWindow: afterWindow,
                            residentKilobytesAtEnd: end,
                            command: command))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "lambdaspec-invoke-load"
            thread.start()
        }
    }

    private static func expectOK(_ status: Int) throws {
        guard status == 200 else { throw BenchmarkError("serve answered an invocation with \(status), not 200") }
    }

    /// Retries until serve listens (its endpoint opens before the runtime's init; requests queue behind it).
    private static func connect(
        port: Int, event: [UInt8], while alive: () -> Bool
    ) throws -> InvokeLoadClient {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                return try InvokeLoadClient(
                    port: port, path: "/2015-03-31/functions/function/invocations", event: event)
            } catch {
                guard alive(), ContinuousClock.now < deadline else {
                    throw BenchmarkError("lambdaspec serve did not open its endpoint: \(error)")
                }
                usleep(20_000)
            }
        }
    }

    /// A port nothing listens on right now (bound and released; serve binds it a moment later).
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw BenchmarkError("no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// `VmRSS` of `pid` in KiB.
    static func residentKilobytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
