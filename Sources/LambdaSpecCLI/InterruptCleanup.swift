import Foundation
import LambdaSandbox
import Synchronization

/// The self-pipe a signal handler writes to; a global `let`, created before the handlers are installed, because a
/// C signal handler can capture nothing.
private let signalPipe: (read: Int32, write: Int32) = {
    var descriptors: [Int32] = [0, 0]
    _ = pipe(&descriptors)
    return (descriptors[0], descriptors[1])
}()

/// On SIGINT or SIGTERM, kills every bootstrap process group and removes every sandbox folder before exiting:
/// bootstraps run in their own sessions, so Ctrl-C would otherwise leave them running.
///
/// A command that stops by itself (`serve`) asks for the signal with `nextSignal()` instead: it then shuts down
/// in order and returns; the forced exit only follows a second signal or `gracePeriod` without an end.
enum InterruptCleanup {
    /// How long a command that took the signal has to end before the process exits anyway.
    static let gracePeriod: Duration = .seconds(2)

    private struct Handoff {
        var waiter: CheckedContinuation<Int32, Never>?
        /// A signal that arrived while a command was registered but not yet waiting.
        var pending: Int32?
        var registered = false
    }

    private static let handoff = Mutex(Handoff())

    static func install() {
        _ = signalPipe
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipe.write, &byte, 1)
            }
        }
        let watcher = Thread {
            let first = readSignal()
            if handOver(first) {
                // The command stops by itself; a second signal, or a stop that overruns, forces the exit.
                let watchdog = Thread {
                    Thread.sleep(forTimeInterval: Double(gracePeriod.components.seconds))
                    forceExit(first)
                }
                watchdog.start()
                forceExit(readSignal())
            }
            forceExit(first)
        }
        watcher.name = "lambdaspec-signals"
        watcher.start()
    }

    /// Makes the next SIGINT/SIGTERM/SIGHUP a value for the caller (register before starting anything that must
    /// be stopped in order), and suspends until it arrives; returns the signal's number.
    static func nextSignal() async -> Int32 {
        let ready: Int32? = handoff.withLock { state in
            state.registered = true
            return state.pending
        }
        if let ready { return ready }
        return await withCheckedContinuation { continuation in
            let pending: Int32? = handoff.withLock { state in
                if let pending = state.pending { return pending }
                state.waiter = continuation
                return nil
            }
            if let pending { continuation.resume(returning: pending) }
        }
    }

    /// Announces a graceful stop as the forced one does, without muting what the command prints while it stops.
    static let stoppingMessage = "\nlambdaspec: interrupted; stopping runtimes, removing sandboxes\n"

    /// Gives the signal to a registered command; false when none registered.
    private static func handOver(_ signalNumber: Int32) -> Bool {
        let (registered, waiter): (Bool, CheckedContinuation<Int32, Never>?) = handoff.withLock { state in
            guard state.registered else { return (false, nil) }
            state.pending = signalNumber
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume(returning: signalNumber)
        return registered
    }

    private static func readSignal() -> Int32 {
        var byte: UInt8 = 0
        while read(signalPipe.read, &byte, 1) != 1 {}
        return Int32(byte)
    }

    private static func forceExit(_ signalNumber: Int32) -> Never {
        FileHandleOutput.mute(lastWords: stoppingMessage)
        LiveResources.releaseAll()
        exit(128 + signalNumber)
    }
}
