import Foundation
import Testing

extension Integration {
    /// CI gates on new failures only: expectations files, baselines and `report diff`, on real bootstraps.
    ///
    /// The faulty runtime `wrong-request-id` fails `invocation.request-id.exact` (and every other answer); the shell
    /// reference runtime passes it, which stands for the runtime after the fix.
    @Suite("Expectations, baselines and report diff", .timeLimit(.minutes(5)))
    struct GatingTests {
        static let known = "invocation.request-id.exact"
        static let other = "invocation.echo.warm"
        static let reason = "we shorten request ids (issue 12)"
        static var faulty: String { PackagePaths.faultyRuntimes.appendingPathComponent("wrong-request-id").path }

        /// An expectations file listing the known failure, in `folder`.
        func writeExpectations(in folder: URL) throws -> String {
            let path = folder.appendingPathComponent("expectations.yaml")
            try Data("\(Self.known):\n  status: failed\n  reason: \"\(Self.reason)\"\n".utf8).write(to: path)
            return path.path
        }

        func run(
            _ subject: String, only: [String], _ extra: [String], reports: URL, environment: [String: String] = [:]
        ) throws -> LambdaSpecExecutable.Outcome {
            try LambdaSpecExecutable.run(
                ["run", subject] + only.flatMap { ["--only", $0] } + extra
                    + ["--format", "console", "--format", "json", "--format", "junit", "--format", "html"]
                    + ["--report-dir", reports.path],
                environment: environment)
        }

        func json(_ url: URL) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        }

        func triageOf(_ id: String, in report: [String: Any]) -> [String: Any]? {
            let results = report["results"] as? [[String: Any]] ?? []
            return results.first { $0["id"] as? String == id }?["triage"] as? [String: Any]
        }

        @Test("an expectations file turns the known failure into exit 0 and a new failure into exit 1")
        func expectationsGateNewFailuresOnly() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let expectations = try writeExpectations(in: scratch)

            let plain = try run(Self.faulty, only: [Self.known], [], reports: scratch.appendingPathComponent("plain"))
            #expect(plain.status == 1, "without expectations the failure fails the run: \(plain.stdout)")

            let reports = scratch.appendingPathComponent("known")
            let summary = scratch.appendingPathComponent("step-summary.md")
            let known = try run(
                Self.faulty, only: [Self.known], ["--expectations", expectations], reports: reports,
                environment: ["GITHUB_STEP_SUMMARY": summary.path])
            #expect(known.status == 0, "stdout: \(known.stdout) stderr: \(known.stderr)")
            #expect(known.stdout.contains("Expected failure (1)"), "\(known.stdout)")
            let report = try json(reports.appendingPathComponent("report.json"))
            let triage = try #require(triageOf(Self.known, in: report))
            #expect(triage["kind"] as? String == "expected-failure")
            #expect(triage["reason"] as? String == Self.reason)
            let junit = try String(contentsOf: reports.appendingPathComponent("junit.xml"), encoding: .utf8)
            #expect(junit.contains("<skipped message=\"expected failure (failed, expected failed): \(Self.reason)\""))
            #expect(!junit.contains("<failure"), "\(junit)")
            let markdown = try String(contentsOf: summary, encoding: .utf8)
            #expect(markdown.contains("## ✅ lambdaspec"), "\(markdown)")
            #expect(markdown.contains("### 🔕 Expected failure (1)") && markdown.contains("issue 12"), "\(markdown)")
            #expect(!markdown.contains("Needs attention"), "\(markdown)")
            let html = try String(contentsOf: reports.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("<span class=\"chip triage\">expected failure</span>"))
            #expect(html.contains("1 expected failure (\(expectations))"))

            let both = try run(
                Self.faulty, only: [Self.known, Self.other], ["--expectations", expectations],
                reports: scratch.appendingPathComponent("both"))
            #expect(both.status == 1, "the unlisted failure must fail the run: \(both.stdout)")
            #expect(both.stdout.contains("Failures (1)") && both.stdout.contains(Self.other), "\(both.stdout)")
        }

        @Test("a fixed scenario is reported as unexpectedly passing, which fails the run only under --strict")
        func fixedScenarioIsUnexpectedlyPassing() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let expectations = try writeExpectations(in: scratch)
            let shell = PackagePaths.runtime("shell")

            let reports = scratch.appendingPathComponent("lenient")
            let lenient = try run(shell, only: [Self.known], ["--expectations", expectations], reports: reports)
            #expect(lenient.status == 0, "stdout: \(lenient.stdout) stderr: \(lenient.stderr)")
            #expect(lenient.stdout.contains("Unexpectedly passing (1)"), "\(lenient.stdout)")
            let triage = try #require(
                triageOf(Self.known, in: try json(reports.appendingPathComponent("report.json"))))
            #expect(triage["kind"] as? String == "unexpectedly-passing")

            let strict = try run(
                shell, only: [Self.known], ["--expectations", expectations, "--strict"],
                reports: scratch.appendingPathComponent("strict"))
            #expect(strict.status == 1, "\(strict.stdout)")
            let junit = try String(
                contentsOf: scratch.appendingPathComponent("strict/junit.xml"), encoding: .utf8)
            #expect(junit.contains("type=\"UnexpectedlyPassing\""), "\(junit)")
        }

        @Test("--baseline fails only on scenarios worse than in the baseline report")
        func baselineFailsOnlyOnWorse() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let only = [Self.known, Self.other]
            _ = try run(Self.faulty, only: only, [], reports: scratch.appendingPathComponent("faulty"))
            _ = try run(PackagePaths.runtime("shell"), only: only, [], reports: scratch.appendingPathComponent("shell"))

            let sameFailures = try run(
                Self.faulty, only: only, ["--baseline", scratch.appendingPathComponent("faulty/report.json").path],
                reports: scratch.appendingPathComponent("again"))
            #expect(sameFailures.status == 0, "stdout: \(sameFailures.stdout) stderr: \(sameFailures.stderr)")
            #expect(sameFailures.stdout.contains("Expected failure (2)"), "\(sameFailures.stdout)")

            let regressed = try run(
                Self.faulty, only: only, ["--baseline", scratch.appendingPathComponent("shell/report.json").path],
                reports: scratch.appendingPathComponent("regressed"))
            #expect(regressed.status == 1, "\(regressed.stdout)")
        }

        @Test("report diff exits 1 on a regression and 0 when a run only got better")
        func reportDiffExitsOneOnRegression() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            _ = try run(Self.faulty, only: [Self.known], [], reports: scratch.appendingPathComponent("broken"))
            _ = try run(
                PackagePaths.runtime("shell"), only: [Self.known], [], reports: scratch.appendingPathComponent("fixed"))
            let fixed = scratch.appendingPathComponent("fixed/report.json").path
            let broken = scratch.appendingPathComponent("broken/report.json").path

            let worse = try LambdaSpecExecutable.run(["report", "diff", fixed, broken])
            #expect(worse.status == 1, "stdout: \(worse.stdout) stderr: \(worse.stderr)")
            #expect(worse.stdout.contains("\(Self.known) [MUST]: passed → failed  REGRESSION"), "\(worse.stdout)")

            let better = try LambdaSpecExecutable.run(["report", "diff", broken, fixed])
            #expect(better.status == 0, "stdout: \(better.stdout) stderr: \(better.stderr)")
            #expect(better.stdout.contains("better  \(Self.known) [MUST]: failed → passed"), "\(better.stdout)")
        }

        @Test("an expectations file naming an unknown scenario stops the run with exit 2, the file and the line")
        func unknownIdIsAnError() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let path = scratch.appendingPathComponent("expectations.yaml")
            try Data(
                "\(Self.known):\n  status: failed\n  reason: x\nno.such.scenario:\n  status: failed\n  reason: y\n".utf8
            )
            .write(to: path)
            let outcome = try LambdaSpecExecutable.run(["run", "Runtimes/shell", "--expectations", path.path])
            #expect(outcome.status == 2)
            #expect(
                outcome.stderr.contains("\(path.path):4: unknown scenario id 'no.such.scenario'"), "\(outcome.stderr)")
        }
    }
}
