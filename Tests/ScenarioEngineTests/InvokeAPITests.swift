import ConformanceModel
import Foundation
import LambdaSandbox
import MockRuntimeAPI
import Testing

@testable import ScenarioEngine

/// How `lambdaspec serve` reads an Invoke API request and phrases each outcome for the caller (runtime-api.md §1.9).
@Suite("Invoke API requests and answers of an interactive session")
struct InvokeAPITests {
    private func request(_ body: String = "{}", headers: [(String, String)] = []) -> InvokeRequest {
        InvokeRequest(headers: headers.map { HeaderField(name: $0.0, value: $0.1) }, body: Array(body.utf8))
    }

    private func exchange(
        _ sequence: Int, _ path: String, body: String, headers: [HeaderField] = [], trailers: [HeaderField]? = nil,
        processStart: Int = 1
    ) -> RecordedExchange {
        RecordedExchange(
            sequence: sequence, connection: 1, processStart: processStart,
            request: RecordedRequest(
                method: "POST", path: path, headers: headers, body: Array(body.utf8), trailers: trailers),
            response: RecordedResponse(status: 202, headers: [], body: []), receivedAtMs: 1, respondedAtMs: 2)
    }

    private func answer(
        _ record: InvocationRecord, exchanges: [RecordedExchange] = [], timeoutMs: Int = 3000,
        exit: LambdaSandbox.ExitStatus? = nil
    ) -> InvokeResponse {
        InvokeAPIAnswer.response(
            for: record, .init(exchanges: exchanges, timeoutMs: timeoutMs, exitStatus: { _ in exit }))
    }

    @Test("Trace, tenant and base64 client context headers become the /next headers; the request id is fixed early")
    func headersForwarded() throws {
        let context = Data(#"{"custom":{"a":1}}"#.utf8).base64EncodedString()
        let accepted = try InvokeAPIRequest(
            request(headers: [
                ("X-Amzn-Trace-Id", "Root=1-a-b"), ("X-Amz-Tenant-Id", "t1"), ("X-Amz-Client-Context", context),
            ]),
            requestID: "id-1")
        #expect(accepted.type == .requestResponse)
        #expect(
            accepted.invocation.headers == [
                "requestId": .string("id-1"), "traceId": .string("Root=1-a-b"), "tenantId": .string("t1"),
                "clientContext": .string(#"{"custom":{"a":1}}"#),
            ])
        #expect(accepted.invocation.rawEvent == "{}")
        let plain = try InvokeAPIRequest(request(), requestID: "id-2")
        #expect(plain.invocation.headers == ["requestId": .string("id-2")])
    }

    @Test("A client context from `echo … | base64` loses its newline; one with inner line breaks is re-serialised")
    func clientContextLineBreaks() throws {
        #expect(try InvokeAPIRequest.clientContext(base64("{\"a\":1}\n")) == #"{"a":1}"#)
        #expect(try InvokeAPIRequest.clientContext(base64("{\n  \"a\": 1\n}\n")) == #"{"a":1}"#)
    }

    @Test("Invalid base64, a non-object client context, a non-JSON body or an unknown invocation type get 400")
    func rejections() {
        let bad: [InvokeRequest] = [
            request(headers: [("X-Amz-Client-Context", "%%%")]),
            request(headers: [("X-Amz-Client-Context", base64("[1]"))]),
            request(headers: [("X-Amz-Client-Context", String(repeating: "e30=", count: 1000))]),
            request("not json"),
            request(headers: [("X-Amz-Invocation-Type", "Sometimes")]),
        ]
        for invalid in bad {
            let rejection = #expect(throws: InvokeAPIRequest.Rejection.self) { try InvokeAPIRequest(invalid) }
            #expect(rejection?.response.status == 400)
            #expect(rejection?.response.header("X-Amzn-ErrorType") != nil)
        }
        #expect(throws: Never.self) { try InvokeAPIRequest(request("")) }
        #expect(throws: Never.self) { try InvokeAPIRequest(request(#""a JSON string""#)) }
    }

    @Test("A response is the runtime's body with its Content-Type, status 200 and no function error")
    func responsePassesThrough() {
        let posted = exchange(
            3, RuntimeAPIPath.response("req-1"), body: "hi", headers: [.init(name: "Content-Type", value: "text/plain")]
        )
        let response = answer(invocationRecord(.response, answerSequence: 3), exchanges: [posted])
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hi")
        #expect(response.header("Content-Type") == "text/plain")
        #expect(response.header("X-Amz-Function-Error") == nil)
        #expect(response.header("X-Amzn-RequestId") == "req-1")
    }

    @Test("An /error body is handed over verbatim with X-Amz-Function-Error: Unhandled")
    func errorVerbatim() {
        let body = #"{"errorMessage":"boom","errorType":"E","stackTrace":[]}"#
        let posted = exchange(2, RuntimeAPIPath.error("req-1"), body: body)
        let response = answer(invocationRecord(.error, answerSequence: 2), exchanges: [posted])
        #expect(response.status == 200)
        #expect(response.header("X-Amz-Function-Error") == "Unhandled")
        #expect(String(decoding: response.body, as: UTF8.self) == body)
    }

    @Test("A streamed response that failed in its trailers becomes the trailer's error payload")
    func streamTrailerError() {
        let error = #"{"errorType":"S","errorMessage":"mid-stream"}"#
        let posted = exchange(
            1, RuntimeAPIPath.response("req-1"), body: "chunk",
            trailers: [
                .init(name: RuntimeAPIHeader.functionErrorType, value: "S"),
                .init(name: RuntimeAPIHeader.functionErrorBody, value: base64(error)),
            ])
        let response = answer(invocationRecord(.response, answerSequence: 1), exchanges: [posted])
        #expect(response.header("X-Amz-Function-Error") == "Unhandled")
        #expect(String(decoding: response.body, as: UTF8.self) == error)
    }

    @Test("A timeout reads `Task timed out after N.NN seconds` with errorType Sandbox.Timedout")
    func timeoutMessage() {
        let response = answer(invocationRecord(.timeout), timeoutMs: 1500)
        #expect(response.header("X-Amz-Function-Error") == "Unhandled")
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out after 1.50 seconds"}"#)
    }

    @Test("A crash is Runtime.ExitError in RAPID's words: exit status N, signal: aborted, or no reason for 0")
    func crashWording() {
        let cases: [(LambdaSandbox.ExitStatus?, String)] = [
            (.exited(3), "Runtime exited with error: exit status 3"),
            (.signalled(6), "Runtime exited with error: signal: aborted"),
            (.signalled(11), "Runtime exited with error: signal: segmentation fault"),
            (.exited(0), "Runtime exited without providing a reason"),
            (nil, "Runtime exited without providing a reason"),
        ]
        for (status, reason) in cases {
            let response = answer(invocationRecord(.crash), exit: status)
            #expect(
                String(decoding: response.body, as: UTF8.self)
                    == #"{"errorType":"Runtime.ExitError","errorMessage":"RequestId: req-1 Error: \#(reason)"}"#)
        }
    }

    @Test("A failed suppressed init serves the runtime's /init/error payload, or Runtime.ExitError if it just exited")
    func initFailures() {
        var record = invocationRecord(
            .notDelivered, answeredAtMs: nil, answerStatus: nil, reinit: true, processStart: 2)
        record.initRecord = InitRecord(processStart: 2, outcome: .initError, startedAtMs: 0, endedAtMs: 5)
        let report = #"{"errorType":"Probe.InitFailed","errorMessage":"no"}"#
        let exchanges = [
            exchange(0, RuntimeAPIPath.initError, body: "old", processStart: 1),
            exchange(1, RuntimeAPIPath.initError, body: report, processStart: 2),
        ]
        let served = answer(record, exchanges: exchanges)
        #expect(served.header("X-Amz-Function-Error") == "Unhandled")
        #expect(String(decoding: served.body, as: UTF8.self) == report)

        record.initRecord?.outcome = .exited
        let exited = answer(record, exit: .exited(1))
        #expect(String(decoding: exited.body, as: UTF8.self).contains("Runtime exited with error: exit status 1"))

        record.initRecord?.outcome = .timeout
        let slow = answer(record, timeoutMs: 500)
        #expect(String(decoding: slow.body, as: UTF8.self).contains("Task timed out after 0.50 seconds"))
    }
}
