import CProcessSpawn

#if canImport(Glibc)
    import Glibc
#endif

/// Starts an executable in a new session, with an explicit environment, only fds 0-2 open, and SIGKILL as its
/// parent-death signal.
///
/// A new session makes the child a process-group leader, so one `kill(-pid)` reaches every grandchild; closing fds
/// from 3 up keeps the mock server's sockets out of the runtime. The parent-death signal ends the bootstrap even
/// when lambdaspec itself is killed with SIGKILL and cleans up nothing; `posix_spawn` cannot set it, hence the
/// small C shim (`lambdaspec_spawn`), always called on `SpawnThread` because the signal follows the forking thread.
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
        let output = try makePipe()
        let errors: (read: Int32, write: Int32)
        do {
            errors = try makePipe()
        } catch {
            close(output.read)
            close(output.write)
            throw error
        }

        let pid: pid_t
        do {
            pid = try start(
                executable, arguments: extraArguments, environment: environment, workingDirectory: workingDirectory,
                descriptors: (-1, output.write, errors.write), deathSignal: SIGKILL)
        } catch {
            close(output.read)
            close(errors.read)
            close(output.write)
            close(errors.write)
            throw error
        }
        close(output.write)
        close(errors.write)
        return Spawned(pid: pid, stdout: output.read, stderr: errors.read)
    }

    /// Starts a helper with `standardInput` as its stdin, stdout and stderr on /dev/null, and no parent-death signal
    /// (it is meant to outlive lambdaspec briefly: see `GroupWatchdog`).
    static func spawnHelper(
        executable: String, arguments: [String], standardInput: Int32
    ) throws(SandboxError) -> pid_t {
        try start(
            executable, arguments: arguments, environment: [:], workingDirectory: "/",
            descriptors: (standardInput, -1, -1), deathSignal: 0)
    }

    /// The C shim on the spawn thread; returns the pid or throws with the errno explained.
    private static func start(
        _ executable: String, arguments extraArguments: [String], environment: [String: String],
        workingDirectory: String, descriptors: (stdin: Int32, stdout: Int32, stderr: Int32), deathSignal: Int32
    ) throws(SandboxError) -> pid_t {
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
            (result, pid) = SpawnThread.shared.run { () -> (Int32, pid_t) in
                var pid = pid_t()
                let result = (arguments + [nil]).withUnsafeBufferPointer { argv in
                    (variables + [nil]).withUnsafeBufferPointer { envp in
                        lambdaspec_spawn(
                            executable, argv.baseAddress!, envp.baseAddress!, workingDirectory, descriptors.stdin,
                            descriptors.stdout, descriptors.stderr, deathSignal, &pid)
                    }
                }
                return (result, pid)
            }
            if result != ETXTBSY { break }
        }
        guard result == 0 else {
            throw SandboxError(
                .spawnFailed, "Could not start \(executable): \(explain(result))", path: executable,
                underlying: POSIXErrorNumber(value: result))
        }
        return pid
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
