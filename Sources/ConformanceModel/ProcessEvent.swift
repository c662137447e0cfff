/// Something that happened to the runtime process, for the report's timeline.
public struct ProcessEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case started
        case exited
        case killed
        case signalled
        case initTimeout = "init-timeout"
        case invokeTimeout = "invoke-timeout"
        /// A process of the runtime went over the memory limit; the environment was ended.
        case outOfMemory = "out-of-memory"
    }

    public var kind: Kind
    public var atMs: Double
    /// Which start of the bootstrap this concerns.
    public var processStart: Int
    public var detail: String

    public init(kind: Kind, atMs: Double, processStart: Int, detail: String = "") {
        self.kind = kind
        self.atMs = atMs
        self.processStart = processStart
        self.detail = detail
    }
}

/// One line the runtime wrote on stdout or stderr, or the marker standing for the lines left out between the kept
/// head and tail of a stream (then `omittedBytes` and `omittedLines` are set and `text` says how much).
public struct LogLine: Codable, Sendable, Hashable {
    public enum Stream: String, Codable, Sendable { case stdout, stderr }

    public var stream: Stream
    /// When lambdaspec read the line, in milliseconds since the scenario started.
    public var atMs: Double
    public var processStart: Int
    public var text: String
    /// On a marker only: the bytes (newlines included) and lines left out at this place.
    public var omittedBytes: Int?
    public var omittedLines: Int?

    public init(
        stream: Stream, atMs: Double, processStart: Int, text: String, omittedBytes: Int? = nil,
        omittedLines: Int? = nil
    ) {
        self.stream = stream
        self.atMs = atMs
        self.processStart = processStart
        self.text = text
        self.omittedBytes = omittedBytes
        self.omittedLines = omittedLines
    }

    /// The marker for `bytes` bytes in `lines` lines left out: "… N bytes omitted …".
    public static func omission(
        stream: Stream, atMs: Double, processStart: Int, bytes: Int, lines: Int
    ) -> LogLine {
        LogLine(
            stream: stream, atMs: atMs, processStart: processStart, text: "… \(bytes) bytes omitted …",
            omittedBytes: bytes, omittedLines: lines)
    }

    /// True for the marker of left-out lines rather than a line the runtime wrote.
    public var isOmission: Bool { omittedBytes != nil }
}
