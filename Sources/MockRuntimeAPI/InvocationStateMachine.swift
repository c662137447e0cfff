import ConformanceModel

/// The runtime's state as RAPID tracks it (runtime-api.md §1.7), deciding every status code the mock answers.
///
/// Pure: no I/O, no clocks. The broker feeds it requests and performs the actions it returns.
struct InvocationStateMachine {
    enum RuntimeState: Equatable {
        /// Bootstrap launched, no call yet.
        case started
        /// `/init/error` accepted; only exiting is left.
        case initError
        /// Blocked in `/next` with nothing delivered.
        case ready
        /// An event was delivered and is not answered yet.
        case running(requestID: String)
        /// The invocation was answered; the runtime has not polled `/next` again yet.
        case responded(requestID: String)

        /// RAPID's state names, used in 403 messages (§1.7).
        var rapidName: String {
            switch self {
            case .started: "Started"
            case .initError: "InitError"
            case .ready: "Ready"
            case .running: "Running"
            case .responded: "RuntimeResponseSentState"
            }
        }
    }

    enum AnswerKind: String, Sendable {
        case response
        case error

        var rapidTarget: String { self == .response ? "InvocationResponse" : "InvocationErrorResponse" }
    }

    enum NextAction: Equatable {
        /// Answer the `/next` now with this invocation.
        case deliver(PreparedInvocation)
        /// Hold the `/next` until an invocation is enqueued.
        case park
        /// 403: `/next` after `/init/error`.
        case forbidden(body: String)
    }

    enum AnswerAction: Equatable {
        case accepted
        case invalidRequestID
        case forbidden(body: String)
        case tooLarge
        case invalidResponseMode
    }

    enum EnqueueAction: Equatable {
        case deliverToParked(PreparedInvocation)
        case queued
    }

    /// Largest buffered response body Lambda accepts: 6 MiB + 100 bytes (§1.3, §7).
    static let maximumResponseBytes = 6_291_556

    private(set) var state: RuntimeState = .started
    private(set) var queued: PreparedInvocation?
    private(set) var isParked = false

    /// A `/next` arrived. Returns what to do and, when it arrived mid-invocation, the id it abandoned.
    mutating func next() -> (action: NextAction, abandoned: String?) {
        var abandoned: String?
        switch state {
        case .initError:
            let body = RuntimeAPIErrorBody.invalidStateTransition(from: "InitError", to: "Ready")
            return (.forbidden(body: body), nil)
        case .running(let id):
            // RIE answers the same event again here; production is UNCONFIRMED (§1.2). The suite treats the
            // invocation as abandoned so a runtime that lost track of it shows up as such instead of looping.
            abandoned = id
        case .started, .ready, .responded:
            break
        }
        if let invocation = queued {
            queued = nil
            state = .running(requestID: invocation.requestID)
            isParked = false
            return (.deliver(invocation), abandoned)
        }
        state = .ready
        isParked = true
        return (.park, abandoned)
    }

    /// `/response` or `/error` for `requestID`. The id is validated before the state (§1.7).
    mutating func answer(_ kind: AnswerKind, requestID: String, bodySize: Int, responseMode: String?) -> AnswerAction {
        // RAPID reads the header with Go's Header.Get, where an empty value is the same as no header (buffered).
        let responseMode = responseMode?.isEmpty == true ? nil : responseMode
        switch state {
        case .running(let current) where current == requestID:
            if kind == .response, let mode = responseMode, mode != "streaming" {
                state = .responded(requestID: requestID)
                return .invalidResponseMode
            }
            if kind == .response, responseMode == nil, bodySize > Self.maximumResponseBytes {
                // The invocation stays open: the runtime may still report the failure on /error.
                return .tooLarge
            }
            state = .responded(requestID: requestID)
            return .accepted
        case .responded(let current) where current == requestID:
            let body = RuntimeAPIErrorBody.invalidStateTransition(from: state.rapidName, to: kind.rapidTarget)
            return .forbidden(body: body)
        default:
            return .invalidRequestID
        }
    }

    /// `/runtime/init/error`: accepted only before the first `/next` (§1.5).
    mutating func initError() -> AnswerAction {
        guard state == .started else {
            return .forbidden(body: RuntimeAPIErrorBody.invalidStateTransition(from: state.rapidName, to: "InitError"))
        }
        state = .initError
        return .accepted
    }

    /// The engine queues an invocation; it goes straight to a parked `/next` if there is one.
    mutating func enqueue(_ invocation: PreparedInvocation) -> EnqueueAction {
        if isParked {
            isParked = false
            state = .running(requestID: invocation.requestID)
            return .deliverToParked(invocation)
        }
        queued = invocation
        return .queued
    }

    /// The parked `/next` went away (its connection closed).
    mutating func withdrawParkedNext() {
        isParked = false
    }

    /// A fresh bootstrap process starts: the runtime is `Started` again; a queued invocation waits for its `/next`.
    mutating func processStarted() {
        state = .started
        isParked = false
    }
}
