import ConformanceModel
import Synchronization

/// Connects the runtime's requests to the engine's invocations: holds the state machine and the parked `/next`.
///
/// Called from event-loop threads and from the engine; every decision is taken under one lock and the replies are
/// sent after it is released.
final class InvocationBroker: Sendable {
    typealias Reply = @Sendable (MockResponse) -> Void
    /// Records the response, posts the event, then writes the response — in that order, so timestamps measure the
    /// mock's own work and a runtime that exits right after its answer is never seen exiting before it answered.
    typealias Respond = @Sendable (MockResponse, ServerEvent?) -> Void

    private struct State {
        var machine = InvocationStateMachine()
        var parked: (connection: Int, sequence: Int, reply: Respond)?
        var processStart = 0
    }

    private let state = Mutex(State())
    private let recorder: ExchangeRecorder
    private let onEvent: @Sendable (ServerEvent) -> Void

    init(recorder: ExchangeRecorder, onEvent: @escaping @Sendable (ServerEvent) -> Void) {
        self.recorder = recorder
        self.onEvent = onEvent
    }

    var processStart: Int { state.withLock { $0.processStart } }

    /// Routes one complete request and replies, now or (for a parked `/next`) later.
    func handle(_ request: RecordedRequest, connection: Int, reply: @escaping Reply) {
        let route = Route(method: request.method, target: request.path)
        let sequence = recorder.record(request, connection: connection, processStart: processStart)
        let respond: Respond = { [recorder, onEvent] response, event in
            recorder.recordResponse(response.recorded, sequence: sequence)
            if let event { onEvent(event) }
            reply(response)
        }
        switch route {
        case .next:
            handleNext(connection: connection, sequence: sequence, respond: respond)
        case .response(let id):
            handleAnswer(.response, id: id, request: request, sequence: sequence, respond: respond)
        case .error(let id):
            handleAnswer(.error, id: id, request: request, sequence: sequence, respond: respond)
        case .initError:
            let action = state.withLock { $0.machine.initError() }
            let response = Self.response(for: action)
            respond(response, .initError(status: response.status))
        case .companion(let call):
            // Registration closes with the runtime's first /next (§5.1).
            let open = state.withLock { $0.machine.state == .started }
            if let response = CompanionAPI.response(to: call, request: request, registrationOpen: open) {
                respond(response, nil)
            }
        case .methodNotAllowed:
            respond(.text(405, "Method Not Allowed\n"), .badRequest(status: 405))
        case .notFound:
            respond(.text(404, RuntimeAPIErrorBody.notFound), .badRequest(status: 404))
        }
    }

    /// Records a request the HTTP parser rejected, and answers 400.
    func handleMalformed(_ request: RecordedRequest, connection: Int, reply: @escaping Reply) {
        let sequence = recorder.record(request, connection: connection, processStart: processStart)
        var response = MockResponse.json(400, RuntimeAPIErrorBody.badRequest)
        response.closeAfter = true
        recorder.recordResponse(response.recorded, sequence: sequence)
        onEvent(.badRequest(status: 400))
        reply(response)
    }

    private func handleNext(connection: Int, sequence: Int, respond: @escaping Respond) {
        let (action, abandoned) = state.withLock { state in
            let result = state.machine.next()
            if result.action == .park {
                state.parked = (connection, sequence, respond)
            }
            return result
        }
        onEvent(.nextPolled)
        if let abandoned { onEvent(.abandoned(requestID: abandoned)) }
        switch action {
        case .deliver(let invocation): deliver(invocation, with: respond)
        case .park: break
        case .forbidden(let body):
            respond(.json(403, body), .nextRejected(status: 403))
        }
    }

    private func handleAnswer(
        _ kind: InvocationStateMachine.AnswerKind,
        id: String,
        request: RecordedRequest,
        sequence: Int,
        respond: Respond
    ) {
        let mode = request.headers.first(RuntimeAPIHeader.responseMode)
        let action = state.withLock {
            $0.machine.answer(kind, requestID: id, bodySize: request.body.count, responseMode: mode)
        }
        var response = Self.response(for: action)
        if action == .invalidRequestID {
            respond(response, .strayAnswer(requestID: id, status: response.status))
            return
        }
        if let status = answerFault(for: id) {
            response = Self.faultResponse(status: status)
        }
        respond(response, .answered(requestID: id, kind: kind.rawValue, status: response.status, sequence: sequence))
    }

    /// The engine's answer-status fault for `id`, remembered from delivery.
    private func answerFault(for id: String) -> Int? {
        answerFaults.withLock { $0[id] }
    }

    private let answerFaults = Mutex<[String: Int]>([:])

    private func deliver(_ invocation: PreparedInvocation, with respond: Respond) {
        if let status = invocation.fault?.answerStatus {
            answerFaults.withLock { $0[invocation.requestID] = status }
        }
        if let status = invocation.fault?.nextStatus {
            respond(Self.faultResponse(status: status), .nextRejected(status: status))
            return
        }
        var response = MockResponse(status: 200, headers: invocation.headers, body: invocation.body)
        response.closeMidResponse = invocation.fault?.closeMidResponse ?? false
        respond(response, .delivered(requestID: invocation.requestID))
    }

    /// Queues an invocation; delivered at once when a `/next` is parked.
    func enqueue(_ invocation: PreparedInvocation) {
        let (action, parked) = state.withLock { state in
            let action = state.machine.enqueue(invocation)
            let parked = state.parked
            if case .deliverToParked = action { state.parked = nil }
            return (action, parked)
        }
        if case .deliverToParked(let invocation) = action, let parked {
            deliver(invocation, with: parked.reply)
        }
    }

    /// A connection closed: a `/next` parked on it is withdrawn.
    func connectionClosed(_ connection: Int) {
        state.withLock { state in
            if state.parked?.connection == connection {
                state.parked = nil
                state.machine.withdrawParkedNext()
            }
        }
    }

    /// A new bootstrap process starts; the previous one's parked `/next` is forgotten.
    func processStarted(_ start: Int) {
        state.withLock { state in
            state.processStart = start
            state.parked = nil
            state.machine.processStarted()
        }
    }

    /// True when a `/next` is waiting for an invocation.
    var isPolling: Bool { state.withLock { $0.parked != nil } }

    private static func response(for action: InvocationStateMachine.AnswerAction) -> MockResponse {
        switch action {
        case .accepted: .json(202, RuntimeAPIErrorBody.accepted)
        case .invalidRequestID: .json(400, RuntimeAPIErrorBody.invalidRequestID)
        case .forbidden(let body): .json(403, body)
        case .tooLarge: .json(413, RuntimeAPIErrorBody.tooLarge)
        case .invalidResponseMode: .json(400, RuntimeAPIErrorBody.invalidResponseMode)
        }
    }

    private static func faultResponse(status: Int) -> MockResponse {
        var response = plainFaultResponse(status: status)
        response.injected = true
        return response
    }

    private static func plainFaultResponse(status: Int) -> MockResponse {
        switch status {
        case 500: .json(500, RuntimeAPIErrorBody.internalServerError)
        case 400: .json(400, RuntimeAPIErrorBody.invalidRequestID)
        case 403: .json(403, RuntimeAPIErrorBody.invalidStateTransition(from: "Running", to: "InvocationResponse"))
        case 413: .json(413, RuntimeAPIErrorBody.tooLarge)
        default: .json(status, #"{"errorMessage":"Injected fault","errorType":"InjectedFault"}"# + "\n")
        }
    }
}
