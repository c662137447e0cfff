#if canImport(Glibc)
    import Glibc
#endif

/// Reads byte ranges of a file with `pread`, refusing any range that does not lie inside the file or is larger
/// than the caller's cap, so a malformed header can never make lambdaspec read or allocate without bound.
final class BoundedFile {
    private let descriptor: Int32
    let size: UInt64

    init(path: String) throws(ELFError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ELFError("cannot be opened (errno \(errno))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= 0 else {
            close(descriptor)
            throw ELFError("cannot be examined (errno \(errno))")
        }
        self.descriptor = descriptor
        self.size = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes at `offset`; throws when the range leaves the file or exceeds `limit`.
    func bytes(at offset: UInt64, count: UInt64, limit: UInt64, what: String) throws(ELFError) -> [UInt8] {
        guard count <= limit else { throw ELFError("\(what) claims \(count) bytes, more than the \(limit) allowed") }
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= size else {
            throw ELFError("\(what) at offset \(offset) (\(count) bytes) lies outside the \(size)-byte file")
        }
        return try read(at: offset, count: Int(count), what: what)
    }

    /// Up to `count` bytes at `offset`, fewer when the file ends first.
    func prefix(at offset: UInt64, count: Int, what: String) throws(ELFError) -> [UInt8] {
        guard offset < size else { return [] }
        return try read(at: offset, count: Int(min(UInt64(count), size - offset)), what: what)
    }

    private func read(at offset: UInt64, count: Int, what: String) throws(ELFError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw ELFError("\(what) could not be read (errno \(got < 0 ? errno : 0))") }
            done += got
        }
        return buffer
    }
}

/// Why an ELF file could not be read; the message completes "the ELF file …".
public struct ELFError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
