/// Why a loopback client operation failed; a timeout is an error so a broken server fails a test instead of hanging it.
public enum LoopbackClientError: Error, Equatable, Sendable {
    /// The operation did not finish in time; the connection was closed.
    case timedOut(operation: String)
    /// The peer closed before a single byte of the awaited response arrived.
    case closedBeforeResponse
    /// The bytes received are not an HTTP/1.1 response head.
    case malformedResponse(String)
}
