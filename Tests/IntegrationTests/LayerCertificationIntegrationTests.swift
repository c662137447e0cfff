import Foundation
import Testing

extension Integration {
    /// `lambdaspec lint`, `certify` and `verify` as a layer author runs them, on layers zipped from the reference
    /// runtimes with `zip` (the CI installs it): the build step is `zip -j -X`, which follows the C and Swift
    /// `bootstrap` symlinks into `.build` and stores the executable bit.
    @Suite("Certifying layers built from the reference runtimes", .timeLimit(.minutes(10)))
    struct LayerCertificationIntegrationTests {
        typealias Outcome = LambdaSpecExecutable.Outcome

        /// The layers of one test, in a private folder removed afterwards.
        final class Workspace {
            let folder: URL

            init() throws {
                folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "lambdaspec-layers-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }

            deinit { try? FileManager.default.removeItem(at: folder) }

            func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        }

        static let foreignArchitecture: String = {
            #if arch(x86_64)
                "arm64"
            #else
                "x86_64"
            #endif
        }()

        func lambdaspec(_ arguments: [String]) throws -> Outcome {
            try LambdaSpecExecutable.run(arguments)
        }

        /// `zip -q -X -j <zip> <files>` (names at the zip root), or `-r` of a staged folder when `folder` is given.
        func zip(_ zipPath: String, files: [String] = [], folder: String? = nil) throws {
            try #require(
                FileManager.default.isExecutableFile(atPath: "/usr/bin/zip"), "zip is missing: .ci/setup installs it")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
            if let folder {
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                process.arguments = ["-q", "-X", "-r", zipPath, "."]
            } else {
                process.arguments = ["-q", "-X", "-j", zipPath] + files
            }
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "zip \(zipPath) failed")
        }

        /// The build step: a runtime layer for each reference runtime, plus the shell probe as function code (the
        /// shell bootstrap sources `$LAMBDA_TASK_ROOT/probe.sh`, so a script probe is function code, not layer code).
        func buildLayer(_ runtime: String, in workspace: Workspace) throws -> (layer: String, function: String?) {
            let folder = PackagePaths.runtime(runtime)
            let bootstrap = URL(fileURLWithPath: folder + "/bootstrap").resolvingSymlinksInPath().path
            try #require(
                FileManager.default.isExecutableFile(atPath: bootstrap),
                "\(bootstrap) is missing: `swift build` builds the C and Swift reference runtimes")
            let layer = workspace.path("\(runtime).zip")
            switch runtime {
            case "shell":
                try zip(layer, files: ["bootstrap", "probe.sh", "lambdaspec.json"].map { folder + "/" + $0 })
                let function = workspace.path("shell-probe.zip")
                try zip(function, files: ["probe.sh", "lambdaspec.json"].map { folder + "/" + $0 })
                return (layer, function)
            default:
                try zip(layer, files: [folder + "/bootstrap", folder + "/lambdaspec.json"])
                return (layer, nil)
            }
        }

        func json(_ path: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path)")
        }

        @Test(
            "Each reference runtime zipped as a layer is certified, with a complete bundle that verify accepts",
            arguments: ["shell", "c", "swift"])
        func referenceLayerCertifies(runtime: String) throws {
            let workspace = try Workspace()
            let (layer, function) = try buildLayer(runtime, in: workspace)
            let bundle = workspace.path("bundle")
            var arguments = ["certify", "--layer", layer, "--jobs", "2", "--out", bundle]
            if let function { arguments += ["--function", function] }
            let outcome = try lambdaspec(arguments)
            print("certify \(runtime) layer: \(String(format: "%.1f", outcome.seconds)) s wall")
            #expect(outcome.status == 0, "stdout: \(outcome.stdout.suffix(3000)) stderr: \(outcome.stderr)")
            #expect(outcome.stdout.contains("CERTIFIED"))
            for name in ["report.json", "report.html", "junit.xml", "badge.json", "lint.json", "manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: bundle + "/" + name), "\(name) is missing")
            }
            let manifest = try json(bundle + "/manifest.json")
            #expect(manifest["verdict"] as? String == "certified")
            #expect((manifest["catalogueFingerprint"] as? String)?.count == 64)
            let inputs = try #require(manifest["inputs"] as? [[String: Any]])
            #expect(inputs.map { $0["role"] as? String } == (function == nil ? ["layer"] : ["function", "layer"]))
            #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 && ($0["bytes"] as? Int ?? 0) > 0 })
            let report = try json(bundle + "/report.json")
            #expect(report["strict"] as? Bool == true)
            let environment = try #require(manifest["environment"] as? [String: Any])
            #expect(environment["isolation"] as? String == "lambda")
            #expect(manifest["allowsProcessIsolation"] as? Bool == false)

            var verify = ["verify", bundle, "--layer", layer]
            if let function { verify += ["--function", function] }
            let verified = try lambdaspec(verify + ["--require-certified"])
            #expect(verified.status == 0, "stdout: \(verified.stdout) stderr: \(verified.stderr)")
            #expect(verified.stdout.contains("VERIFIED"))
        }

        @Test(
            "Process isolation certifies only with --allow-process-isolation, recorded in the manifest and honoured by verify"
        )
        func processIsolationNeedsConsent() throws {
            let workspace = try Workspace()
            let (layer, function) = try buildLayer("shell", in: workspace)
            let common = [
                "certify", "--layer", layer, "--function", try #require(function), "--isolation", "process",
            ]
            let refused = try lambdaspec(common + ["--out", workspace.path("refused")])
            #expect(refused.status == 1, "stdout: \(refused.stdout.suffix(2000)) stderr: \(refused.stderr)")
            #expect(refused.stdout.contains("--allow-process-isolation"))
            let refusedManifest = try json(workspace.path("refused") + "/manifest.json")
            #expect((refusedManifest["environment"] as? [String: Any])?["isolation"] as? String == "process")

            let allowed = try lambdaspec(
                common + ["--allow-process-isolation", "--out", workspace.path("allowed")])
            #expect(allowed.status == 0, "stdout: \(allowed.stdout.suffix(2000)) stderr: \(allowed.stderr)")
            #expect(allowed.stdout.contains("process isolation"))
            let manifest = try json(workspace.path("allowed") + "/manifest.json")
            #expect(manifest["allowsProcessIsolation"] as? Bool == true)
            let verified = try lambdaspec([
                "verify", workspace.path("allowed"), "--layer", layer, "--function", try #require(function),
                "--require-certified",
            ])
            #expect(verified.status == 0, "stdout: \(verified.stdout) stderr: \(verified.stderr)")
        }

        @Test("A runtime layer with a library layer on top certifies; lint names the file the second layer replaces")
        func twoLayerStack() throws {
            let workspace = try Workspace()
            let (runtime, _) = try buildLayer("c", in: workspace)
            let staging = workspace.path("library")
            try FileManager.default.createDirectory(atPath: staging + "/lib", withIntermediateDirectories: true)
            try Data("shared data a runtime could read from /opt/lib\n".utf8).write(
                to: URL(fileURLWithPath: staging + "/lib/extra.txt"))
            let manifest = try String(contentsOfFile: PackagePaths.runtime("c") + "/lambdaspec.json", encoding: .utf8)
                .replacingOccurrences(of: "\"c (libcurl + json-c)\"", with: "\"c runtime + library layer\"")
            try Data(manifest.utf8).write(to: URL(fileURLWithPath: staging + "/lambdaspec.json"))
            let library = workspace.path("library.zip")
            try zip(library, folder: staging)
            let bundle = workspace.path("bundle")
            let outcome = try lambdaspec([
                "certify", "--layer", runtime, "--layer", library, "--jobs", "2", "--out", bundle,
            ])
            print("certify c + library layers: \(String(format: "%.1f", outcome.seconds)) s wall")
            #expect(outcome.status == 0, "stdout: \(outcome.stdout.suffix(3000)) stderr: \(outcome.stderr)")
            #expect(try json(bundle + "/manifest.json")["subject"] as? String == "c runtime + library layer")
            let lint = try json(bundle + "/lint.json")
            let findings = try #require(lint["findings"] as? [[String: Any]])
            let shadowed = try #require(findings.first { $0["rule"] as? String == "layer.files.shadowed" })
            #expect(shadowed["file"] as? String == "lambdaspec.json" && shadowed["level"] as? String == "INFO")
            #expect((shadowed["message"] as? String)?.contains(runtime) == true)
            #expect((shadowed["message"] as? String)?.contains(library) == true)
            // Order matters: the same layers the other way round are not what was certified.
            #expect(try lambdaspec(["verify", bundle, "--layer", runtime, "--layer", library]).status == 0)
            let swapped = try lambdaspec(["verify", bundle, "--layer", library, "--layer", runtime])
            #expect(swapped.status == 1 && swapped.stdout.contains("MISMATCH"))
        }

        @Test("verify accepts an untouched bundle and rejects a modified zip, naming the input")
        func verifyRejectsModifiedZip() throws {
            let workspace = try Workspace()
            let (layer, _) = try buildLayer("c", in: workspace)
            let bundle = workspace.path("bundle")
            // A bundle without a catalogue run (wrong architecture) is quick to make and verifies the same way.
            #expect(
                try lambdaspec(["certify", "--layer", layer, "--arch", Self.foreignArchitecture, "--out", bundle])
                    .status
                    == 1)
            let accepted = try lambdaspec(["verify", bundle, "--layer", layer])
            #expect(accepted.status == 0, "stdout: \(accepted.stdout) stderr: \(accepted.stderr)")
            #expect(accepted.stdout.contains("match     layer 1"))
            #expect(try lambdaspec(["verify", bundle, "--layer", layer, "--require-certified"]).status == 1)

            let modified = workspace.path("modified.zip")
            try FileManager.default.copyItem(atPath: layer, toPath: modified)
            try zip(modified, files: [PackagePaths.runtime("c") + "/README.md"])
            let rejected = try lambdaspec(["verify", bundle, "--layer", modified])
            #expect(rejected.status == 1)
            #expect(rejected.stdout.contains("MISMATCH  layer 1 \(modified)"), "stdout: \(rejected.stdout)")

            try Data("{}".utf8).write(to: URL(fileURLWithPath: bundle + "/lint.json"))
            let tampered = try lambdaspec(["verify", bundle, "--layer", layer])
            #expect(tampered.status == 2 && tampered.stderr.contains("lint.json was changed"), "\(tampered.stderr)")
            #expect(try lambdaspec(["verify", workspace.path("no-bundle"), "--layer", layer]).status == 2)
        }

        @Test("A layer built for the other architecture is not certified: lint stops it before the catalogue runs")
        func wrongArchitectureNotCertified() throws {
            let workspace = try Workspace()
            let (layer, _) = try buildLayer("c", in: workspace)
            let bundle = workspace.path("bundle")
            let outcome = try lambdaspec([
                "certify", "--layer", layer, "--arch", Self.foreignArchitecture, "--out", bundle,
            ])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("NOT CERTIFIED") && outcome.stdout.contains("layer.elf.architecture"))
            #expect(!FileManager.default.fileExists(atPath: bundle + "/report.json"))
            let manifest = try json(bundle + "/manifest.json")
            #expect(manifest["verdict"] as? String == "not-certified")
            #expect(manifest["arch"] as? String == Self.foreignArchitecture)
        }

        @Test(
            "lint exits 0 on a good layer, 1 on a MUST finding, 2 with one line on an unusable input; SARIF on request")
        func lintExitCodes() throws {
            let workspace = try Workspace()
            let (layer, _) = try buildLayer("shell", in: workspace)
            #expect(try lambdaspec(["lint", "--layer", layer]).status == 0)
            let foreign = try buildLayer("c", in: workspace).layer
            let failing = try lambdaspec(["lint", "--layer", foreign, "--arch", Self.foreignArchitecture])
            #expect(failing.status == 1 && failing.stdout.contains("MUST    layer.elf.architecture"))

            let notZip = workspace.path("notes.zip")
            try Data("not a zip".utf8).write(to: URL(fileURLWithPath: notZip))
            let refused = try lambdaspec(["lint", "--layer", notZip])
            #expect(refused.status == 2)
            #expect(
                refused.stderr.split(separator: "\n").count == 1 && refused.stderr.contains(notZip), "\(refused.stderr)"
            )
            #expect(try lambdaspec(["lint", "--layer", workspace.path("missing.zip")]).status == 2)

            let sarif = try lambdaspec([
                "lint", "--layer", foreign, "--arch", Self.foreignArchitecture, "--format", "sarif",
            ])
            #expect(sarif.status == 1)
            let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
            #expect(log["version"] as? String == "2.1.0")
            let json = try lambdaspec(["lint", "--layer", layer, "--format", "json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(report["passed"] as? Bool == true)
        }

        @Test("certify with no handler anywhere cannot start: exit 2 and one line")
        func noHandler() throws {
            let workspace = try Workspace()
            let layer = workspace.path("bare.zip")
            try zip(layer, files: [PackagePaths.runtime("shell") + "/bootstrap"])
            let outcome = try lambdaspec(["certify", "--layer", layer, "--out", workspace.path("bundle")])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains("no handler") && outcome.stderr.split(separator: "\n").count == 1)
        }
    }
}
