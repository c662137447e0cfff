/// What the mock tells the engine as it happens, so the engine awaits events instead of sleeping.
public enum ServerEvent: Sendable, Hashable {
    /// A `/next` arrived (delivered or parked).
    case nextPolled
    /// `/next` was answered with the invocation's event.
    case delivered(requestID: String)
    /// `/next` was answered with an error status instead of the event (fault injection or 403).
    case nextRejected(status: Int)
    /// The runtime polled `/next` while this invocation was still unanswered.
    case abandoned(requestID: String)
    /// `/response` or `/error` naming the invocation in flight (or just answered), the status the mock sent, and the
    /// exchange's sequence number in the recorder.
    case answered(requestID: String, kind: String, status: Int, sequence: Int)
    /// `/response` or `/error` naming an id that is not in flight (400).
    case strayAnswer(requestID: String, status: Int)
    /// `/runtime/init/error`, and the status the mock sent.
    case initError(status: Int)
    /// A request that is not valid HTTP, or to an unknown path.
    case badRequest(status: Int)
}
