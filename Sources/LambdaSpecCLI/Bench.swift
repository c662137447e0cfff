import ArgumentParser
import ConformanceModel
import Foundation
import ScenarioEngine

extension LambdaSpec {
    /// Measures cold start, warm latency, throughput, peak memory and the mock server's overhead.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark a runtime: cold start, warm latency p50/p99, throughput, peak memory.",
            discussion: """
                Cold start is spawn of bootstrap to its first GET /next, over fresh starts. Warm latency is event \
                delivered to answer received, over echo invocations on one process. Mock bookkeeping is the mock's \
                own handling of each invocation, without HTTP parsing or socket I/O: not what a user waits for. \
                End to end is what a user waits for: `lambdaspec serve` started as a process, echo invocations \
                posted to its invoke endpoint one at a time over one keep-alive connection, with serve's resident \
                memory after the warm-up, after the first 2,000 invocations and at the end (--soak 100000 for a \
                long session). Writes bench.json to the report folder.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @Option(name: .customLong("cold-starts"), help: "Fresh starts to measure.")
        var coldStarts = 20

        @Option(name: .long, help: "Warm invocations to measure.")
        var invocations = 1000

        @Option(
            name: .customLong("capture-mib"),
            help: "MiB of output a process writes for the capture throughput figure.")
        var captureMebibytes = 64

        @Option(
            name: .long,
            help: ArgumentHelp(
                "End-to-end invocations through `lambdaspec serve` over HTTP (default: --invocations; 0: none; "
                    + "100000 for a soak).",
                valueName: "N"))
        var soak: Int?

        @Flag(
            name: .customLong("compare-isolations"),
            help: "Measure in lambda and then in process isolation, and print what Lambda's view costs.")
        var compareIsolations = false

        @Option(
            name: .customLong("report-dir"),
            help: ArgumentHelp("Where bench.json goes (default: reports/<subject>).", valueName: "dir"))
        var reportDirectory: String?

        func validate() throws {
            guard coldStarts >= 1, invocations >= 1, captureMebibytes >= 1 else {
                throw ValidationError("--cold-starts, --invocations and --capture-mib must be at least 1")
            }
            guard (soak ?? 0) >= 0 else { throw ValidationError("--soak must be 0 or more") }
        }

        func run() async throws {
            let subject = try self.subject.load().subject
            var runs = [subject]
            if compareIsolations {
                guard subject.isolation == .lambda else {
                    throw SetupError("--compare-isolations needs lambda isolation, which this machine cannot build")
                }
                var process = subject
                do { try process.prepare(isolation: .process) } catch { throw SetupError("\(error)") }
                runs.append(process)
            }
            var results: [BenchmarkResult] = []
            for subject in runs {
                let result = try await measure(subject)
                FileHandleOutput.standardOutput(BenchTable.render(result, isolation: subject.isolation))
                results.append(result)
            }
            if results.count == 2 { FileHandleOutput.standardOutput(BenchTable.comparison(results[0], results[1])) }
            let directory = reportDirectory ?? ReportPublisher.defaultDirectory(for: subject.name)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            for (subject, result) in zip(runs, results) {
                let name = compareIsolations ? "bench-\(subject.isolation.rawValue).json" : "bench.json"
                let path = URL(fileURLWithPath: directory).appendingPathComponent(name)
                try encoder.encode(result).write(to: path)
                FileHandleOutput.standardOutput("wrote \(path.path)\n")
            }
        }

        private func measure(_ subject: Subject) async throws -> BenchmarkResult {
            let interactive = isatty(STDERR_FILENO) == 1
            var result: BenchmarkResult
            do {
                result = try await Benchmark.run(
                    subject: subject,
                    configuration: .init(
                        coldStarts: coldStarts, invocations: invocations, captureBytes: captureMebibytes << 20)
                ) { progress in
                    let line = "\(subject.isolation.rawValue): \(progress.phase) \(progress.done)/\(progress.total)"
                    FileHandleOutput.standardError(interactive ? "\r\u{1B}[K" + line : line + "\n")
                }
                let endToEndInvocations = soak ?? invocations
                if endToEndInvocations > 0 {
                    result.endToEnd = try await EndToEndBenchmark.run(
                        executable: Self.executablePath, arguments: serveArguments(subject),
                        invocations: endToEndInvocations
                    ) { progress in
                        let line = "\(subject.isolation.rawValue): \(progress.phase) \(progress.done)/\(progress.total)"
                        FileHandleOutput.standardError(interactive ? "\r\u{1B}[K" + line : line + "\n")
                    }
                }
            } catch {
                throw SetupError("benchmark of \(self.subject.functionDirectory) failed: \(error)")
            }
            if interactive { FileHandleOutput.standardError("\r\u{1B}[K") }
            return result
        }

        /// This lambdaspec, so the end-to-end figure measures the same build.
        static var executablePath: String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        }

        /// `serve`'s arguments for the same function, layers and environment as this benchmark.
        private func serveArguments(_ subject: Subject) -> [String] {
            var arguments = [self.subject.functionDirectory, "--isolation", subject.isolation.rawValue]
            if let handler = self.subject.handler { arguments += ["--handler", handler] }
            for layer in self.subject.layer { arguments += ["--layer", layer] }
            let environment = self.subject.environment
            arguments += ["--memory-mb", "\(environment.memoryMB)"]
            arguments += ["--ephemeral-storage-mb", "\(environment.ephemeralStorageMB)"]
            if let rootfs = environment.rootfs { arguments += ["--rootfs", rootfs] }
            return arguments
        }
    }
}

/// The benchmark as a terminal table.
enum BenchTable {
    static func render(_ result: BenchmarkResult, isolation: Isolation) -> String {
        var out = "lambdaspec bench · \(result.subject) (\(result.path)) · \(isolation.rawValue) isolation\n\n"
        out +=
            "  " + "".padding(toLength: 22, withPad: " ", startingAt: 0)
            + ["p50", "p90", "p99", "max"].map { $0.leftPadded(12) }.joined() + "\n"
        out += row("cold start", result.coldStartMs, ms)
        out += row("warm latency", result.warmLatencyMs, ms)
        out += row("mock bookkeeping¹", result.serverOverheadMicroseconds, us)
        out += "\n  throughput            \(String(format: "%.0f", result.throughputPerSecond)) invocations/s\n"
        if let peak = result.peakResidentKilobytes {
            out += "  peak memory (group)   \(String(format: "%.1f", Double(peak) / 1024)) MiB\n"
        }
        let capture = result.capture
        out +=
            "  output capture        \(String(format: "%.0f", capture.megabytesPerSecond)) MB/s"
            + " (\(capture.bytes >> 20) MiB of stdout lines in \(ms(capture.seconds * 1000)))\n"
        out +=
            "\n  ¹ the mock's own handling per invocation, without HTTP parsing, socket I/O or the invoke endpoint:\n"
            + "    not what a user waits for (that is the end-to-end figure)\n"
        if let endToEnd = result.endToEnd { out += "\n" + endToEndRows(endToEnd) }
        return out + "\n"
    }

    /// `lambdaspec serve` over HTTP: latency, throughput, and serve's memory over the session.
    private static func endToEndRows(_ result: EndToEndResult) -> String {
        func mib(_ kilobytes: Int?) -> String { kilobytes.map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "?" }
        var out = "  end to end: lambdaspec serve over HTTP, one keep-alive connection\n"
        out += row("invoke latency", result.latencyMs, ms)
        out += row("first \(result.windowSize)", result.firstWindowMs, ms)
        out += row("last \(result.windowSize)", result.lastWindowMs, ms)
        out += "  throughput            \(String(format: "%.0f", result.throughputPerSecond)) invocations/s\n"
        out +=
            "  serve's memory (RSS)  \(mib(result.residentKilobytesAtStart)) after warm-up, "
            + "\(mib(result.residentKilobytesAfterFirstWindow)) after \(result.windowSize), "
            + "\(mib(result.residentKilobytesAtEnd)) after \(result.latencyMs.count)\n"
        return out
    }

    private static func ms(_ value: Double) -> String { String(format: "%.2f ms", value) }
    private static func us(_ value: Double) -> String { String(format: "%.1f µs", value) }

    private static func row(_ name: String, _ stats: Statistics, _ format: (Double) -> String) -> String {
        "  \(name.padding(toLength: 22, withPad: " ", startingAt: 0))"
            + [stats.p50, stats.p90, stats.p99, stats.max].map { format($0).leftPadded(12) }.joined()
            + "   (n=\(stats.count))\n"
    }

    /// What Lambda's view costs over process isolation, at the median.
    static func comparison(_ lambda: BenchmarkResult, _ process: BenchmarkResult) -> String {
        func delta(_ name: String, _ a: Double, _ b: Double) -> String {
            let percent = b > 0 ? String(format: " (%+.0f %%)", (a - b) / b * 100) : ""
            return "  \(name.padding(toLength: 22, withPad: " ", startingAt: 0))"
                + String(format: "%+.2f ms", a - b) + percent + "\n"
        }
        return "lambda − process isolation, p50\n"
            + delta("cold start", lambda.coldStartMs.p50, process.coldStartMs.p50)
            + delta("warm latency", lambda.warmLatencyMs.p50, process.warmLatencyMs.p50) + "\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
