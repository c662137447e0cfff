import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The state the reader and waiter threads share with `RuntimeProcess`, behind one `Mutex`.
final class ProcessMonitor: Sendable {
    private struct State {
        var status: ExitStatus?
        /// True once `onExit` returned; waiters are resumed only then.
        var delivered = false
        var waiters: [CheckedContinuation<ExitStatus, Never>] = []
        var openStreams = 2
        var groupPeakKilobytes: Int?
        var leaderMaxResidentKilobytes: Int?
    }

    private let state = Mutex(State())

    var exitStatus: ExitStatus? { state.withLock { $0.status } }

    var leaderMaxResidentKilobytes: Int? { state.withLock { $0.leaderMaxResidentKilobytes } }

    func streamClosed() {
        state.withLock { $0.openStreams -= 1 }
    }

    func recordExit(_ status: ExitStatus, leaderMaxResidentKilobytes: Int) {
        state.withLock {
            $0.status = status
            if leaderMaxResidentKilobytes > 0 { $0.leaderMaxResidentKilobytes = leaderMaxResidentKilobytes }
        }
    }

    /// Lets the readers deliver the last lines before the exit is announced, without waiting for a grandchild that
    /// keeps the pipes open.
    func awaitStreamsClosed(upToMilliseconds limit: Int) {
        for _ in 0..<limit {
            if state.withLock({ $0.openStreams <= 0 }) { return }
            usleep(1000)
        }
    }

    func deliverExit() {
        let (status, waiters) = state.withLock { state in
            state.delivered = true
            let waiters = state.waiters
            state.waiters = []
            return (state.status ?? .exited(-1), waiters)
        }
        waiters.forEach { $0.resume(returning: status) }
    }

    func addWaiter(_ continuation: CheckedContinuation<ExitStatus, Never>) {
        let ready: ExitStatus? = state.withLock { state in
            if state.delivered { return state.status }
            state.waiters.append(continuation)
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    /// Keeps the largest group figure seen and returns the overall peak.
    func recordGroupPeak(_ kilobytes: Int?) -> Int? {
        state.withLock { state in
            if let kilobytes { state.groupPeakKilobytes = max(state.groupPeakKilobytes ?? 0, kilobytes) }
            return [state.groupPeakKilobytes, state.leaderMaxResidentKilobytes].compactMap { $0 }.max()
        }
    }
}
