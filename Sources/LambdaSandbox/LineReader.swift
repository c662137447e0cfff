#if canImport(Glibc)
    import Glibc
#endif

/// Cuts a byte stream into lines: no newline, no trailing CR, at most `maximumLineBytes` bytes each.
///
/// A runtime may log a multi-megabyte payload on one line; keeping only its head bounds memory and report size.
/// Newlines are found with `memchr` and a line that lies whole in one read becomes a `String` without a copy in
/// between: a per-byte Swift loop is what once held capture to a few MB/s in debug builds.
struct LineSplitter {
    static let maximumLineBytes = 64 * 1024

    /// The kept head of a line that began in an earlier read.
    private var pending: [UInt8] = []
    /// Bytes of that line so far, including those beyond `maximumLineBytes` that were not kept.
    private var pendingTotal = 0

    /// Feeds bytes and returns the lines they completed.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> [CapturedLine] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        var lines: [CapturedLine] = []
        var start = 0
        while start < bytes.count {
            guard let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
                keep(UnsafeRawBufferPointer(start: base + start, count: bytes.count - start))
                break
            }
            let end = base.distance(to: UnsafeRawPointer(newline))
            let piece = UnsafeRawBufferPointer(start: base + start, count: end - start)
            if pendingTotal == 0, piece.count <= Self.maximumLineBytes {
                lines.append(CapturedLine(text: Self.text(piece), byteCount: piece.count + 1))
            } else {
                keep(piece)
                lines.append(takeLine(terminated: true))
            }
            start = end + 1
        }
        return lines
    }

    /// The unterminated last line at end of stream, if any.
    mutating func finish() -> CapturedLine? {
        pendingTotal == 0 ? nil : takeLine(terminated: false)
    }

    private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        let room = max(0, Self.maximumLineBytes - pending.count)
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<min(room, bytes.count)]))
        pendingTotal += bytes.count
    }

    private mutating func takeLine(terminated: Bool) -> CapturedLine {
        var text: String
        if pendingTotal > pending.count {
            let marker = " [lambdaspec: line truncated, \(pendingTotal) bytes in total]"
            let head = pending.prefix(Self.maximumLineBytes - marker.utf8.count)
            text = String(decoding: head, as: UTF8.self) + marker
        } else {
            text = pending.withUnsafeBytes { Self.text($0) }
        }
        let line = CapturedLine(text: text, byteCount: pendingTotal + (terminated ? 1 : 0))
        pending.removeAll(keepingCapacity: pending.capacity <= 4096)
        pendingTotal = 0
        return line
    }

    /// The bytes as text, without a trailing CR (invalid UTF-8 becomes U+FFFD).
    private static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        var count = bytes.count
        if count > 0, bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
        guard count > 0, let base = bytes.baseAddress else { return "" }
        return String(
            decoding: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count), as: UTF8.self)
    }
}

/// Reads one pipe to its end on the calling thread and hands the lines of every read to `onLines`.
///
/// The thread does nothing else, so the runtime's writes never wait for lambdaspec beyond the pipe's own buffer.
enum LineReader {
    /// Bytes taken per `read`: a quarter of the 1 MiB pipe buffer `ProcessSpawner` asks for.
    static let readSize = 256 * 1024

    static func drain(descriptor: Int32, onLines: ([CapturedLine]) -> Void) {
        var splitter = LineSplitter()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let lines = splitter.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if !lines.isEmpty { onLines(lines) }
        }
        if let last = splitter.finish() { onLines([last]) }
        close(descriptor)
    }
}
