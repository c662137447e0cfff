import Foundation
import Testing

extension Integration {
    /// Reports written by real runs, read by independent consumers, and combined by `report merge`.
    @Suite("Reports of real runs", .timeLimit(.minutes(5)))
    struct ReportCommandTests {
        static let schemaCheck = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
            print("valid")
            """

        @Test("a run's report.json, with two colliding layers, validates against docs/report.schema.json")
        func reportValidatesAgainstSchema() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            for (layer, text) in [("first", "from the first layer"), ("second", "from the second layer")] {
                let lib = scratch.appendingPathComponent("\(layer)/lib")
                try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: lib.appendingPathComponent("shared.txt"))
            }
            let reports = scratch.appendingPathComponent("reports")
            let outcome = try LambdaSpecExecutable.run([
                "run", "Runtimes/shell", "--only", "invocation.body.*", "--only", "errors.*", "--only", "limits.*",
                "--layer", scratch.appendingPathComponent("first").path,
                "--layer", scratch.appendingPathComponent("second").path,
                "--format", "json", "--report-dir", reports.path,
            ])
            #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
            let report = reports.appendingPathComponent("report.json")
            let check = try LambdaSpecExecutable.python(
                Self.schemaCheck,
                arguments: [PackagePaths.root.appendingPathComponent("docs/report.schema.json").path, report.path]
            )
            #expect(check.status == 0 && check.output.contains("valid"), "\(check.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
            let subject = try #require(json["subject"] as? [String: Any])
            let origins = try #require(subject["layerOrigins"] as? [String: String])
            #expect(origins["lib/shared.txt"] == scratch.appendingPathComponent("second").path)
        }

        @Test("report merge builds a matrix of two runtimes (HTML and Markdown) and render rewrites a report")
        func mergeAndRender() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            for runtime in ["shell", "c"] {
                let outcome = try LambdaSpecExecutable.run([
                    "run", "Runtimes/\(runtime)", "--only", "trace.*", "--format", "json",
                    "--report-dir", scratch.appendingPathComponent(runtime).path,
                ])
                #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
            }
            let matrix = scratch.appendingPathComponent("matrix.html")
            let markdownPath = scratch.appendingPathComponent("matrix.md")
            let merged = try LambdaSpecExecutable.run([
                "report", "merge", scratch.appendingPathComponent("shell/report.json").path,
                scratch.appendingPathComponent("c/report.json").path, "--html", matrix.path, "--markdown",
                markdownPath.path,
            ])
            #expect(merged.status == 0, "stderr: \(merged.stderr)")
            #expect(merged.stdout.contains("2 runs × 4 scenarios"))
            let html = try String(contentsOf: matrix, encoding: .utf8)
            #expect(html.contains("trace.env-var.set"))
            #expect(!html.contains("<script src"))
            let markdown = try String(contentsOf: markdownPath, encoding: .utf8)
            #expect(markdown.contains("| shell (bash + curl) | PASSED | 0/0 | 4/4 | · | · | · | · |"), "\(markdown)")
            #expect(markdown.contains("| `trace.env-var.set` | SHOULD | PASS | PASS |"))

            let rendered = try LambdaSpecExecutable.run([
                "report", "render", scratch.appendingPathComponent("c/report.json").path, "--format", "html",
                "--format", "junit", "--report-dir", scratch.appendingPathComponent("rendered").path,
            ])
            #expect(rendered.status == 0, "stderr: \(rendered.stderr)")
            let junit = scratch.appendingPathComponent("rendered/junit.xml")
            let parsed = try LambdaSpecExecutable.python(
                "import sys, junitparser; x = junitparser.JUnitXml.fromfile(sys.argv[1]); print(sum(s.tests for s in x))",
                arguments: [junit.path]
            )
            #expect(
                parsed.status == 0 && parsed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "4",
                "\(parsed.output)")
        }

        @Test("merge names the file that is not a lambdaspec report and exits 2")
        func mergeRejectsForeignFiles() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let bogus = scratch.appendingPathComponent("bogus.json")
            try Data(#"{"hello": "world"}"#.utf8).write(to: bogus)
            let outcome = try LambdaSpecExecutable.run(["report", "merge", bogus.path])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains("bogus.json"), "stderr: \(outcome.stderr)")
        }
    }
}
