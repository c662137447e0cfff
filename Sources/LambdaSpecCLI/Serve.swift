import ArgumentParser
import ConformanceModel
import Foundation
import LambdaSandbox
import MockRuntimeAPI
import ScenarioEngine

extension LambdaSpec {
    /// Runs one execution environment and takes invocations over HTTP, printing the Runtime API wire as it goes.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a runtime interactively: invoke it over HTTP and watch the wire.",
            discussion: """
                Starts the bootstrap in one execution environment (init as in the scenarios, re-init after a crash \
                or timeout) and takes invocations at POST \(InvokeEndpoint.path) on 127.0.0.1, answering as \
                Lambda's Invoke API does: 200 with the runtime's response, or 200 with X-Amz-Function-Error: \
                Unhandled and an error payload. Optional request headers: X-Amz-Client-Context (base64), \
                X-Amzn-Trace-Id, X-Amz-Tenant-Id, X-Amz-Invocation-Type (RequestResponse, Event, DryRun). \
                Invocations run one at a time. Every Runtime API exchange, output line and process event is \
                printed as it happens. Ctrl-C stops the runtime and removes the sandbox.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @Option(name: .long, help: ArgumentHelp("Port of the invoke endpoint; 0 picks a free one.", valueName: "P"))
        var port = 9000

        @Option(
            name: .customLong("timeout-ms"),
            help: ArgumentHelp("Function timeout in milliseconds (Lambda's default: 3000).", valueName: "N"))
        var timeoutMs = 3000

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A variable for the bootstrap, NAME=value (repeatable), e.g. PROBE_INIT_FAIL=boom.",
                valueName: "NAME=value"))
        var env: [String] = []

        /// `--env` as a dictionary; a later NAME wins, as in a shell.
        var variables: [String: String] {
            Dictionary(
                env.map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                },
                uniquingKeysWith: { $1 })
        }

        func validate() throws {
            for pair in env {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw ValidationError("--env takes NAME=value, not '\(pair)'")
                }
            }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard timeoutMs >= 1 else { throw ValidationError("--timeout-ms must be at least 1") }
        }

        func run() async throws {
            let subject = try self.subject.load().subject
            let console = ServeConsole(useColor: FileHandleOutput.useColor)
            let session = InteractiveSession(
                subject: subject,
                settings: .init(functionTimeoutMs: timeoutMs, variables: variables),
                observe: { console.show($0) }
            )
            let endpoint: InvokeEndpoint
            do {
                endpoint = try await InvokeEndpoint.start(port: port) { await session.invoke($0) }
            } catch {
                throw SetupError("cannot listen on 127.0.0.1:\(port): \(error)")
            }
            FileHandleOutput.standardOutput(
                """
                lambdaspec serve: \(subject.name) (\(subject.functionPath)), handler \(subject.handler), \
                timeout \(timeoutMs) ms, memory \(subject.memoryMB) MB, \(subject.isolation.rawValue) isolation
                invoke endpoint: \(endpoint.url)
                try: curl -d '{"op":"echo","payload":"hi"}' \(endpoint.url)
                Ctrl-C stops.

                """
            )
            do {
                _ = try await session.start()
            } catch {
                await endpoint.shutdown()
                throw SetupError("cannot start \(self.subject.functionDirectory): \(error)")
            }
            // Serves until SIGINT/SIGTERM, then stops in order: runtime killed, sandbox removed, endpoint closed.
            let signal = await InterruptCleanup.nextSignal()
            FileHandleOutput.mute(lastWords: InterruptCleanup.stoppingMessage)
            await session.shutdown()
            await endpoint.shutdown()
            throw ExitCode(128 + signal)
        }
    }
}
