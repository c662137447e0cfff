import Synchronization

/// Thread-safe list of things a server reported from its event-loop threads, with a bounded wait for a condition.
public final class EventLog<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    public init() {}

    public func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    /// A snapshot, in arrival order.
    public var all: [Element] { storage.withLock { $0 } }

    /// Waits until `condition` holds for the elements so far; false when `timeout` passes first.
    public func waitUntil(
        timeout: Duration = .seconds(5),
        _ condition: @Sendable ([Element]) -> Bool
    ) async -> Bool {
        await eventually(timeout: timeout) { condition(self.all) }
    }
}

extension EventLog where Element: Equatable {
    /// Waits until `element` has been appended; false when `timeout` passes first.
    public func waitFor(_ element: Element, timeout: Duration = .seconds(5)) async -> Bool {
        await waitUntil(timeout: timeout) { $0.contains(element) }
    }
}

/// Polls `condition` every couple of milliseconds until it holds or `timeout` passes: a sleep that stops early.
public func eventually(timeout: Duration = .seconds(5), _ condition: @Sendable () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return true
}
