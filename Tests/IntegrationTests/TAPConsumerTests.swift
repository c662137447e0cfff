import ConformanceTestSupport
import Foundation
import Testing

extension Integration {
    /// The TAP report of a real run, read by the consumer the README names: Debian's `prove` (Test::Harness 3.44,
    /// which knows TAP up to version 13).
    @Suite(
        "TAP consumers", .timeLimit(.minutes(5)),
        .enabled(if: ProveHarness.path != nil, "prove is not installed (Debian: package perl)"))
    struct TAPConsumerTests {
        /// `prove --verbose --exec cat report.tap`: prove runs `cat` on the file and parses what it prints as TAP.
        private func prove(_ file: URL) throws -> (status: Int32, output: String) {
            try ProveHarness.run(file.path)
        }

        private func runReport(_ arguments: [String]) throws -> (report: URL, folder: URL) {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            let outcome = try LambdaSpecExecutable.run(
                ["run"] + arguments + ["--format", "tap", "--report-dir", folder.path])
            #expect(outcome.status <= 1, "stderr: \(outcome.stderr)")
            return (folder.appendingPathComponent("report.tap"), folder)
        }

        @Test("prove accepts the report of a passing run: every test point ok, no parse error")
        func passingRunPassesProve() throws {
            let (report, folder) = try runReport([
                "Runtimes/shell", "--only", "invocation.echo.*", "--only", "errors.handler.*",
            ])
            defer { try? FileManager.default.removeItem(at: folder) }
            let outcome = try prove(report)
            #expect(outcome.status == 0, "\(outcome.output)")
            #expect(outcome.output.contains("Result: PASS"), "\(outcome.output)")
            #expect(!outcome.output.contains("Parse errors"), "\(outcome.output)")
        }

        @Test("prove reads a failing run's YAML diagnostics and fails it for the failed scenario only")
        func failingRunFailsProve() throws {
            let faulty = PackagePaths.faultyRuntimes.appendingPathComponent("wrong-request-id").path
            let (report, folder) = try runReport([
                faulty, "--only", "invocation.request-id.exact", "--only", "init.exit.detected",
            ])
            defer { try? FileManager.default.removeItem(at: folder) }
            let tap = try String(contentsOf: report, encoding: .utf8)
            #expect(tap.contains("\n  ---\n") && tap.contains("\n  ...\n"), "a YAML block: \(tap)")
            let outcome = try prove(report)
            #expect(outcome.status != 0)
            #expect(outcome.output.contains("Result: FAIL"), "\(outcome.output)")
            #expect(outcome.output.contains("Failed: 1)"), "\(outcome.output)")
            #expect(!outcome.output.contains("Parse errors"), "\(outcome.output)")
        }
    }
}
