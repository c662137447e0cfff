import Synchronization

/// A queue of environment events the engine can await with a deadline, so no wait in a scenario is unbounded.
final class EventMailbox: Sendable {
    private struct State {
        var buffer: [EnvironmentEvent] = []
        var waiter: (id: Int, continuation: CheckedContinuation<EnvironmentEvent?, Never>)?
        var expired: Set<Int> = []
        var nextWaitID = 0
    }

    private let state = Mutex(State())

    func post(_ event: EnvironmentEvent) {
        let waiter: CheckedContinuation<EnvironmentEvent?, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter.continuation
            }
            state.buffer.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// Drops buffered events (a new step only cares about what happens from now on).
    func drain() {
        state.withLock { $0.buffer.removeAll() }
    }

    /// The next event, or `nil` once `deadline` has passed.
    func next(until deadline: ContinuousClock.Instant) async -> EnvironmentEvent? {
        let (buffered, id): (EnvironmentEvent?, Int) = state.withLock { state in
            if !state.buffer.isEmpty { return (state.buffer.removeFirst(), 0) }
            state.nextWaitID += 1
            return (nil, state.nextWaitID)
        }
        if let buffered { return buffered }
        if deadline <= .now { return nil }
        return await withTaskGroup(of: EnvironmentEvent?.self) { group in
            group.addTask { await self.wait(id: id) }
            group.addTask {
                // Also when cancelled (an event came first, or the caller was cancelled): the wait must end.
                try? await Task.sleep(until: deadline, clock: .continuous)
                self.expire(id: id)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            await group.waitForAll()
            // When the event came first, `expire` has marked a wait that is over: `expired` must not keep its id
            // (a `serve` session waits millions of times).
            state.withLock { _ = $0.expired.remove(id) }
            return first
        }
    }

    private func wait(id: Int) async -> EnvironmentEvent? {
        await withCheckedContinuation { continuation in
            let immediate: EnvironmentEvent?? = state.withLock { state in
                if state.expired.remove(id) != nil { return .some(nil) }
                if !state.buffer.isEmpty { return .some(state.buffer.removeFirst()) }
                state.waiter = (id, continuation)
                return .none
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private func expire(id: Int) {
        let waiter: CheckedContinuation<EnvironmentEvent?, Never>? = state.withLock { state in
            if let waiter = state.waiter, waiter.id == id {
                state.waiter = nil
                return waiter.continuation
            }
            state.expired.insert(id)
            return nil
        }
        waiter?.resume(returning: nil)
    }
}
