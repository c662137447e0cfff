import ConformanceModel
import LambdaSandbox
import MockRuntimeAPI

extension ExecutionEnvironment {
    /// How the mock server and the output capture are set up for one use (scenario, bench, serve).
    struct Observers {
        /// Called with each exchange once answered (serve's live wire view).
        var onExchange: (@Sendable (RecordedExchange) -> Void)?
        /// How many recent exchanges the recorder keeps (`nil`: all, as scenarios need).
        var retention: Int?
        var output = OutputCollector()
    }

    /// The one place an environment is built — layout (with its isolation and limits), server on an ephemeral
    /// port, mailbox, output — for `run`, `certify`, `serve` and `bench` alike, so no setting is lost on one path.
    /// Runs `body`, then tears everything down — processes, server, cgroup, /tmp, folders — whether it returns or
    /// throws.
    static func withEnvironment<Result>(
        subject: Subject,
        settings: EnvironmentSettings,
        clock: ScenarioClock = ScenarioClock(),
        observers: Observers = Observers(),
        _ body: (ExecutionEnvironment) async throws -> Result
    ) async throws -> Result {
        let layout = try SandboxLayout.create(subject.sandboxConfiguration(memoryMB: settings.memoryMB))
        defer { layout.remove() }
        let mailbox = EventMailbox()
        let server = try await RuntimeAPIServer.start(
            elapsedMs: { clock.elapsedMs },
            onEvent: { mailbox.post(.server($0)) },
            onExchange: observers.onExchange,
            retention: observers.retention
        )
        let environment = ExecutionEnvironment(
            settings: settings,
            layout: layout,
            server: server,
            clock: clock,
            mailbox: mailbox,
            output: observers.output
        )
        environment.prepareFirstStart()
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
