import Foundation
import LambdaSandbox
import Testing

extension Integration {
    /// The `lambdaspec` executable as users and CI call it: exit codes, one-line errors, report files.
    @Suite("The lambdaspec command line", .timeLimit(.minutes(5)))
    struct CommandLineTests {
        func lambdaspec(_ arguments: [String]) throws -> LambdaSpecExecutable.Outcome {
            try LambdaSpecExecutable.run(arguments)
        }

        func temporaryDirectory() throws -> URL {
            try LambdaSpecExecutable.temporaryDirectory()
        }

        @Test("a passing run exits 0 and writes the JSON report it was asked for")
        func passingRunExitsZero() throws {
            let reports = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: reports) }
            let outcome = try lambdaspec([
                "run", "Runtimes/shell", "--only", "invocation.echo.*", "--only", "errors.handler.*",
                "--format", "console", "--format", "json", "--report-dir", reports.path,
            ])
            #expect(outcome.status == 0, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
            #expect(outcome.stdout.contains("invocation.echo.warm"))
            let data = try Data(contentsOf: reports.appendingPathComponent("report.json"))
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(report["schemaVersion"] as? Int == 1)
            let results = try #require(report["results"] as? [[String: Any]])
            #expect(results.map { $0["id"] as? String } == ["errors.handler.posted-to-error", "invocation.echo.warm"])
            #expect(results.allSatisfy { $0["status"] as? String == "passed" })
        }

        @Test("a run with a failing MUST scenario exits 1")
        func failingRunExitsOne() throws {
            let faulty = PackagePaths.faultyRuntimes.appendingPathComponent("wrong-request-id").path
            let reports = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: reports) }
            let outcome = try lambdaspec([
                "run", faulty, "--only", "invocation.request-id.exact", "--report-dir", reports.path,
            ])
            #expect(outcome.status == 1, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
            #expect(outcome.stdout.contains("FAILED"))
        }

        @Test("a missing bootstrap stops the run with exit 2 and a one-line reason naming the places looked at")
        func missingBootstrapExitsTwo() throws {
            let empty = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: empty) }
            let outcome = try lambdaspec(["run", empty.path, "--handler", "probe.handler"])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.split(separator: "\n").count == 1, "stderr: \(outcome.stderr)")
            #expect(outcome.stderr.contains("bootstrap"))
        }

        @Test("a layer path that does not exist stops the run with exit 2")
        func badLayerExitsTwo() throws {
            let outcome = try lambdaspec(["run", "Runtimes/shell", "--layer", "/nonexistent/layer.zip"])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains("/nonexistent/layer.zip"), "stderr: \(outcome.stderr)")
        }

        @Test("a selection that matches nothing is a usage error with exit 2")
        func emptySelectionExitsTwo() throws {
            let outcome = try lambdaspec(["run", "Runtimes/shell", "--only", "no.such.scenario"])
            #expect(outcome.status == 2)
        }

        @Test("list prints every scenario with its level and the totals")
        func listPrintsTheCatalogue() throws {
            let outcome = try lambdaspec(["list"])
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("invocation.echo.warm"))
            #expect(outcome.stdout.contains("MUST"))
            #expect(outcome.stdout.contains(" scenarios ("))
        }

        @Test("Conformance/README.md is the catalogue as `lambdaspec list --markdown` prints it")
        func catalogueReadmeIsInSync() throws {
            let outcome = try lambdaspec(["list", "--markdown"])
            let committed = try String(
                contentsOf: PackagePaths.root.appendingPathComponent("Conformance/README.md"), encoding: .utf8)
            #expect(outcome.stdout == committed, "run `lambdaspec list --markdown > Conformance/README.md`")
        }

        @Test("Ctrl-C stops the run with status 130, kills every bootstrap and leaves no sandbox folder behind")
        func interruptCleansUp() async throws {
            let scratch = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let process = Process()
            process.executableURL = PackagePaths.productsDirectory.appendingPathComponent("lambdaspec")
            process.arguments = ["run", "Runtimes/shell", "--only", "robustness.next.slow", "--only", "timeout.*"]
            process.currentDirectoryURL = PackagePaths.root
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = scratch.path
            process.environment = environment
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-\(UUID())")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: output) }
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            try await Task.sleep(for: .milliseconds(1500))
            process.interrupt()
            process.waitUntilExit()
            try handle.close()
            #expect(process.terminationStatus == 130)
            let printed = try String(contentsOf: output, encoding: .utf8)
            #expect(printed.contains("lambdaspec: interrupted"))
            #expect(!printed.contains("harness error"), "after the interrupt the dying run printed: \(printed)")
            try await Task.sleep(for: .milliseconds(200))
            let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
            #expect(left.isEmpty, "left behind: \(left)")
            // Every bootstrap of that run had its sandbox under `scratch` (in its TMPDIR in process isolation, on
            // bubblewrap's command line in lambda isolation); none may still be running.
            let survivors = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
                guard Int(entry) != nil else { return false }
                return ["environ", "cmdline"].contains { file in
                    let data = FileManager.default.contents(atPath: "/proc/\(entry)/\(file)") ?? Data()
                    return String(decoding: data, as: UTF8.self).contains(scratch.path)
                }
            }
            #expect(survivors.isEmpty, "processes still running: \(survivors)")
        }

        @Test("bench measures cold starts and warm invocations and writes bench.json")
        func benchWritesFigures() throws {
            let reports = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: reports) }
            let outcome = try lambdaspec([
                "bench", "Runtimes/shell", "--cold-starts", "3", "--invocations", "20", "--capture-mib", "8",
                "--report-dir", reports.path,
            ])
            #expect(outcome.status == 0, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
            #expect(outcome.stdout.contains("cold start"))
            let data = try Data(contentsOf: reports.appendingPathComponent("bench.json"))
            let bench = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let cold = try #require(bench["coldStartMs"] as? [String: Any])
            let warm = try #require(bench["warmLatencyMs"] as? [String: Any])
            let server = try #require(bench["serverOverheadMicroseconds"] as? [String: Any])
            #expect(cold["count"] as? Int == 3)
            #expect(warm["count"] as? Int == 20)
            #expect((warm["p50"] as? Double ?? 0) > 0)
            #expect((server["p50"] as? Double ?? 0) > 0)
            #expect((bench["throughputPerSecond"] as? Double ?? 0) > 0)
            #expect((bench["peakResidentKilobytes"] as? Int ?? 0) > 0)
            let capture = try #require(bench["capture"] as? [String: Any])
            #expect(capture["bytes"] as? Int == 8 << 20)
            #expect((capture["seconds"] as? Double ?? 0) > 0)
            #expect(outcome.stdout.contains("output capture"))
            // End to end: the same 20 invocations through a real `lambdaspec serve` over HTTP, and its memory.
            let endToEnd = try #require(bench["endToEnd"] as? [String: Any])
            let latency = try #require(endToEnd["latencyMs"] as? [String: Any])
            #expect(latency["count"] as? Int == 20)
            #expect((latency["p50"] as? Double ?? 0) > 0)
            #expect((endToEnd["throughputPerSecond"] as? Double ?? 0) > 0)
            #expect((endToEnd["residentKilobytesAtEnd"] as? Int ?? 0) > 0)
            #expect(outcome.stdout.contains("end to end: lambdaspec serve over HTTP"))
            #expect(outcome.stdout.contains("mock bookkeeping"))
        }

        @Test(
            "bench --compare-isolations measures in both isolations and prints what Lambda's view costs",
            .enabled(if: (try? IsolationProbe.bubblewrap.get()) != nil, "bubblewrap cannot run here"))
        func benchComparesIsolations() throws {
            let reports = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: reports) }
            let outcome = try lambdaspec([
                "bench", "Runtimes/shell", "--cold-starts", "2", "--invocations", "10", "--compare-isolations",
                "--report-dir", reports.path,
            ])
            #expect(outcome.status == 0, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
            #expect(outcome.stdout.contains("· lambda isolation") && outcome.stdout.contains("· process isolation"))
            #expect(outcome.stdout.contains("lambda − process isolation, p50"))
            for isolation in ["lambda", "process"] {
                let data = try Data(contentsOf: reports.appendingPathComponent("bench-\(isolation).json"))
                let bench = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                #expect((bench["coldStartMs"] as? [String: Any])?["count"] as? Int == 2)
            }
        }
    }
}
