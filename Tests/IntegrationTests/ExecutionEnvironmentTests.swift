import Foundation
import LambdaSandbox
import Testing

extension Integration {
    /// Real bootstraps in Lambda's view: what works on Lambda passes, what breaks there fails with its cause, and
    /// nothing outside the sandbox changes. Needs bubblewrap; skipped (with the reason) where it cannot run.
    @Suite(
        "Lambda's execution environment", .timeLimit(.minutes(5)),
        .enabled(if: (try? IsolationProbe.bubblewrap.get()) != nil, "bubblewrap cannot run here"))
    struct ExecutionEnvironmentTests {
        /// A function folder with the shell probe, and `bootstrap` as given.
        private func makeFunction(in folder: URL, bootstrap: String) throws -> URL {
            let function = folder.appendingPathComponent("function")
            try FileManager.default.createDirectory(at: function, withIntermediateDirectories: true)
            for name in ["probe.sh", "lambdaspec.json"] {
                try FileManager.default.copyItem(
                    at: URL(fileURLWithPath: PackagePaths.runtime("shell")).appendingPathComponent(name),
                    to: function.appendingPathComponent(name))
            }
            let file = function.appendingPathComponent("bootstrap")
            try bootstrap.write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            return function
        }

        private func scratch() throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("lambdaspec-env-\(UUID())")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        @Test("A layer whose bootstrap runs its runtime from /opt passes, as published runtime layers are written")
        func layerAddressingOptPasses() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let layer = folder.appendingPathComponent("layer")
            try FileManager.default.createDirectory(
                at: layer.appendingPathComponent("lsrt"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: PackagePaths.runtime("shell") + "/bootstrap", toPath: layer.path + "/lsrt/runtime")
            try "#!/bin/sh\nexec /opt/lsrt/runtime\n".write(
                to: layer.appendingPathComponent("bootstrap"), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: layer.path + "/bootstrap")
            let function = try makeFunction(in: folder, bootstrap: "")
            try FileManager.default.removeItem(at: function.appendingPathComponent("bootstrap"))
            let outcome = try LambdaSpecExecutable.run([
                "run", function.path, "--layer", layer.path, "--isolation", "lambda", "--only", "invocation.*",
                "--only", "environment.*", "--jobs", "2",
            ])
            #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
            #expect(outcome.stdout.contains("PASSED"))
        }

        @Test("Runtimes that write into /var/task, /opt or /usr fail with EROFS in the verdict and change nothing")
        func writesOutsideTmpFail() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let marker = "lambdaspec-marker-\(UUID().uuidString)"
            for target in ["$LAMBDA_TASK_ROOT/\(marker)", "/opt/\(marker)", "/usr/local/bin/\(marker)"] {
                let function = try makeFunction(
                    in: folder.appendingPathComponent(UUID().uuidString),
                    bootstrap: """
                        #!/bin/bash
                        echo cache > "\(target)" || exit 1
                        exec "$(dirname "$0")/reference-bootstrap"
                        """)
                try FileManager.default.createSymbolicLink(
                    atPath: function.path + "/reference-bootstrap",
                    withDestinationPath: PackagePaths.runtime("shell") + "/bootstrap")
                let outcome = try LambdaSpecExecutable.run([
                    "run", function.path, "--isolation", "lambda", "--only", "invocation.echo.warm",
                ])
                #expect(outcome.status == 1, "\(target): \(outcome.stdout)")
                #expect(outcome.stdout.contains("Read-only file system"), "\(target): \(outcome.stdout)")
                #expect(!FileManager.default.fileExists(atPath: function.path + "/" + marker))
                #expect(!FileManager.default.fileExists(atPath: "/usr/local/bin/" + marker))
            }
        }

        @Test("The reference runtime passes the limit scenarios, and a runtime over the memory limit fails with OOM")
        func limits() throws {
            let reference = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("shell"), "--isolation", "lambda", "--only", "limits.*",
                "--format", "console",
            ])
            #expect(reference.status == 0, "\(reference.stdout)\n\(reference.stderr)")
            guard !reference.stdout.contains("SKIP  limits.memory") else { return }  // limits not enforceable here
            let heavy = try LambdaSpecExecutable.run([
                "run", PackagePaths.faultyRuntimes.path + "/preallocates-heap", "--isolation", "lambda",
                "--only", "limits.memory.*",
            ])
            #expect(heavy.status == 1)
            #expect(heavy.stdout.contains("memory limit (OOM)"), "\(heavy.stdout)")
        }

        @Test("A runtime that claims more than the /tmp size at init fails with ENOSPC in the verdict")
        func fillingTmpAtInitFails() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let function = try makeFunction(
                in: folder,
                bootstrap: """
                    #!/bin/sh
                    fallocate -l 600M /tmp/dependencies.tar || exit 1
                    exec "$(dirname "$0")/reference-bootstrap"
                    """)
            try FileManager.default.createSymbolicLink(
                atPath: function.path + "/reference-bootstrap",
                withDestinationPath: PackagePaths.runtime("shell") + "/bootstrap")
            let outcome = try LambdaSpecExecutable.run([
                "run", function.path, "--isolation", "lambda", "--only", "invocation.echo.warm",
            ])
            guard !outcome.stdout.contains("limits not enforced") else { return }  // /tmp cannot be sized here
            #expect(outcome.status == 1, "\(outcome.stdout)")
            #expect(outcome.stdout.contains("No space left on device"), "\(outcome.stdout)")
        }
    }
}
