import ArgumentParser
import ConformanceModel
import Foundation
import LambdaSandbox

/// The `lambdaspec` command: conformance runs, the catalogue, benchmarks and reports for Lambda custom runtimes.
struct LambdaSpec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambdaspec",
        abstract: "Conformance test suite for AWS Lambda custom runtimes.",
        discussion: """
            lambdaspec starts a runtime's bootstrap against a scripted mock Lambda Runtime API, plays the \
            scenarios of its catalogue, and judges every HTTP exchange.

            Exit status: 0 every MUST scenario passed (with --strict every SHOULD too); 1 a scenario failed; \
            2 the run could not start (bad arguments, missing bootstrap, unreadable layer).
            """,
        subcommands: [
            Run.self, List.self, Serve.self, Bench.self, Report.self, Lint.self, Certify.self, Verify.self,
        ]
    )

    @Flag(name: .long, help: "Print the version and the fingerprint of the built-in scenario catalogue.")
    var version = false

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        FileHandleOutput.standardOutput(try VersionText.render())
    }
}

/// Entry point: maps every failure to the documented exit codes (ArgumentParser alone would use 64 for usage errors).
@main
enum Main {
    static func main() async {
        // A closed stdout must surface as EPIPE from write(2), not kill the run (and orphan its runtimes).
        signal(SIGPIPE, SIG_IGN)
        InterruptCleanup.install()
        var command: any ParsableCommand
        do {
            command = try LambdaSpec.parseAsRoot()
        } catch {
            // Usage mistakes (unknown option, failed validate()): ArgumentParser's message with the right usage.
            if LambdaSpec.exitCode(for: error) == .success { LambdaSpec.exit(withError: error) }
            let message = LambdaSpec.fullMessage(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
            FileHandleOutput.standardError("lambdaspec: " + message + "\n")
            LambdaSpec.exit(withError: ExitCode(2))
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            // What outlives a command (a --rootfs tar's extraction) goes with the process.
            LiveResources.releaseAll()
        } catch let exit as ExitCode {
            LiveResources.releaseAll()
            LambdaSpec.exit(withError: exit)
        } catch {
            // Whatever stops a command once it runs is a domain error: one line, no usage block.
            LiveResources.releaseAll()
            let message = (error as? SetupError)?.description ?? LambdaSpec.message(for: error)
            FileHandleOutput.standardError("lambdaspec: \(message)\n")
            LambdaSpec.exit(withError: ExitCode(2))
        }
    }
}
