import ConformanceModel
import LambdaSandbox
import MockRuntimeAPI

/// One Lambda execution environment: a sandbox layout, a mock Runtime API and the bootstrap process, driven by
/// one scenario's task. Every wait is bounded by an init or function timeout.
final class ExecutionEnvironment {
    let settings: EnvironmentSettings
    let layout: SandboxLayout
    let server: RuntimeAPIServer
    let clock: ScenarioClock
    let mailbox: EventMailbox
    let output: OutputCollector
    /// Variables given to the bootstrap, for templates such as `{{env.AWS_REGION}}`.
    private(set) var environmentVariables: [String: String] = [:]
    private(set) var processStart = 0
    private var process: RuntimeProcess?
    /// The first start, prepared ahead (see `prepareFirstStart`).
    private var heldStart: RuntimeProcess?
    private(set) var lastInit: InitRecord?

    /// Grace after the deadline before the suite kills the runtime (scheduling noise, not runtime slack).
    static let killGraceMs = 30

    init(
        settings: EnvironmentSettings, layout: SandboxLayout, server: RuntimeAPIServer, clock: ScenarioClock,
        mailbox: EventMailbox, output: OutputCollector
    ) {
        self.settings = settings
        self.layout = layout
        self.server = server
        self.clock = clock
        self.mailbox = mailbox
        self.output = output
    }

    var isProcessAlive: Bool { process.map { !$0.hasExited } ?? false }

    /// Builds the first start's sandbox now and holds the bootstrap at the layout's start gate (`lambda` isolation):
    /// Lambda builds the sandbox before the init phase, so the init phase measures the runtime, not bubblewrap.
    func prepareFirstStart() {
        guard processStart == 0, heldStart == nil, layout.startGate != nil else { return }
        let variables = layout.environment(runtimeAPI: server.address, extra: settings.variables)
        heldStart = try? spawn(layout.launchPlan(environment: variables, held: true), start: 1)
    }

    /// The held first start once its sandbox is built (at most 2 s), if it is still alive; a sandbox that failed
    /// to build is started afresh instead.
    private func takeHeldStart() async -> RuntimeProcess? {
        defer { heldStart = nil }
        guard let heldStart else { return nil }
        let deadline = ScenarioClock.after(ms: 2000)
        while !heldStart.hasExited, !StartGate.isHeld(pid: heldStart.pid), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .microseconds(500))
        }
        guard !heldStart.hasExited else {
            heldStart.killGroup()
            return nil
        }
        return heldStart
    }

    /// Starts `plan` as process start number `start`, its output and exit recorded under that number.
    private func spawn(_ plan: LaunchPlan, start: Int) throws(SandboxError) -> RuntimeProcess {
        let clock = self.clock
        let output = self.output
        let mailbox = self.mailbox
        return try RuntimeProcess.spawn(
            plan,
            onOutput: { stream, lines in
                output.append(lines, stream: stream, processStart: start, atMs: clock.elapsedMs)
            },
            onExit: { status in
                output.recordExit(status, start: start)
                output.append(
                    ProcessEvent(kind: .exited, atMs: clock.elapsedMs, processStart: start, detail: "\(status)"))
                mailbox.post(.processExited(start: start, status: "\(status)"))
            }
        )
    }

    /// Starts a fresh bootstrap and waits for its init phase to end (first `/next`, `/init/error`, exit or timeout).
    ///
    /// - Parameter timeoutMs: the init timeout; a suppressed init during an invocation gets the function timeout
    ///   instead, as Lambda retries a failed init "with the configured function timeout" (runtime-api.md §3.1).
    @discardableResult
    func initialize(timeoutMs: Int? = nil) async throws -> InitRecord {
        await stopProcess(reason: nil)
        let held = await takeHeldStart()
        mailbox.drain()
        processStart += 1
        let start = processStart
        server.processStarted(start)
        environmentVariables = layout.environment(runtimeAPI: server.address, extra: settings.variables)
        let startedAt = clock.elapsedMs
        if let held, start == 1 {
            process = held
            layout.startGate?.release()
        } else {
            process = try spawn(layout.launchPlan(environment: environmentVariables), start: start)
        }
        output.append(ProcessEvent(kind: .started, atMs: startedAt, processStart: start, detail: layout.bootstrapPath))
        var record = InitRecord(processStart: start, outcome: .timeout, startedAtMs: startedAt, endedAtMs: startedAt)
        let deadline = ScenarioClock.after(ms: timeoutMs ?? settings.initTimeoutMs)
        waiting: while true {
            if server.isPolling {
                record.outcome = .ready
                break
            }
            guard let event = await mailbox.next(until: deadline) else { break }
            switch event {
            case .server(.nextPolled): continue
            case .server(.initError(let status)) where status == 202:
                record.outcome = .initError
                break waiting
            case .processExited(let exited, _) where exited == start:
                record.outcome = .exited
                record.exitedAtMs = clock.elapsedMs
                break waiting
            default: continue
            }
        }
        record.endedAtMs = clock.elapsedMs
        switch record.outcome {
        case .ready:
            break
        case .initError:
            // The runtime must exit after reporting (§1.5); give it the rest of the init timeout to do so.
            record.exitedAtMs = await waitForExit(of: start, until: deadline)
            await stopProcess(reason: record.exitedAtMs == nil ? .initTimeout : nil)
        case .exited:
            await stopProcess(reason: nil)
        case .timeout:
            await stopProcess(reason: .initTimeout)
        }
        lastInit = record
        return record
    }

    /// Waits until the process of `start` exits; returns when it did, or nil at the deadline.
    func waitForExit(of start: Int, until deadline: ContinuousClock.Instant) async -> Double? {
        while true {
            if process?.hasExited ?? true { return clock.elapsedMs }
            guard let event = await mailbox.next(until: deadline) else { return nil }
            if case .processExited(let exited, _) = event, exited == start { return clock.elapsedMs }
        }
    }

    /// Waits until the runtime is blocked in `/next`, the process ends, or the deadline passes.
    func waitUntilPolling(until deadline: ContinuousClock.Instant) async -> Bool {
        while true {
            if server.isPolling { return true }
            if !isProcessAlive { return false }
            guard let event = await mailbox.next(until: deadline) else { return server.isPolling }
            _ = event
        }
    }

    /// Kills the bootstrap's process group (if running) and waits for the leader to be reaped.
    func stopProcess(reason: ProcessEvent.Kind?) async {
        guard let process else { return }
        let wasAlive = !process.hasExited
        process.killGroup()
        if wasAlive, let reason {
            output.append(
                ProcessEvent(
                    kind: reason, atMs: clock.elapsedMs, processStart: processStart, detail: "killed process group"))
        }
        _ = await process.waitForExit()
        self.process = nil
    }

    /// OOM kills in the environment's cgroup so far (0 without one).
    var outOfMemoryKills: Int { layout.cgroup?.outOfMemoryKills ?? 0 }

    /// Peak resident memory of the runtime's process group, when it is running.
    var peakResidentKilobytes: Int? { process?.peakResidentKilobytes() }

    /// Kills everything and closes the server. The layout is removed by the caller.
    func shutdown() async {
        if let heldStart {
            self.heldStart = nil
            heldStart.killGroup()
            _ = await heldStart.waitForExit()
        }
        await stopProcess(reason: nil)
        await server.shutdown()
    }
}
