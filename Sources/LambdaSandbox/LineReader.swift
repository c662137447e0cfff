#if canImport(Glibc)
    import Glibc
#endif

/// Cuts a byte stream into lines: no newline, no trailing CR, at most `maximumLineBytes` bytes each.
///
/// A runtime may log a multi-megabyte payload on one line; keeping only its head bounds memory and report size.
struct LineSplitter {
    static let maximumLineBytes = 64 * 1024

    private var pending: [UInt8] = []
    private var droppedBytes = 0

    /// Feeds bytes and returns the lines they completed.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            keep(bytes[start..<index])
            lines.append(takeLine())
            start = index + 1
        }
        keep(bytes[start..<bytes.count])
        return lines
    }

    /// The unterminated last line at end of stream, if any.
    mutating func finish() -> String? {
        pending.isEmpty && droppedBytes == 0 ? nil : takeLine()
    }

    private mutating func keep(_ bytes: Slice<UnsafeRawBufferPointer>) {
        let room = Self.maximumLineBytes - pending.count
        pending.append(contentsOf: bytes.prefix(max(0, room)))
        droppedBytes += max(0, bytes.count - room)
    }

    private mutating func takeLine() -> String {
        if droppedBytes == 0, pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        var line = String(decoding: pending, as: UTF8.self)
        if droppedBytes > 0 {
            let marker = " [lambdaspec: line truncated, \(pending.count + droppedBytes) bytes in total]"
            let head = pending.prefix(Self.maximumLineBytes - marker.utf8.count)
            line = String(decoding: head, as: UTF8.self) + marker
        }
        pending.removeAll(keepingCapacity: pending.count <= 4096)
        droppedBytes = 0
        return line
    }
}

/// Reads one pipe to its end on the calling thread and hands every line to `onLine`.
enum LineReader {
    static func drain(descriptor: Int32, onLine: (String) -> Void) {
        var splitter = LineSplitter()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let lines = buffer.withUnsafeBytes { splitter.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            lines.forEach(onLine)
        }
        if let last = splitter.finish() { onLine(last) }
        close(descriptor)
    }
}
