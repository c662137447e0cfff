import Foundation
import Testing

extension Integration {
    /// A runtime's output, however much of it, neither slows the runtime nor fills the report: the first and the last
    /// 64 KiB of each stream are kept, with a marker for what lies between and exact totals.
    @Suite("Output capture", .timeLimit(.minutes(5)))
    struct OutputCaptureTests {
        /// Lines the flood prints: 100 bytes each with the newline, 10 MB in all.
        static let floodLines = 100_000

        /// The shell reference runtime behind a bootstrap that first prints 10 MB of numbered lines to stdout.
        private func makeFloodingFunction(in folder: URL) throws -> URL {
            let function = folder.appendingPathComponent("function")
            try FileManager.default.createDirectory(at: function, withIntermediateDirectories: true)
            let shell = URL(fileURLWithPath: PackagePaths.runtime("shell"))
            for (source, target) in [
                ("probe.sh", "probe.sh"), ("lambdaspec.json", "lambdaspec.json"), ("bootstrap", "bootstrap-shell"),
            ] {
                try FileManager.default.copyItem(
                    at: shell.appendingPathComponent(source), to: function.appendingPathComponent(target))
            }
            let bootstrap = function.appendingPathComponent("bootstrap")
            try """
            #!/bin/sh
            awk 'BEGIN { for (i = 1; i <= \(Self.floodLines); i++) printf "line %06d %087d\\n", i, 0 }'
            exec "$(dirname "$0")/bootstrap-shell"

            """.write(to: bootstrap, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bootstrap.path)
            return function
        }

        private static func floodLine(_ number: Int) -> String {
            String(format: "line %06d ", number) + String(repeating: "0", count: 87)
        }

        @Test("A runtime that prints 10 MB at init passes; the report keeps head, marker and tail with exact counts")
        func tenMegabytesAtInit() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let function = try makeFloodingFunction(in: folder)
            let reports = folder.appendingPathComponent("reports")
            let outcome = try LambdaSpecExecutable.run([
                "run", function.path, "--only", "invocation.echo.warm", "--format", "json", "--format", "html",
                "--report-dir", reports.path,
            ])
            #expect(outcome.status == 0, "stdout: \(outcome.stdout.suffix(2000)) stderr: \(outcome.stderr)")

            let data = try Data(contentsOf: reports.appendingPathComponent("report.json"))
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let result = try #require((report["results"] as? [[String: Any]])?.first)
            #expect(result["status"] as? String == "passed")
            let logs = try #require(result["logs"] as? [[String: Any]])
            let stdout = logs.filter { $0["stream"] as? String == "stdout" && $0["processStart"] as? Int == 1 }
            let texts = stdout.compactMap { $0["text"] as? String }

            // Head: the first line printed, then consecutive lines up to 64 KiB; one marker; the tail ends with the
            // last line of the flood (the runtime prints nothing to stdout after it).
            let markers = stdout.filter { $0["omittedBytes"] != nil }
            try #require(markers.count == 1, "one omission marker, got \(markers.count)")
            let marker = markers[0]
            let markerIndex = try #require(texts.firstIndex(of: marker["text"] as? String ?? ""))
            #expect(texts.first == Self.floodLine(1))
            #expect(texts.last == Self.floodLine(Self.floodLines))
            let head = texts[..<markerIndex]
            let tail = texts[(markerIndex + 1)...]
            #expect(Array(head) == (1...head.count).map(Self.floodLine))
            #expect(Array(tail) == ((Self.floodLines - tail.count + 1)...Self.floodLines).map(Self.floodLine))
            #expect(head.count * 100 <= 64 * 1024 && (head.count + 1) * 100 > 64 * 1024)
            #expect(tail.count * 100 <= 64 * 1024 && (tail.count + 1) * 100 > 64 * 1024)

            let omittedLines = Self.floodLines - head.count - tail.count
            #expect(marker["omittedLines"] as? Int == omittedLines)
            #expect(marker["omittedBytes"] as? Int == omittedLines * 100)
            #expect(marker["text"] as? String == "… \(omittedLines * 100) bytes omitted …")

            let totals = try #require(result["output"] as? [[String: Any]])
            let stdoutTotals = try #require(
                totals.first { $0["stream"] as? String == "stdout" && $0["processStart"] as? Int == 1 })
            #expect(stdoutTotals["lines"] as? Int == Self.floodLines)
            #expect(stdoutTotals["bytes"] as? Int == Self.floodLines * 100)
            #expect(stdoutTotals["omittedLines"] as? Int == omittedLines)
            #expect(stdoutTotals["omittedBytes"] as? Int == omittedLines * 100)

            // The HTML report (500 lines at most) shows both ends and what was left out, not only the first lines.
            let html = try String(contentsOf: reports.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains(Self.floodLine(1)))
            #expect(html.contains(Self.floodLine(Self.floodLines)))
            #expect(html.contains("\(omittedLines * 100) bytes omitted"))
            #expect(html.contains("\(head.count + tail.count) of \(Self.floodLines) lines kept"))

            // The marker and the totals are part of the documented report format.
            let schema = PackagePaths.root.appendingPathComponent("docs/report.schema.json").path
            let check = try LambdaSpecExecutable.python(
                ReportCommandTests.schemaCheck,
                arguments: [schema, reports.appendingPathComponent("report.json").path])
            #expect(check.status == 0 && check.output.contains("valid"), "\(check.output)")
        }
    }
}
