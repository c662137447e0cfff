import ConformanceModel
import LambdaSandbox
import MockRuntimeAPI

/// The task that owns an interactive session's execution environment: builds it, runs the init phase, then runs
/// the session's jobs one by one until it is told to stop, and tears everything down.
struct InteractiveWorker: Sendable {
    let subject: Subject
    let settings: InteractiveSession.Settings
    let clock: ScenarioClock
    let observe: @Sendable (InteractiveEvent) -> Void
    /// Exchanges the session's recorder keeps: enough for the invocation being answered and its re-init.
    static let exchangeRetention = 64

    func run(session: InteractiveSession, started: CheckedContinuation<InitOutcome, any Error>) async {
        let observe = self.observe
        let observers = ExecutionEnvironment.Observers(
            onExchange: { observe(.exchange($0)) },
            // A serve session may run for hours: only recent exchanges are kept (the console has printed them).
            retention: Self.exchangeRetention,
            output: OutputCollector(onLine: { observe(.output($0)) }, onEvent: { observe(.process($0)) })
        )
        let environmentSettings = EnvironmentSettings(
            functionTimeoutMs: settings.functionTimeoutMs, initTimeoutMs: settings.initTimeoutMs,
            memoryMB: settings.memoryMB, variables: settings.variables, settleMs: 0)
        do {
            try await ExecutionEnvironment.withEnvironment(
                subject: subject, settings: environmentSettings, clock: clock, observers: observers
            ) { environment in
                let record: InitRecord
                do {
                    record = try await environment.initialize()
                } catch {
                    started.resume(throwing: error)
                    return
                }
                observe(.initEnded(outcome: record.outcome, durationMs: record.durationMs, atMs: record.endedAtMs))
                started.resume(returning: record.outcome)
                while let job = await session.nextJob() {
                    job.reply(await answer(job.request, in: environment))
                }
            }
        } catch {
            // Only building the environment throws out here: the layout or the server could not be set up.
            started.resume(throwing: error)
        }
    }

    /// Runs one invocation as `ExecutionEnvironment.invoke` does (re-init first when the runtime is gone) and
    /// phrases the outcome as Lambda's Invoke API would.
    private func answer(_ request: InvokeAPIRequest, in environment: ExecutionEnvironment) async -> InvokeResponse {
        let id = request.requestID
        let response: InvokeResponse
        var record: InvocationRecord?
        do {
            var invoked = try await environment.invoke(request.invocation) { $0 }
            if invoked.outcome == .notDelivered, environment.isProcessAlive {
                // Alive but not polling `/next` in time: on Lambda the invocation's timeout runs out.
                await environment.stopProcess(reason: .invokeTimeout)
                invoked.outcome = .timeout
            }
            record = invoked
            let output = environment.output
            let context = InvokeAPIAnswer.Context(
                recorder: environment.server.recorder,
                timeoutMs: environment.settings.functionTimeoutMs,
                exitStatus: { output.exitStatus(of: $0) }
            )
            response = InvokeAPIAnswer.response(for: invoked, context)
        } catch {
            response = InvokeAPIAnswer.invalidEntrypoint(id, "\(error)")
        }
        let now = clock.elapsedMs
        observe(
            .invocationEnded(
                InteractiveInvocationSummary(
                    requestID: id,
                    status: response.status,
                    errorType: response.header(InvokeAPIHeader.functionError) == nil
                        ? nil : JSONValue.parse(response.body)?["errorType"]?.stringValue,
                    responseBytes: response.body.count,
                    durationMs: record.map { ($0.answeredAtMs ?? now) - $0.deliveredAtMs } ?? 0,
                    initDurationMs: record?.initRecord?.durationMs,
                    peakResidentKilobytes: environment.peakResidentKilobytes,
                    atMs: now
                )))
        return response
    }
}
