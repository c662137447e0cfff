import Synchronization

/// Counts finished scenarios for the progress lines; results arrive from concurrent tasks.
final class ProgressCounter: Sendable {
    private let done = Mutex(0)
    let total: Int

    init(total: Int) { self.total = total }

    func increment() -> Int {
        done.withLock { count in
            count += 1
            return count
        }
    }
}
