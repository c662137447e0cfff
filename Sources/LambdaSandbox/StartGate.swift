#if canImport(Glibc)
    import Glibc
#endif

/// A FIFO that holds a prepared bootstrap at bubblewrap's `--block-fd` until the engine lets it go.
///
/// Lambda builds the sandbox before the init phase begins; building it here too before the clock starts keeps
/// bubblewrap's namespace set-up (5–15 ms) out of the cold start, so `lambda` isolation measures the runtime. The
/// engine keeps the FIFO open for reading and writing itself, so a release never blocks, even if the prepared
/// process has died.
public final class StartGate: Sendable {
    /// The FIFO's path, opened as the held process's fd 3.
    public let path: String
    private let descriptor: Int32

    init(path: String) throws(SandboxError) {
        guard mkfifo(path, 0o600) == 0 else {
            throw SandboxError(
                .fileSystem, "Could not create the start gate \(path).", path: path,
                underlying: POSIXErrorNumber.current)
        }
        let descriptor = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SandboxError(
                .fileSystem, "Could not open the start gate \(path).", path: path,
                underlying: POSIXErrorNumber.current)
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// Whether the sandbox of `pid` (bubblewrap, possibly exec'd from the cgroup-joining shell) is built and its
    /// child is blocked reading the gate: the child's `/proc/<pid>/syscall` shows `read` (0) on fd 3. Linux-specific,
    /// and false when it cannot be read, so callers wait a bounded time and then release anyway.
    public static func isHeld(pid: Int32) -> Bool {
        guard let children = readSmallFile("/proc/\(pid)/task/\(pid)/children") else { return false }
        for child in children.split(separator: " ") {
            if let syscall = readSmallFile("/proc/\(child)/syscall"), syscall.hasPrefix("0 0x3 ") { return true }
        }
        return false
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Lets one held start through.
    public func release() {
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
    }

    deinit { close(descriptor) }
}
