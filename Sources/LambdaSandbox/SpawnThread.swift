import Dispatch
import Foundation
import Synchronization

/// The one thread that starts every bootstrap.
///
/// Linux sends a child's parent-death signal when the *thread* that forked it ends, not the process (prctl(2):
/// "the parent is considered to be the thread that created this process"). Swift's cooperative pool retires idle
/// threads, so a bootstrap forked from one would be killed in the middle of a run; this thread lives as long as
/// lambdaspec, and callers wait for it (a spawn takes about a millisecond).
final class SpawnThread: Sendable {
    static let shared = SpawnThread()

    /// Work the thread has not taken yet; `pending` counts it.
    private let queue = Mutex<[@Sendable () -> Void]>([])
    private let pending = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { self.serve() }
        thread.name = "lambdaspec-spawn"
        thread.start()
    }

    private func serve() -> Never {
        while true {
            pending.wait()
            let work = queue.withLock { $0.removeFirst() }
            work()
        }
    }

    /// Runs `work` on the spawn thread and returns its result; the caller blocks until then.
    func run<Result>(_ work: () -> Result) -> Result {
        withoutActuallyEscaping(work) { work in
            // The caller blocks below until `work` has run, so nothing it captures outlives this call.
            let box = UnsafeTransfer(work: work)
            let done = DispatchSemaphore(value: 0)
            queue.withLock {
                $0.append {
                    box.run()
                    done.signal()
                }
            }
            pending.signal()
            done.wait()
            return box.result!
        }
    }
}

/// Carries a closure and its result across to the spawn thread and back; `SpawnThread.run` orders the accesses.
private final class UnsafeTransfer<Result>: @unchecked Sendable {
    private var work: (() -> Result)?
    var result: Result?

    init(work: @escaping () -> Result) { self.work = work }

    /// Runs the work and lets go of it before the caller wakes: `withoutActuallyEscaping` checks that no reference
    /// to the closure is left when it returns.
    func run() {
        result = work?()
        work = nil
    }
}
