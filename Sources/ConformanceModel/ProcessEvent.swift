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

/// One line the runtime wrote on stdout or stderr.
public struct LogLine: Codable, Sendable, Hashable {
    public enum Stream: String, Codable, Sendable { case stdout, stderr }

    public var stream: Stream
    public var atMs: Double
    public var processStart: Int
    public var text: String

    public init(stream: Stream, atMs: Double, processStart: Int, text: String) {
        self.stream = stream
        self.atMs = atMs
        self.processStart = processStart
        self.text = text
    }
}
