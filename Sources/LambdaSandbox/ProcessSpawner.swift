#if canImport(Glibc)
    import Glibc
#endif

/// Starts an executable with `posix_spawn` in a new session, with an explicit environment and only fds 0-2 open.
///
/// A new session makes the child a process-group leader, so one `kill(-pid)` reaches every grandchild; closing fds
/// from 3 up keeps the mock server's sockets out of the runtime.
enum ProcessSpawner {
    struct Spawned {
        let pid: pid_t
        /// Read ends of the child's stdout and stderr pipes (close-on-exec).
        let stdout: Int32
        let stderr: Int32
    }

    static func spawn(
        executable: String, arguments extraArguments: [String] = [], environment: [String: String],
        workingDirectory: String
    ) throws(SandboxError) -> Spawned {
        guard FileTree.resolvedKind(at: workingDirectory) == .directory else {
            throw SandboxError(
                .spawnFailed, "Could not start \(executable): the working folder \(workingDirectory) does not exist.",
                path: workingDirectory)
        }
        guard let addChdir = GlibcExtensions.addChdir, let addCloseFrom = GlibcExtensions.addCloseFrom else {
            throw SandboxError(
                .spawnFailed,
                "Could not start \(executable): this C library lacks "
                    + "\(GlibcExtensions.missing.joined(separator: ", ")); lambdaspec needs glibc 2.34 or later.")
        }
        let output = try makePipe()
        let errors: (read: Int32, write: Int32)
        do {
            errors = try makePipe()
        } catch {
            close(output.read)
            close(output.write)
            throw error
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        _ = addChdir(&actions, workingDirectory)
        _ = addCloseFrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        // Every bit set, not sigfillset: glibc's sigfillset leaves out its internal signals 32 and 33, which
        // posix_spawn would then leave *ignored* in the child. Lambda starts the runtime with every disposition at
        // its default, and so do we.
        var allSignals = sigset_t()
        withUnsafeMutableBytes(of: &allSignals) { bytes in
            for index in bytes.indices { bytes[index] = 0xff }
        }
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(
            &attributes, Int16(GlibcExtensions.spawnSetSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments = ([executable] + extraArguments).map { strdup($0) }
        let variables = environment.sorted { $0.key < $1.key }
            .filter { !$0.key.isEmpty && !$0.key.contains("=") }
            .map { strdup("\($0.key)=\($0.value)") }
        defer { (arguments + variables).forEach { free($0) } }

        var pid = pid_t()
        var result: Int32 = 0
        // ETXTBSY: a file written just now (an extracted bootstrap) can still be open for writing in a child that
        // another thread forked in the meantime, until that child execs. It clears within milliseconds.
        for attempt in 0..<50 {
            if attempt > 0 { usleep(2000) }
            result = (arguments + [nil]).withUnsafeBufferPointer { argv in
                (variables + [nil]).withUnsafeBufferPointer { envp in
                    posix_spawn(&pid, executable, &actions, &attributes, argv.baseAddress!, envp.baseAddress!)
                }
            }
            if result != ETXTBSY { break }
        }
        close(output.write)
        close(errors.write)
        guard result == 0 else {
            close(output.read)
            close(errors.read)
            throw SandboxError(
                .spawnFailed, "Could not start \(executable): \(explain(result))", path: executable,
                underlying: POSIXErrorNumber(value: result))
        }
        return Spawned(pid: pid, stdout: output.read, stderr: errors.read)
    }

    private static func makePipe() throws(SandboxError) -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        let created = GlibcExtensions.pipe2.map { $0(&descriptors, O_CLOEXEC) } ?? -1
        guard created == 0 else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(.spawnFailed, "Could not create a pipe for the runtime's output.", underlying: cause)
        }
        // A 1 MiB buffer (the default pipe-max-size) instead of 64 KiB: a burst of output at init then waits for
        // no reader thread that the scheduler has not run yet. Best effort; the default buffer still works.
        _ = fcntl(descriptors[0], Self.setPipeSize, Self.pipeBufferBytes)
        return (descriptors[0], descriptors[1])
    }

    /// `<fcntl.h>`: "# define F_SETPIPE_SZ 1031" (Linux, under `__USE_GNU`).
    private static let setPipeSize: Int32 = 1031
    private static let pipeBufferBytes: Int32 = 1 << 20

    private static func explain(_ code: Int32) -> String {
        switch code {
        case ENOENT: "the file, or the interpreter named on its #! line, does not exist."
        case EACCES: "permission denied; the file must be executable and every folder above it searchable."
        case ENOEXEC: "the kernel cannot execute it: not a binary for this machine, and no #! line."
        default: String(cString: strerror(code)) + "."
        }
    }
}
