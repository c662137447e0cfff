import ConformanceModel
import ConformanceTestSupport
import Synchronization

@testable import MockRuntimeAPI

/// Invocations and request bytes shared by the suites; values are the canonical ones of runtime-api.md §1.1.
enum Fixture {
    static let requestID = "8476a536-e9f4-11e8-9739-2dfe598c3fcd"
    static let deadline = "1542409706888"
    static let functionARN = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime"
    static let traceID = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"
    static let event = #"{"key":"value"}"#

    /// The exact 403 bodies RAPID sends (§1.3, §1.4, §1.2, §1.5).
    static let secondResponseForbidden =
        #"{"errorMessage":"State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. "#
        + #"Error: State transition is not allowed","errorType":"InvalidStateTransition"}"# + "\n"
    static let errorAfterResponseForbidden =
        #"{"errorMessage":"State transition from RuntimeResponseSentState to InvocationErrorResponse failed for "#
        + #"runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}"# + "\n"
    static let nextAfterInitErrorForbidden =
        #"{"errorMessage":"State transition from InitError to Ready failed for runtime. Error: State transition is "#
        + #"not allowed","errorType":"InvalidStateTransition"}"# + "\n"
    static let accepted = #"{"status":"OK"}"# + "\n"
    static let invalidRequestID = #"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"# + "\n"
    static let internalServerError =
        #"{"errorMessage":"Internal Server Error","errorType":"InternalServerError"}"# + "\n"
    static let tooLarge =
        #"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","#
        + #""errorType":"RequestEntityTooLarge"}"# + "\n"

    /// `/next` headers in the order §1.1 shows them.
    static func headers(requestID: String = requestID) -> [HeaderField] {
        [
            HeaderField(name: "Content-Type", value: "application/json"),
            HeaderField(name: "Lambda-Runtime-Aws-Request-Id", value: requestID),
            HeaderField(name: "Lambda-Runtime-Deadline-Ms", value: deadline),
            HeaderField(name: "Lambda-Runtime-Invoked-Function-Arn", value: functionARN),
            HeaderField(name: "Lambda-Runtime-Trace-Id", value: traceID),
        ]
    }

    static func invocation(
        _ requestID: String = requestID,
        event: String = event,
        fault: DeliveryFault? = nil
    ) -> PreparedInvocation {
        PreparedInvocation(
            requestID: requestID,
            body: Array(event.utf8),
            headers: headers(requestID: requestID),
            fault: fault
        )
    }
}

/// Request bytes as a runtime would write them.
enum Wire {
    static func next(extraHeaders: [String] = []) -> String {
        request("GET", RuntimeAPIPath.next, headers: extraHeaders, body: nil)
    }

    static func response(_ requestID: String = Fixture.requestID, body: String, headers: [String] = []) -> String {
        request("POST", RuntimeAPIPath.response(requestID), headers: headers, body: body)
    }

    static func error(_ requestID: String = Fixture.requestID, body: String, headers: [String] = []) -> String {
        request("POST", RuntimeAPIPath.error(requestID), headers: headers, body: body)
    }

    static func initError(body: String) -> String {
        request("POST", RuntimeAPIPath.initError, headers: [], body: body)
    }

    /// A request with `Content-Length` framing; `headers` are whole lines without CRLF.
    static func request(_ method: String, _ target: String, headers: [String] = [], body: String?) -> String {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { text += header + "\r\n" }
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            text += "\r\n"
        }
        return text
    }
}

/// A scenario clock that advances 1 ms per reading, so every timestamp is distinct and ordered without real time.
final class TickingClock: Sendable {
    private let ticks = Atomic<Int>(0)

    func read() -> Double { Double(ticks.add(1, ordering: .relaxed).newValue) }
}

/// Runs `body` against a fresh server on an ephemeral port whose events go to a log; shuts it down afterwards.
func withRecordingServer<Result: Sendable>(
    _ body: (RuntimeAPIServer, EventLog<ServerEvent>) async throws -> Result
) async throws -> Result {
    let events = EventLog<ServerEvent>()
    let clock = TickingClock()
    return try await RuntimeAPIServer.withServer(elapsedMs: { clock.read() }, onEvent: { events.append($0) }) {
        try await body($0, events)
    }
}
