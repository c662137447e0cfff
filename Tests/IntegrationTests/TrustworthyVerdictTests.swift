import Foundation
import Testing

extension Integration {
    /// Verdicts a CI gate can trust: no green without evidence, and a runtime that cannot start is named once,
    /// with its cause, instead of failing every scenario with the same symptom.
    @Suite("Verdicts a CI gate can trust", .timeLimit(.minutes(5)))
    struct TrustworthyVerdictTests {
        /// The shell probe with `manifest` as its lambdaspec.json and `bootstrap` (default: the shell runtime's).
        private func makeFunction(in folder: URL, manifest: String, bootstrap: String? = nil) throws -> String {
            let function = folder.appendingPathComponent("function")
            try FileManager.default.createDirectory(at: function, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: PackagePaths.runtime("shell") + "/probe.sh", toPath: function.path + "/probe.sh")
            try manifest.write(
                to: function.appendingPathComponent("lambdaspec.json"), atomically: true, encoding: .utf8)
            let file = function.appendingPathComponent("bootstrap")
            if let bootstrap {
                try bootstrap.write(to: file, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            } else {
                try FileManager.default.createSymbolicLink(
                    atPath: file.path, withDestinationPath: PackagePaths.runtime("shell") + "/bootstrap")
            }
            return function.path
        }

        @Test("A misspelled capability is a setup error (exit 2) naming the file, line, column and the known names")
        func misspelledCapability() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let function = try makeFunction(
                in: folder, manifest: "{\n  \"handler\": \"probe.handler\",\n  \"capabilities\": [\"ehco\"]\n}\n")
            let outcome = try LambdaSpecExecutable.run(["run", function, "--strict"])
            #expect(outcome.status == 2, "\(outcome.stdout)")
            #expect(outcome.stderr.contains("lambdaspec.json:3:20: unknown capability \"ehco\""), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("known: echo, context"))
            #expect(outcome.stderr.split(separator: "\n").count == 1)
        }

        @Test("A probe whose capabilities leave MUST scenarios unrun is INCOMPLETE: exit 1 with --strict, 0 without")
        func unrunMustScenariosAreIncomplete() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let function = try makeFunction(
                in: folder, manifest: #"{"handler": "probe.handler", "capabilities": ["echo"]}"#)
            let selection = ["--only", "invocation.echo.warm", "--only", "context.request-id"]
            let reports = folder.appendingPathComponent("reports").path
            let strict = try LambdaSpecExecutable.run(
                ["run", function, "--strict", "--format", "console", "--format", "junit", "--format", "json"]
                    + ["--format", "badge", "--report-dir", reports] + selection)
            #expect(strict.status == 1, "\(strict.stdout)")
            #expect(strict.stdout.contains("INCOMPLETE  MUST 1/1 · 1 MUST scenario not run"), "\(strict.stdout)")
            let junit = try String(contentsOfFile: reports + "/junit.xml", encoding: .utf8)
            #expect(junit.contains(#"<property name="verdict" value="incomplete"/>"#))
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reports + "/report.json")))
                    as? [String: Any])
            #expect(report["verdict"] as? String == "incomplete")
            let badge = try String(contentsOfFile: reports + "/badge.json", encoding: .utf8)
            #expect(badge.contains("incomplete"))
            let lenient = try LambdaSpecExecutable.run(["run", function] + selection)
            #expect(lenient.status == 0)
            #expect(lenient.stdout.contains("INCOMPLETE"))
        }

        @Test("A handler the runtime cannot find stops the run at once with the runtime's own init error")
        func missingHandlerIsNamed() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let outcome = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("shell"), "--handler", "nope.handler", "--format", "console",
                "--format", "json", "--report-dir", folder.path,
            ])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("The runtime could not start, so no scenario ran"))
            #expect(outcome.stdout.contains("/runtime/init/error: Runtime.NoSuchHandler"), "\(outcome.stdout)")
            // One init, not one init timeout per scenario.
            #expect(outcome.seconds < 30)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json")))
                    as? [String: Any])
            let stopped = try #require(report["stopped"] as? [String: Any])
            #expect(stopped["initErrorType"] as? String == "Runtime.NoSuchHandler")
            let results = try #require(report["results"] as? [[String: Any]])
            #expect(!results.isEmpty && results.allSatisfy { $0["status"] as? String == "skipped" })
        }

        @Test("A bootstrap that never polls ends after one init timeout, saying so")
        func silentBootstrapEndsAfterOneInit() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let function = try makeFunction(
                in: folder, manifest: #"{"handler": "probe.handler", "capabilities": ["echo"]}"#,
                bootstrap: "#!/bin/sh\necho starting >&2\nexec sleep 1000\n")
            let outcome = try LambdaSpecExecutable.run(["run", function])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("it did not call /next within the init timeout"), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("    starting"))
            #expect(outcome.seconds < 30)
        }

        @Test("A bootstrap with a CRLF #! line stops the run with exit 2 and lint's diagnosis")
        func crlfShebangIsPreflighted() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let function = try makeFunction(
                in: folder, manifest: #"{"handler": "probe.handler", "capabilities": ["echo"]}"#,
                bootstrap: "#!/bin/sh\r\nexec sleep 1000\r\n")
            let outcome = try LambdaSpecExecutable.run(["run", function])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains("layer.shebang.crlf"), "\(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }

        @Test("--fail-fast starts no scenario after the first MUST failure and reports the rest as skipped")
        func failFastStops() throws {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let outcome = try LambdaSpecExecutable.run([
                "run", PackagePaths.faultyRuntimes.path + "/wrong-request-id", "--fail-fast", "--jobs", "1",
                "--format", "json", "--report-dir", folder.path,
            ])
            #expect(outcome.status == 1)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json")))
                    as? [String: Any])
            let results = try #require(report["results"] as? [[String: Any]])
            let failed = results.filter { $0["status"] as? String == "failed" }
            let skipped = results.filter { ($0["message"] as? String)?.contains("--fail-fast stopped the run") == true }
            #expect(failed.count == 1)
            #expect(skipped.count > 10, "\(results.count) results")
        }
    }
}
