import ConformanceModel
import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// The Runtime API conversation over a real socket, compared byte for byte with runtime-api.md §1.1–§1.5.
@Suite("RuntimeAPIServer serves the Runtime API conversation", .timeLimit(.minutes(1)))
struct ServerHappyPathTests {
    @Test("The canonical happy path of §1.1 is answered byte for byte")
    func canonicalHappyPath() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                let next = try await connection.readResponse()
                #expect(
                    next.rawText == """
                        HTTP/1.1 200 OK\r
                        Content-Type: application/json\r
                        Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r
                        Lambda-Runtime-Deadline-Ms: 1542409706888\r
                        Lambda-Runtime-Invoked-Function-Arn: \(Fixture.functionARN)\r
                        Lambda-Runtime-Trace-Id: \(Fixture.traceID)\r
                        Content-Length: 15\r
                        \r
                        {"key":"value"}
                        """)

                try await connection.send(Wire.response(body: #""SUCCESS""#))
                let accepted = try await connection.readResponse()
                #expect(
                    accepted.rawText == """
                        HTTP/1.1 202 Accepted\r
                        Content-Type: application/json\r
                        Content-Length: 16\r
                        \r
                        {"status":"OK"}

                        """)
            }
            let expected: [ServerEvent] = [
                .nextPolled, .delivered(requestID: Fixture.requestID),
                .answered(requestID: Fixture.requestID, kind: "response", status: 202, sequence: 1),
            ]
            #expect(await events.waitUntil { $0.count >= expected.count })
            #expect(events.all == expected)

            let exchanges = server.recorder.exchanges
            try #require(exchanges.count == 2)
            #expect(exchanges.map(\.request.method) == ["GET", "POST"])
            #expect(exchanges[0].request.path == RuntimeAPIPath.next)
            #expect(exchanges[0].response?.status == 200)
            #expect(exchanges[0].response?.bodyText == Fixture.event)
            #expect(exchanges[1].request.path == RuntimeAPIPath.response(Fixture.requestID))
            #expect(exchanges[1].request.bodyText == #""SUCCESS""#)
            #expect(exchanges[1].request.headers.first("content-type") == "application/json")
            #expect(exchanges[1].response?.bodyText == Fixture.accepted)
            #expect(exchanges.allSatisfy { $0.response?.fault == nil })
        }
    }

    @Test("A parked /next is answered when enqueue is called later")
    func parkedNextAnsweredOnEnqueue() async throws {
        try await withRecordingServer { server, events in
            #expect(!server.isPolling)
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                try #require(await events.waitFor(.nextPolled))
                #expect(server.isPolling)
                #expect(server.recorder.exchanges.first?.response == nil)

                server.enqueue(Fixture.invocation())
                let next = try await connection.readResponse()
                #expect(next.status == 200)
                #expect(next.header(RuntimeAPIHeader.requestID) == Fixture.requestID)
                #expect(next.bodyText == Fixture.event)
                #expect(!server.isPolling)
            }
            #expect(await events.waitFor(.delivered(requestID: Fixture.requestID)))
            #expect(events.all == [.nextPolled, .delivered(requestID: Fixture.requestID)])
            #expect(server.recorder.exchanges.first?.response?.status == 200)
        }
    }

    @Test("/error for the invocation in flight is accepted with 202, whatever its body")
    func errorAccepted() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                let body = #"{"errorType":"Probe.Failed","errorMessage":"boom"}"#
                try await connection.send(
                    Wire.error(body: body, headers: ["Lambda-Runtime-Function-Error-Type: Probe.Failed"])
                )
                let answer = try await connection.readResponse()
                #expect(answer.status == 202)
                #expect(answer.bodyText == Fixture.accepted)
            }
            #expect(
                await events.waitFor(.answered(requestID: Fixture.requestID, kind: "error", status: 202, sequence: 1)))
            let recorded = try #require(server.recorder.exchanges.last)
            #expect(recorded.request.headers.first(RuntimeAPIHeader.functionErrorType) == "Probe.Failed")
        }
    }

    @Test("A second /response is 403 with RAPID's exact message, and an unknown id is 400")
    func forbiddenAndStrayAnswers() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.response(body: "1"))
                #expect(try await connection.readResponse().status == 202)

                try await connection.send(Wire.response(body: "2"))
                let second = try await connection.readResponse()
                #expect(second.status == 403)
                #expect(second.statusLine == "HTTP/1.1 403 Forbidden")
                #expect(second.header("Content-Type") == "application/json")
                #expect(second.bodyText == Fixture.secondResponseForbidden)

                try await connection.send(Wire.error(body: "{}"))
                #expect(try await connection.readResponse().bodyText == Fixture.errorAfterResponseForbidden)

                try await connection.send(Wire.response("not-the-id", body: "3"))
                let stray = try await connection.readResponse()
                #expect(stray.status == 400)
                #expect(stray.bodyText == Fixture.invalidRequestID)
            }
            #expect(await events.waitFor(.strayAnswer(requestID: "not-the-id", status: 400)))
            #expect(
                events.all.contains(.answered(requestID: Fixture.requestID, kind: "response", status: 403, sequence: 2))
            )
            #expect(
                events.all.contains(.answered(requestID: Fixture.requestID, kind: "error", status: 403, sequence: 3)))
        }
    }

    @Test("/init/error before any /next is 202, and the /next after it is 403 InitError → Ready")
    func initErrorThenNext() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                let body = #"{"errorType":"Probe.InitFailed","errorMessage":"no"}"#
                try await connection.send(Wire.initError(body: body))
                let accepted = try await connection.readResponse()
                #expect(accepted.status == 202)
                #expect(accepted.bodyText == Fixture.accepted)

                try await connection.send(Wire.next())
                let next = try await connection.readResponse()
                #expect(next.status == 403)
                #expect(next.bodyText == Fixture.nextAfterInitErrorForbidden)
            }
            let expected: [ServerEvent] = [.initError(status: 202), .nextPolled, .nextRejected(status: 403)]
            #expect(await events.waitUntil { $0.count >= expected.count })
            #expect(events.all == expected)
            #expect(!server.isPolling)
        }
    }

    @Test("/next while the event is unanswered reports the invocation abandoned and parks")
    func abandonedInvocation() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.next())
                #expect(await events.waitFor(.abandoned(requestID: Fixture.requestID)))
                #expect(server.isPolling)
            }
            #expect(
                events.all == [
                    .nextPolled, .delivered(requestID: Fixture.requestID), .nextPolled,
                    .abandoned(requestID: Fixture.requestID),
                ])
        }
    }

    @Test("Buffered bodies: 6,291,556 bytes are accepted, 6,291,557 get 413 and /error is still accepted")
    func payloadSizeLimit() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation("exact"))
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.response("exact", body: String(repeating: "x", count: 6_291_556)))
                #expect(try await connection.readResponse().status == 202)

                server.enqueue(Fixture.invocation("over"))
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.response("over", body: String(repeating: "x", count: 6_291_557)))
                let tooLarge = try await connection.readResponse()
                #expect(tooLarge.status == 413)
                #expect(tooLarge.bodyText == Fixture.tooLarge)

                let error = #"{"errorType":"Function.ResponseSizeTooLarge","errorMessage":"too big"}"#
                try await connection.send(Wire.error("over", body: error))
                #expect(try await connection.readResponse().status == 202)
            }
            #expect(await events.waitFor(.answered(requestID: "over", kind: "error", status: 202, sequence: 4)))
            #expect(events.all.contains(.answered(requestID: "over", kind: "response", status: 413, sequence: 3)))
            #expect(server.recorder.exchanges.map { $0.request.body.count }.max() == 6_291_557)
        }
    }

    @Test("Response mode `streaming` is accepted beyond 6 MiB; `buffered` and `Streaming` are 400")
    func responseModes() async throws {
        try await withRecordingServer { server, _ in
            let modeHeader = RuntimeAPIHeader.responseMode
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                server.enqueue(Fixture.invocation("big"))
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                let big = String(repeating: "y", count: 6_291_557)
                try await connection.send(Wire.response("big", body: big, headers: ["\(modeHeader): streaming"]))
                #expect(try await connection.readResponse().status == 202)

                for mode in ["buffered", "Streaming"] {
                    server.enqueue(Fixture.invocation(mode))
                    try await connection.send(Wire.next())
                    _ = try await connection.readResponse()
                    try await connection.send(Wire.response(mode, body: "{}", headers: ["\(modeHeader): \(mode)"]))
                    let rejected = try await connection.readResponse()
                    #expect(rejected.status == 400)
                    #expect(
                        rejected.bodyText == """
                            {"errorMessage":"Invalid function response mode","errorType":"InvalidFunctionResponseMode"}

                            """)
                }

                server.enqueue(Fixture.invocation("empty"))
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.response("empty", body: "{}", headers: ["\(modeHeader):"]))
                #expect(try await connection.readResponse().status == 202)
            }
        }
    }
}
