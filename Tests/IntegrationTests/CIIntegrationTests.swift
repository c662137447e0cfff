import Foundation
import Testing

extension Integration {
    /// The CI integration the repository ships: the GitHub Action, its example workflow and the GitLab template
    /// against their published schemas, and the Action's run step (`.ci/action-run`) on a real bootstrap.
    @Suite("CI integration: the Action and the GitLab template", .timeLimit(.minutes(5)))
    struct CIIntegrationTests {
        /// check-jsonschema from the virtual environment `.ci/setup` makes; it carries the GitHub and GitLab schemas.
        static let checkJSONSchema = PackagePaths.root.appendingPathComponent(".build/ci-venv/bin/check-jsonschema")

        static func execute(
            _ executable: URL, _ arguments: [String], environment: [String: String] = [:]
        ) throws -> (
            status: Int32, output: String
        ) {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = PackagePaths.root
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                .filter { $0.key != "GITHUB_STEP_SUMMARY" && !$0.key.hasPrefix("CI_NODE_") }
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let log = scratch.appendingPathComponent("log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            process.waitUntilExit()
            try handle.close()
            return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
        }

        @Test(
            "the Action, the example workflow and the GitLab template validate against their published schemas",
            arguments: [
                ("action.yml", "vendor.github-actions"), ("docs/ci/github-workflow.yml", "vendor.github-workflows"),
                ("docs/ci/lambdaspec.gitlab-ci.yml", "vendor.gitlab-ci"),
            ])
        func validatesAgainstSchema(file: String, schema: String) throws {
            try #require(
                FileManager.default.isExecutableFile(atPath: Self.checkJSONSchema.path),
                "check-jsonschema is missing: .ci/setup installs it into .build/ci-venv")
            let result = try Self.execute(Self.checkJSONSchema, ["--builtin-schema", schema, file])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("ok -- validation done"), "\(result.output)")
        }

        @Test("the Action's run step runs two shards with expectations, then joins them with the run's verdict")
        func actionRunStepShardsAndMerges() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let expectations = scratch.appendingPathComponent("expectations.yaml")
            try Data("invocation.request-id.exact:\n  status: failed\n  reason: shortened ids\n".utf8)
                .write(to: expectations)
            let script = PackagePaths.root.appendingPathComponent(".ci/action-run")
            let reports = scratch.appendingPathComponent("reports")
            let common = [
                "LAMBDASPEC": PackagePaths.productsDirectory.appendingPathComponent("lambdaspec").path,
                "LAMBDASPEC_FUNCTION": PackagePaths.faultyRuntimes.appendingPathComponent("wrong-request-id").path,
                "LAMBDASPEC_ONLY": "invocation.request-id.exact\n  trace.env-var.set  \n",
                "LAMBDASPEC_EXPECTATIONS": expectations.path,
                "LAMBDASPEC_REPORT_DIR": reports.path,
                "NO_COLOR": "1",
            ]
            for index in 1...2 {
                let output = scratch.appendingPathComponent("output-\(index)")
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                let result = try Self.execute(
                    script, [],
                    environment: common.merging(["LAMBDASPEC_SHARD": "\(index)/2", "GITHUB_OUTPUT": output.path]) {
                        $1
                    })
                #expect(result.status == 0, "\(result.output)")
                let outputs = try String(contentsOf: output, encoding: .utf8)
                #expect(outputs.contains("exit-code=0\n"), "\(outputs)")
                #expect(outputs.contains("report-dir=\(reports.path)/shard-\(index)\n"), "\(outputs)")
                #expect(outputs.contains("artifact-name=lambdaspec-report-shard-\(index)-of-2\n"), "\(outputs)")
            }
            let merged = try Self.execute(
                script, [],
                environment: common.merging([
                    "LAMBDASPEC_MERGE": "\(reports.path)/shard-*/report.json",
                    "LAMBDASPEC_REPORT_DIR": scratch.appendingPathComponent("merged").path,
                ]) { $1 })
            #expect(merged.status == 0, "\(merged.output)")
            #expect(merged.output.contains("joined 2 shards: 2 scenarios, PASSED"), "\(merged.output)")
            let junit = try String(
                contentsOf: scratch.appendingPathComponent("merged/junit.xml"), encoding: .utf8)
            #expect(junit.contains("expected failure (failed, expected failed): shortened ids"))

            let unexpected = try Self.execute(
                script, [], environment: common.merging(["LAMBDASPEC_EXPECTATIONS": ""]) { $1 })
            #expect(unexpected.status == 1, "without the expectations the known failure fails: \(unexpected.output)")
        }
    }
}
