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
    private let cgroup: ResourceCgroup?
    /// Stopped by the first `killGroup`.
    private let watchdog: Mutex<GroupWatchdog?>

    private init(pid: Int32, monitor: ProcessMonitor, cgroup: ResourceCgroup?, watchdog: GroupWatchdog?) {
        self.pid = pid
        self.monitor = monitor
        self.cgroup = cgroup
        self.watchdog = Mutex(watchdog)
    }

    /// Starts `plan` (see `spawn(executable:...)`); with a cgroup, through `/bin/sh`, which writes its own pid into
    /// the cgroup before it execs, so no process of the bootstrap ever runs outside it. An exit caused by the
    /// cgroup's OOM killer is reported as `.outOfMemory`.
    public static func spawn(
        _ plan: LaunchPlan,
        onOutput: @escaping @Sendable (LogLine.Stream, [CapturedLine]) -> Void,
        onExit: @escaping @Sendable (ExitStatus) -> Void
    ) throws(SandboxError) -> RuntimeProcess {
        var executable = plan.executable
        var arguments = plan.arguments
        if plan.cgroup != nil || plan.startGate != nil {
            // Join the cgroup, open the start gate as fd 3, then become the command.
            let files = plan.cgroup?.processFiles ?? []
            var steps = files.indices.map { "echo $$ > \"$\($0 + 1)\"" }
            var redirect = ""
            if plan.startGate != nil {
                steps.append("gate=\"$\(files.count + 1)\"")
                redirect = " 3<>\"$gate\""
            }
            let shifted = files.count + (plan.startGate == nil ? 0 : 1)
            steps.append("shift \(shifted)")
            arguments =
                ["-c", steps.joined(separator: " && ") + " && exec \"$@\"" + redirect, "lambdaspec-start"]
                + files + (plan.startGate.map { [$0] } ?? []) + [executable] + arguments
            executable = "/bin/sh"
        }
        let killsBefore = plan.cgroup?.outOfMemoryKills ?? 0
        let cgroup = plan.cgroup
        let signalsAsExitCodes = plan.signalsAsExitCodes
        return try spawn(
            executable: executable, arguments: arguments, environment: plan.environment,
            workingDirectory: plan.workingDirectory, cgroup: cgroup, watchesGroup: plan.watchesGroup,
            onOutput: onOutput,
            onExit: { status in
                var status = status
                if signalsAsExitCodes, case .exited(let code) = status, (129...192).contains(code) {
                    status = .signalled(code - 128)
                }
                if let cgroup, cgroup.outOfMemoryKills > killsBefore { status = .outOfMemory }
                onExit(status)
            })
    }

    /// Starts `executable` with exactly `environment`, stdin from /dev/null, and stdout/stderr split into lines.
    ///
    /// `onOutput` is called from the two reader threads (possibly concurrently) with the lines of each read; it
    /// must return quickly, as the runtime blocks once a pipe's buffer is full. `onExit` is called once, after the
    /// leader was reaped and its pipes drained (or 100 ms passed, when a grandchild still holds them).
    /// `watchesGroup` adds a `GroupWatchdog`, stopped by `killGroup`.
    public static func spawn(
        executable: String, arguments: [String] = [], environment: [String: String], workingDirectory: String,
        cgroup: ResourceCgroup? = nil, watchesGroup: Bool = false,
        onOutput: @escaping @Sendable (LogLine.Stream, [CapturedLine]) -> Void,
        onExit: @escaping @Sendable (ExitStatus) -> Void
    ) throws(SandboxError) -> RuntimeProcess {
        let spawned = try ProcessSpawner.spawn(
            executable: executable, arguments: arguments, environment: environment,
            workingDirectory: workingDirectory)
        LiveResources.add(group: spawned.pid)
        let watchdog = watchesGroup ? GroupWatchdog.start(guarding: spawned.pid) : nil
        let monitor = ProcessMonitor()
        for (descriptor, stream) in [(spawned.stdout, LogLine.Stream.stdout), (spawned.stderr, .stderr)] {
            let reader = Thread {
                LineReader.drain(descriptor: descriptor) { onOutput(stream, $0) }
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
        if cgroup == nil { ProcessMemorySampler.start(leader: pid, monitor: monitor) }
        return RuntimeProcess(pid: pid, monitor: monitor, cgroup: cgroup, watchdog: watchdog)
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
        watchdog.withLock { watchdog in
            watchdog?.stop()
            watchdog = nil
        }
    }

    /// Suspends until the leader has exited and been reaped, and `onExit` has returned; returns its status.
    public func waitForExit() async -> ExitStatus {
        await withCheckedContinuation { continuation in
            monitor.addWaiter(continuation)
        }
    }

    /// Peak resident set of the runtime in KiB: the largest sum of VmHWM over the leader and its descendants seen by
    /// the sampler so far (`ProcessMemorySampler`), or the leader's own peak from `wait4` if larger. Best effort; nil
    /// if nothing can be measured. Reads no file once the sampler has a figure: callers may ask on every invocation.
    ///
    /// With a cgroup, the kernel's own peak for the environment instead: one file read, and it sees every process.
    public func peakResidentKilobytes() -> Int? {
        if let cgroup { return cgroup.peakKilobytes }
        // Asked before the sampler's first figure: one sample of the runtime's own processes now.
        return monitor.recordGroupPeak(nil) ?? monitor.recordGroupPeak(ProcessGroupMemory.peakKilobytes(ofTree: pid))
    }

    /// The leader's own peak resident set in KiB: VmHWM while it runs, the `wait4` figure once reaped.
    public func leaderPeakResidentKilobytes() -> Int? {
        monitor.leaderMaxResidentKilobytes ?? ProcessGroupMemory.highWaterMark(of: pid)
    }
}
