import ConformanceModel
import Foundation
import LambdaSandbox

/// Measures how fast lambdaspec takes in a runtime's output: `cat` writes a file of log lines to stdout as fast as
/// the pipe takes them, through the same reader and collector as a scenario's bootstrap. A slow figure here is
/// lambdaspec's cost, which a chatty runtime would pay as init time.
public enum CaptureBenchmark {
    /// What one measurement saw.
    public struct Result: Codable, Sendable, Hashable {
        /// Bytes written by the process.
        public var bytes: Int
        /// Spawn to the last line recorded.
        public var seconds: Double
        public var megabytesPerSecond: Double

        init(bytes: Int, seconds: Double) {
            self.bytes = bytes
            self.seconds = seconds
            megabytesPerSecond = seconds > 0 ? Double(bytes) / 1e6 / seconds : 0
        }
    }

    /// Writes `bytes` of 100-byte lines to a scratch file and times how long capturing `cat` of it takes; throws
    /// unless every line and byte was counted.
    public static func run(bytes: Int = 64 << 20) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lambdaspec-capture-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("output.log")
        try lines(totalling: bytes).write(to: file)
        let expectedLines = bytes / 100 + (bytes % 100 > 0 ? 1 : 0)

        let clock = ScenarioClock()
        let output = OutputCollector()
        let started = ContinuousClock.now
        let process = try RuntimeProcess.spawn(
            executable: "/bin/cat", arguments: [file.path], environment: [:], workingDirectory: folder.path,
            onOutput: { stream, lines in
                output.append(lines, stream: stream, processStart: 1, atMs: clock.elapsedMs)
            },
            onExit: { _ in })
        _ = await process.waitForExit()
        // The reader may still hold the pipe's last buffer when `cat` is reaped.
        while output.totals.first?.lines ?? 0 < expectedLines, ContinuousClock.now - started < .seconds(60) {
            try await Task.sleep(for: .milliseconds(1))
        }
        let elapsed = ContinuousClock.now - started
        process.killGroup()
        let totals = output.totals.first
        guard totals?.lines == expectedLines, totals?.bytes == bytes else {
            throw BenchmarkError(
                "output capture counted \(totals?.lines ?? 0) lines and \(totals?.bytes ?? 0) bytes of "
                    + "\(expectedLines) and \(bytes)")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(bytes: bytes, seconds: seconds)
    }

    /// Log-like lines of 100 bytes (with the newline), padded to exactly `bytes` in total: one numbered MiB repeated.
    static func lines(totalling bytes: Int) -> Data {
        var block = Data(capacity: 1 << 20)
        for number in 0..<(1 << 20) / 100 {
            var line = "2026-01-01T00:00:00.000Z INFO capture benchmark line \(number) "
            line += String(repeating: "x", count: 99 - line.utf8.count) + "\n"
            block.append(contentsOf: line.utf8)
        }
        var data = Data(capacity: bytes)
        while data.count + block.count <= bytes { data.append(block) }
        let rest = bytes - data.count
        data.append(block.prefix(rest / 100 * 100))
        data.append(contentsOf: [UInt8](repeating: UInt8(ascii: "y"), count: bytes - data.count))
        return data
    }
}
