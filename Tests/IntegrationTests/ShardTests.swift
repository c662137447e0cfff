import Foundation
import Testing

extension Integration {
    /// A run split over CI machines: `--shard I/N` (or GitLab's variables) and `report merge` of the shard reports.
    @Suite("Shards of a run and their merge", .timeLimit(.minutes(5)))
    struct ShardTests {
        /// A subset of the catalogue with long and short scenarios (timeouts, reuse, plain invocations).
        static let only = ["invocation.*", "errors.*", "timeout.*", "reuse.*"]

        func statuses(_ url: URL) throws -> [String: String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let results = try #require(json["results"] as? [[String: Any]])
            return Dictionary(
                uniqueKeysWithValues: results.map { ($0["id"] as? String ?? "?", $0["status"] as? String ?? "?") })
        }

        @Test("3 shards of the shell runtime, merged, give exactly the unsharded run's verdicts")
        func mergedShardsEqualUnshardedRun() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let selection = Self.only.flatMap { ["--only", $0] }
            let whole = try LambdaSpecExecutable.run(
                ["run", "Runtimes/shell"] + selection
                    + ["--format", "json", "--report-dir", scratch.appendingPathComponent("whole").path])
            #expect(whole.status == 0, "stderr: \(whole.stderr)")

            var shardReports: [String] = []
            for index in 1...3 {
                let folder = scratch.appendingPathComponent("shard-\(index)")
                // Shard 2 comes from GitLab's variables, as `parallel: 3` sets them; the others from --shard.
                let viaEnvironment = index == 2
                let outcome = try LambdaSpecExecutable.run(
                    ["run", "Runtimes/shell"] + selection + (viaEnvironment ? [] : ["--shard", "\(index)/3"])
                        + ["--format", "json", "--report-dir", folder.path],
                    environment: viaEnvironment ? ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"] : [:])
                #expect(outcome.status == 0, "shard \(index) stderr: \(outcome.stderr)")
                shardReports.append(folder.appendingPathComponent("report.json").path)
            }
            let shardStatuses = try shardReports.map { try statuses(URL(fileURLWithPath: $0)) }
            let expected = try statuses(scratch.appendingPathComponent("whole/report.json"))
            #expect(shardStatuses.allSatisfy { !$0.isEmpty }, "every shard ran something")
            #expect(shardStatuses.map(\.count).reduce(0, +) == expected.count, "each scenario in exactly one shard")

            let merged = scratch.appendingPathComponent("merged")
            let outcome = try LambdaSpecExecutable.run(
                ["report", "merge"] + shardReports + ["--report-dir", merged.path, "--format", "json"])
            #expect(outcome.status == 0, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
            #expect(try statuses(merged.appendingPathComponent("report.json")) == expected)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: merged.appendingPathComponent("report.json")))
                    as? [String: Any])
            #expect(json["shard"] == nil, "the merge is a whole run")
            let ids = (json["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == ids.sorted(), "catalogue order")

            let incomplete = try LambdaSpecExecutable.run(["report", "merge", shardReports[0], shardReports[2]])
            #expect(incomplete.status == 2)
            #expect(incomplete.stderr.contains("missing [\"2/3\"]"), "\(incomplete.stderr)")
        }
    }
}
