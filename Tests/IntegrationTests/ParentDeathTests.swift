import Foundation
import LambdaSandbox
import Testing

extension Integration {
    /// lambdaspec killed with SIGKILL runs no cleanup; the kernel's parent-death signal, and bubblewrap's PID namespace
    /// (lambda isolation) or lambdaspec's group watchdog (process isolation), must still end every process of every
    /// bootstrap it started.
    @Suite("Bootstraps die with lambdaspec", .timeLimit(.minutes(5)))
    struct ParentDeathTests {
        /// A function whose bootstrap runs `command` (with `TOKEN` replaced by a number unique to the test, which is
        /// how its processes are found in /proc).
        private func makeFunction(in folder: URL, command: String) throws -> (function: URL, token: String) {
            let token = "4242.\(UInt32.random(in: 100_000_000...999_999_999))"
            let function = folder.appendingPathComponent("function")
            try FileManager.default.createDirectory(at: function, withIntermediateDirectories: true)
            let bootstrap = function.appendingPathComponent("bootstrap")
            try "#!/bin/sh\n\(command.replacingOccurrences(of: "TOKEN", with: token))\n".write(
                to: bootstrap, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bootstrap.path)
            return (function, token)
        }

        /// Live (not zombie) processes whose command line mentions `token`.
        private func processes(mentioning token: String) -> [Int32] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { entry -> Int32? in
                guard let pid = Int32(entry),
                    let command = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                    String(decoding: command, as: UTF8.self).contains(token),
                    let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let closing = stat.lastIndex(of: ")"),
                    stat[stat.index(after: closing)...].split(separator: " ").first != "Z"
                else { return nil }
                return pid
            }
        }

        /// Starts `lambdaspec run` on the function, waits until `expected` processes mention the token, SIGKILLs
        /// lambdaspec, and returns the processes still alive a moment later (after killing them, so none leaks).
        private func survivorsAfterKillingLambdaSpec(
            command: String, isolation: String, expected: Int
        ) async throws -> [Int32] {
            let folder = try LambdaSpecExecutable.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (function, token) = try makeFunction(in: folder, command: command)
            let process = Process()
            process.executableURL = PackagePaths.productsDirectory.appendingPathComponent("lambdaspec")
            process.arguments = [
                "run", function.path, "--handler", "function.handler", "--isolation", isolation,
                "--only", "invocation.echo.warm", "--report-dir", folder.appendingPathComponent("reports").path,
            ]
            process.currentDirectoryURL = PackagePaths.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let started = ContinuousClock.now
            while processes(mentioning: token).count < expected, ContinuousClock.now - started < .seconds(20) {
                try await Task.sleep(for: .milliseconds(50))
            }
            try #require(processes(mentioning: token).count >= expected, "the bootstrap never started")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // The kernel delivers the signal at once; a PID namespace takes a moment to wind down.
            let killed = ContinuousClock.now
            while !processes(mentioning: token).isEmpty, ContinuousClock.now - killed < .seconds(3) {
                try await Task.sleep(for: .milliseconds(50))
            }
            let survivors = processes(mentioning: token)
            survivors.forEach { kill($0, SIGKILL) }
            return survivors
        }

        @Test("In process isolation, SIGKILL of lambdaspec kills the bootstrap and every process it started")
        func processIsolation() async throws {
            let survivors = try await survivorsAfterKillingLambdaSpec(
                command: "sleep TOKEN & sleep TOKEN", isolation: "process", expected: 2)
            #expect(survivors.isEmpty, "still running: \(survivors)")
        }

        @Test(
            "In lambda isolation, SIGKILL of lambdaspec kills the bootstrap and every process it started",
            .enabled(if: (try? IsolationProbe.bubblewrap.get()) != nil, "bubblewrap cannot run here"))
        func lambdaIsolation() async throws {
            let survivors = try await survivorsAfterKillingLambdaSpec(
                command: "sleep TOKEN & sleep TOKEN", isolation: "lambda", expected: 2)
            #expect(survivors.isEmpty, "still running: \(survivors)")
        }
    }
}
