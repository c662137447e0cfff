import MockRuntimeAPI

/// Everything the engine waits for, from the mock server and from the runtime process, on one queue.
enum EnvironmentEvent: Sendable {
    case server(ServerEvent)
    /// The process of the given start ended (leader reaped).
    case processExited(start: Int, status: String)
}
