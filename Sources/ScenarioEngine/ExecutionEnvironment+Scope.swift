import ConformanceModel
import LambdaSandbox
import MockRuntimeAPI

extension ExecutionEnvironment {
    /// Builds an environment for `subject` (layout, server on an ephemeral port), runs `body`, and tears everything
    /// down — processes, server, folders — whether `body` returns or throws.
    static func withEnvironment<Result>(
        subject: Subject,
        settings: EnvironmentSettings,
        clock: ScenarioClock = ScenarioClock(),
        _ body: (ExecutionEnvironment) async throws -> Result
    ) async throws -> Result {
        let layout = try SandboxLayout.create(subject.sandboxConfiguration)
        defer { layout.remove() }
        let mailbox = EventMailbox()
        let server = try await RuntimeAPIServer.start(
            elapsedMs: { clock.elapsedMs },
            onEvent: { mailbox.post(.server($0)) }
        )
        let environment = ExecutionEnvironment(
            settings: settings,
            layout: layout,
            server: server,
            clock: clock,
            mailbox: mailbox,
            output: OutputCollector()
        )
        do {
            let result = try await body(environment)
            await environment.shutdown()
            return result
        } catch {
            await environment.shutdown()
            throw error
        }
    }
}
