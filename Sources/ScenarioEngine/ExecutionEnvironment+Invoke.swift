import ConformanceModel
import LambdaSandbox
import MockRuntimeAPI

extension ExecutionEnvironment {
    /// Delivers one invocation and waits for its outcome: an answer, a crash, abandonment, or the deadline (then the
    /// process group is killed, as Lambda does on a timeout, runtime-api.md §3.4).
    func invoke(_ invocation: Invocation, resolve: (JSONValue) -> JSONValue) async throws -> InvocationRecord {
        let timeoutMs = invocation.functionTimeoutMs ?? settings.functionTimeoutMs
        var reinit = false
        var initRecord: InitRecord?
        if !isProcessAlive {
            // A suppressed init: the environment was reset, so this invocation starts a fresh runtime (§3.2, §3.4).
            reinit = true
            initRecord = try await initialize(timeoutMs: timeoutMs)
        }
        let pollDeadline = ScenarioClock.after(ms: max(timeoutMs, settings.initTimeoutMs))
        let polling = await waitUntilPolling(until: pollDeadline)
        if let delay = invocation.fault?.nextDelayMs, polling {
            try await Task.sleep(for: .milliseconds(delay))
        }
        let (prepared, sent, deadlineMs) = InvocationFactory.prepare(
            invocation, functionTimeoutMs: timeoutMs, resolve: resolve)
        var record = InvocationRecord(
            invocation: invocation,
            requestID: prepared.requestID,
            sent: sent,
            deadlineMs: deadlineMs,
            deliveredAtMs: clock.elapsedMs,
            deliveredEpochMs: ScenarioClock.epochMs,
            outcome: .notDelivered,
            reinit: reinit,
            processStart: processStart,
            initRecord: initRecord
        )
        guard polling, isProcessAlive else { return record }
        mailbox.drain()
        let killsBefore = outOfMemoryKills
        server.enqueue(prepared)
        let start = processStart
        let killAt = ContinuousClock.now + .milliseconds(timeoutMs + Self.killGraceMs)
        var delivered = false
        while record.answeredAtMs == nil {
            guard let event = await mailbox.next(until: killAt) else {
                record.outcome = delivered ? .timeout : .notDelivered
                await stopProcess(reason: .invokeTimeout)
                break
            }
            switch event {
            case .server(.delivered(let id)) where id == prepared.requestID:
                delivered = true
            case .server(.nextRejected):
                if !delivered {
                    record.outcome = .notDelivered
                    return record
                }
            case .server(.answered(let id, let kind, let status, let sequence)) where id == prepared.requestID:
                record.outcome = kind == "error" ? .error : .response
                record.answerStatus = status
                record.answeredAtMs = clock.elapsedMs
                record.answeredEpochMs = ScenarioClock.epochMs
                record.answerSequence = sequence
            case .server(.abandoned(let id)) where id == prepared.requestID:
                record.outcome = .abandoned
                return record
            case .processExited(let exited, let status) where exited == start:
                record.outcome = .crash
                record.crashCause = status
                await stopProcess(reason: nil)
                return record
            default:
                continue
            }
        }
        if outOfMemoryKills > killsBefore, isProcessAlive {
            // A process of the runtime went over the memory limit: Lambda ends the whole environment.
            record.outcome = .crash
            record.crashCause = "\(ExitStatus.outOfMemory)"
            await stopProcess(reason: .outOfMemory)
        }
        return record
    }

    /// After an answer, waits briefly for the runtime to poll `/next` again (the end of the invocation, §1.2).
    func settle() async {
        guard isProcessAlive else { return }
        _ = await waitUntilPolling(until: ScenarioClock.after(ms: settings.settleMs))
    }
}
