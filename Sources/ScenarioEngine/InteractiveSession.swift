import ConformanceModel
import MockRuntimeAPI

/// One long-lived execution environment driven by invoke requests instead of a scenario: what `lambdaspec serve`
/// runs. Invocations run one at a time, in arrival order, like an on-demand function with one environment.
///
/// The environment is not `Sendable`, so it lives on a single worker task; this actor only queues requests for it.
public actor InteractiveSession {
    public struct Settings: Sendable, Hashable {
        /// Function timeout: sent as the deadline; the runtime is killed when it passes (Lambda's default: 3 s).
        public var functionTimeoutMs: Int
        /// Init timeout of the session's first init (Lambda: 10 s); re-inits get the function timeout (§3.1).
        public var initTimeoutMs: Int
        /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`; the memory limit in `lambda` isolation. nil: the subject's.
        public var memoryMB: Int?
        /// Extra variables for the bootstrap (the function's configuration), e.g. the probe's `PROBE_INIT_*`.
        public var variables: [String: String]

        public init(
            functionTimeoutMs: Int = 3000, initTimeoutMs: Int = 10_000, memoryMB: Int? = nil,
            variables: [String: String] = [:]
        ) {
            self.functionTimeoutMs = functionTimeoutMs
            self.initTimeoutMs = initTimeoutMs
            self.memoryMB = memoryMB
            self.variables = variables
        }
    }

    struct Job: Sendable {
        var request: InvokeAPIRequest
        var reply: @Sendable (InvokeResponse) -> Void
    }

    private let worker: InteractiveWorker
    private var pending: [Job] = []
    private var idle: CheckedContinuation<Job?, Never>?
    private var running: Task<Void, Never>?
    private var closing = false

    /// - Parameter observe: called, on any thread, with everything that happens, as it happens.
    public init(subject: Subject, settings: Settings, observe: @escaping @Sendable (InteractiveEvent) -> Void) {
        worker = InteractiveWorker(subject: subject, settings: settings, clock: ScenarioClock(), observe: observe)
    }

    /// Builds the sandbox and the mock Runtime API, starts the bootstrap and waits for its init phase to end.
    ///
    /// A failed init is not an error: as on Lambda, the first invocation runs a suppressed init. Throws when the
    /// environment cannot be built or the bootstrap cannot be started at all.
    public func start() async throws -> InitOutcome {
        precondition(running == nil, "start() is called once")
        let worker = self.worker
        return try await withCheckedThrowingContinuation { started in
            running = Task {
                await worker.run(session: self, started: started)
                self.stopTakingJobs()
            }
        }
    }

    /// Runs one invoke request (after those queued before it) and returns Lambda's answer to its caller.
    public func invoke(_ request: InvokeRequest) async -> InvokeResponse {
        let accepted: InvokeAPIRequest
        do {
            accepted = try InvokeAPIRequest(request)
        } catch {
            return error.response
        }
        guard !closing else { return Self.shuttingDown }
        let id = accepted.requestID
        if accepted.type == .dryRun {
            return InvokeResponse(status: 204, headers: InvokeAPIAnswer.common(id))
        }
        worker.observe(.invocationStarted(requestID: id, eventBytes: accepted.eventBytes, atMs: worker.clock.elapsedMs))
        if accepted.type == .event {
            enqueue(Job(request: accepted) { _ in })
            return InvokeResponse(status: 202, headers: InvokeAPIAnswer.common(id))
        }
        return await withCheckedContinuation { answer in
            enqueue(Job(request: accepted) { answer.resume(returning: $0) })
        }
    }

    /// Answers queued requests with 503, stops the runtime (an invocation in flight ends at once) and removes the
    /// sandbox.
    public func shutdown() async {
        stopTakingJobs()
        running?.cancel()
        await running?.value
    }

    /// From now on requests get 503; also called when the worker ended by itself (the environment failed to start).
    private func stopTakingJobs() {
        closing = true
        for job in pending { job.reply(Self.shuttingDown) }
        pending.removeAll()
        idle?.resume(returning: nil)
        idle = nil
    }

    /// The worker's next job; `nil` once the session is shutting down.
    func nextJob() async -> Job? {
        if closing { return nil }
        if !pending.isEmpty { return pending.removeFirst() }
        return await withCheckedContinuation { idle = $0 }
    }

    private func enqueue(_ job: Job) {
        if let waiting = idle {
            idle = nil
            waiting.resume(returning: job)
        } else {
            pending.append(job)
        }
    }

    private static let shuttingDown = InvokeResponse.json(
        503, #"{"Type":"Service","message":"lambdaspec serve is shutting down"}"#,
        headers: [.init(name: InvokeAPIHeader.errorType, value: "ServiceException")])
}
