/// Why a runtime did not reach `/next`, in the terms a user fixes it by: what it posted to `/runtime/init/error`,
/// how its process ended, and the last lines it wrote to stderr.
public struct StartupCause: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The `errorType` and `errorMessage` of the runtime's `/runtime/init/error` body, if it posted one.
    public var initErrorType: String?
    public var initErrorMessage: String?
    /// How the process ended ("exited with status 127", "killed by signal 9"), if it did.
    public var exit: String?
    /// Whether it was still running, silent, when the init timeout ran out.
    public var timedOut: Bool
    /// The last stderr lines (at most five), oldest first.
    public var lastStderr: [String]

    public init(
        initErrorType: String? = nil, initErrorMessage: String? = nil, exit: String? = nil, timedOut: Bool = false,
        lastStderr: [String] = []
    ) {
        self.initErrorType = initErrorType
        self.initErrorMessage = initErrorMessage
        self.exit = exit
        self.timedOut = timedOut
        self.lastStderr = lastStderr
    }

    /// One line: init error, then exit, then the last stderr line.
    public var description: String {
        var parts: [String] = []
        if initErrorType != nil || initErrorMessage != nil {
            parts.append("init error: \(initErrorType ?? "(no errorType)"): \(initErrorMessage ?? "(no errorMessage)")")
        }
        if let exit { parts.append("exit: \(exit)") }
        if timedOut { parts.append("no /next within the init timeout") }
        if let line = lastStderr.last { parts.append("last stderr: \(line.prefix(200))") }
        return parts.joined(separator: "; ")
    }
}
