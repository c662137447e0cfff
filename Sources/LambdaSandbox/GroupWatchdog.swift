#if canImport(Glibc)
    import Glibc
#endif

/// In `process` isolation, a small `/bin/sh` that SIGKILLs a bootstrap's process group once lambdaspec is gone,
/// however it went (SIGKILL included): it blocks reading a pipe whose write end only lambdaspec holds, and that
/// read ends when the kernel closes lambdaspec's descriptors.
///
/// The bootstrap's own parent-death signal reaches only the bootstrap; this reaches what it started (in `lambda`
/// isolation bubblewrap's PID namespace does that). It runs in its own session, outside the group it guards, so it
/// is neither counted in the group's memory nor visible to the runtime as a child.
struct GroupWatchdog {
    let pid: pid_t

    /// Starts a watchdog for `group`; nil (and the bootstrap runs unguarded) if that is not possible.
    static func start(guarding group: pid_t) -> GroupWatchdog? {
        guard let lifeline = lifelineReadEnd,
            let pid = try? ProcessSpawner.spawnHelper(
                executable: "/bin/sh",
                arguments: ["-c", #"read _; kill -KILL "-$1""#, "lambdaspec-watchdog", "\(group)"],
                standardInput: lifeline)
        else { return nil }
        return GroupWatchdog(pid: pid)
    }

    /// Ends the watchdog (its group is being killed anyway) and reaps it.
    func stop() {
        _ = kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// The read end every watchdog gets as stdin. The write end is never written nor closed: it stays open, close-on-
    /// exec, for lambdaspec's whole life.
    private static let lifelineReadEnd: Int32? = {
        var descriptors: [Int32] = [-1, -1]
        guard GlibcExtensions.pipe2.map({ $0(&descriptors, O_CLOEXEC) }) == 0 else { return nil }
        return descriptors[0]
    }()
}
