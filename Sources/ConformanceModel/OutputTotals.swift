/// How much one start of the bootstrap wrote on one stream, and how much of it the report leaves out.
///
/// A report keeps the first and the last 64 KiB of each stream of each start; these totals count everything.
public struct OutputTotals: Codable, Sendable, Hashable {
    public var processStart: Int
    public var stream: LogLine.Stream
    /// Lines written; an unterminated last line counts.
    public var lines: Int
    /// Bytes written, newlines included.
    public var bytes: Int
    /// Lines and bytes between the kept head and tail, which the report replaces by one marker line.
    public var omittedLines: Int
    public var omittedBytes: Int

    public init(
        processStart: Int, stream: LogLine.Stream, lines: Int, bytes: Int, omittedLines: Int, omittedBytes: Int
    ) {
        self.processStart = processStart
        self.stream = stream
        self.lines = lines
        self.bytes = bytes
        self.omittedLines = omittedLines
        self.omittedBytes = omittedBytes
    }
}
