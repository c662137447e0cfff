import Foundation
import Testing

extension Integration {
    /// A `lambdaspec` outside the checkout: the catalogue travels inside the binary, and `--catalogue` adds to it.
    ///
    /// The binary is `$LAMBDASPEC_INSTALLED` when set (what `.ci/install` put on the PATH), else a copy of the one
    /// just built; it runs from a scratch folder, far from the checkout's Conformance folder.
    @Suite("The binary carries its catalogue", .timeLimit(.minutes(5)))
    struct RelocationTests {
        static let only = ["trace.*", "errors.*", "context.*"]

        /// A folder outside the checkout holding the binary to test.
        func relocatedBinary(in scratch: URL) throws -> URL {
            if let installed = ProcessInfo.processInfo.environment["LAMBDASPEC_INSTALLED"] {
                return URL(fileURLWithPath: installed)
            }
            let bin = scratch.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let copy = bin.appendingPathComponent("lambdaspec")
            try FileManager.default.copyItem(
                at: PackagePaths.productsDirectory.appendingPathComponent("lambdaspec"), to: copy)
            return copy
        }

        func statuses(_ url: URL) throws -> [String: String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let results = try #require(json["results"] as? [[String: Any]])
            return Dictionary(
                uniqueKeysWithValues: results.map { ($0["id"] as? String ?? "?", $0["status"] as? String ?? "?") })
        }

        @Test("a copied binary, run from a folder outside the checkout, gets the same verdicts and catalogue")
        func relocatedBinaryGetsSameVerdicts() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let binary = try relocatedBinary(in: scratch)
            let work = scratch.appendingPathComponent("work")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let selection = Self.only.flatMap { ["--only", $0] }
            let shell = PackagePaths.runtime("shell")

            let here = try LambdaSpecExecutable.run(
                ["run", shell] + selection
                    + ["--format", "json", "--report-dir", scratch.appendingPathComponent("here").path])
            let there = try LambdaSpecExecutable.run(
                ["run", shell] + selection + ["--format", "json", "--report-dir", "reports"], executable: binary,
                directory: work)
            #expect(here.status == 0 && there.status == 0, "stderr: \(here.stderr) \(there.stderr)")
            let expected = try statuses(scratch.appendingPathComponent("here/report.json"))
            #expect(!expected.isEmpty)
            #expect(try statuses(work.appendingPathComponent("reports/report.json")) == expected)

            let versionHere = try LambdaSpecExecutable.run(["--version"])
            let versionThere = try LambdaSpecExecutable.run(["--version"], executable: binary, directory: work)
            #expect(versionThere.status == 0)
            #expect(versionThere.stdout == versionHere.stdout)
            #expect(versionThere.stdout.contains("fingerprint sha256:"), "\(versionThere.stdout)")
            let listHere = try LambdaSpecExecutable.run(["list"])
            let listThere = try LambdaSpecExecutable.run(["list"], executable: binary, directory: work)
            #expect(listThere.stdout == listHere.stdout)
        }

        @Test("--catalogue adds a team's scenarios to the built-in ones; an id used twice is an error (exit 2)")
        func addedCatalogues() throws {
            let scratch = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let original = try String(
                contentsOf: PackagePaths.root.appendingPathComponent("Conformance/trace/env-var-set.yaml"),
                encoding: .utf8)
            let ours = scratch.appendingPathComponent("ours/trace")
            try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
            try Data(original.replacingOccurrences(of: "id: trace.env-var.set", with: "id: trace.team.own").utf8)
                .write(to: ours.appendingPathComponent("team-own.yaml"))
            let clash = scratch.appendingPathComponent("clash")
            try FileManager.default.createDirectory(at: clash, withIntermediateDirectories: true)
            try Data(original.utf8).write(to: clash.appendingPathComponent("copy.yaml"))

            let builtIn = try LambdaSpecExecutable.run(["list", "--only", "trace.*"])
            let added = try LambdaSpecExecutable.run(
                ["list", "--only", "trace.*", "--catalogue", scratch.appendingPathComponent("ours").path])
            #expect(added.status == 0, "stderr: \(added.stderr)")
            #expect(added.stdout.contains("trace.team.own"))
            let count = { (text: String) in text.split(separator: "\n").count }
            #expect(count(added.stdout) == count(builtIn.stdout) + 1)

            let run = try LambdaSpecExecutable.run([
                "run", "Runtimes/shell", "--only", "trace.team.own", "--catalogue",
                scratch.appendingPathComponent("ours").path, "--format", "console",
                "--report-dir", scratch.appendingPathComponent("reports").path,
            ])
            #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
            #expect(run.stdout.contains("PASS  trace.team.own"), "\(run.stdout)")

            let clashing = try LambdaSpecExecutable.run(["list", "--catalogue", clash.path])
            #expect(clashing.status == 2)
            #expect(
                clashing.stderr.contains("id trace.env-var.set is already used by built-in:trace/env-var-set.yaml"),
                "\(clashing.stderr)")
        }
    }
}
