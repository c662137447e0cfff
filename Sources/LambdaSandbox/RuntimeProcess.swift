import ConformanceModel
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One started bootstrap, in its own session/process group.
///
/// Two threads read stdout and stderr with blocking `read()` and one blocks in `wait4`; they are plain threads
/// because these calls would otherwise pin a cooperative-pool thread for the runtime's whole life.
public final class RuntimeProcess: Sendable {
    /// The leader's pid, which is also the process group id.
    public let pid: Int32
    private let monitor: ProcessMonitor

    private init(pid: Int32, monitor: ProcessMonitor) {
        self.pid = pid
        self.monitor = monitor
    }

    /// Starts `executable` with exactly `environment`, stdin from /dev/null, and stdout/stderr split into lines.
    ///
    /// `onLine` is called from the two reader threads (possibly concurrently); `onExit` once, after the leader was
    /// reaped and its pipes drained (or 100 ms passed, when a grandchild still holds them).
    public static func spawn(
        executable: String, environment: [String: String], workingDirectory: String,
        onLine: @escaping @Sendable (LogLine.Stream, String) -> Void,
        onExit: @escaping @Sendable (ExitStatus) -> Void
    ) throws(SandboxError) -> RuntimeProcess {
        let spawned = try ProcessSpawner.spawn(
            executable: executable, environment: environment, workingDirectory: workingDirectory)
        LiveResources.add(group: spawned.pid)
        let monitor = ProcessMonitor()
        for (descriptor, stream) in [(spawned.stdout, LogLine.Stream.stdout), (spawned.stderr, .stderr)] {
            let reader = Thread {
                LineReader.drain(descriptor: descriptor) { onLine(stream, $0) }
                monitor.streamClosed()
            }
            reader.name = "lambdaspec-\(stream.rawValue)-\(spawned.pid)"
            reader.start()
        }
        let pid = spawned.pid
        let waiter = Thread {
            var status: Int32 = 0
            var usage = rusage()
            var result: pid_t
            repeat {
                result = wait4(pid, &status, 0, &usage)
            } while result == -1 && errno == EINTR
            // -1 here means someone else reaped our child; report an impossible status rather than hang.
            let exit = result == pid ? ExitStatus(waitStatus: status) : .exited(-1)
            monitor.recordExit(exit, leaderMaxResidentKilobytes: Int(usage.ru_maxrss))
            monitor.awaitStreamsClosed(upToMilliseconds: 100)
            onExit(exit)
            monitor.deliverExit()
        }
        waiter.name = "lambdaspec-wait-\(pid)"
        waiter.start()
        return RuntimeProcess(pid: pid, monitor: monitor)
    }

    /// True once the leader has exited and been reaped.
    public var hasExited: Bool { monitor.exitStatus != nil }

    /// The leader's status once reaped.
    public var exitStatus: ExitStatus? { monitor.exitStatus }

    /// SIGKILL to the whole process group (also after the leader exited, so no grandchild outlives the run).
    /// Idempotent.
    public func killGroup() {
        _ = kill(-pid, SIGKILL)
        LiveResources.remove(group: pid)
    }

    /// Suspends until the leader has exited and been reaped, and `onExit` has returned; returns its status.
    public func waitForExit() async -> ExitStatus {
        await withCheckedContinuation { continuation in
            monitor.addWaiter(continuation)
        }
    }

    /// Peak resident set of the process group in KiB: the largest sum of VmHWM over the group's live processes seen
    /// by any call so far, or the leader's own peak from `wait4` if larger. Best effort; nil if nothing was measured.
    public func peakResidentKilobytes() -> Int? {
        monitor.recordGroupPeak(ProcessGroupMemory.peakKilobytes(ofGroup: pid))
    }

    /// The leader's own peak resident set in KiB: VmHWM while it runs, the `wait4` figure once reaped.
    public func leaderPeakResidentKilobytes() -> Int? {
        monitor.leaderMaxResidentKilobytes ?? ProcessGroupMemory.highWaterMark(of: pid)
    }
}
