import ConformanceModel
import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// `DeliveryFault`s: the mock breaks its own answers on purpose, and says so in the record.
@Suite("RuntimeAPIServer injects delivery faults", .timeLimit(.minutes(1)))
struct ServerFaultInjectionTests {
    @Test("nextStatus 500 answers /next with the InternalServerError body instead of the event")
    func nextStatus500() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation(fault: DeliveryFault(nextStatus: 500)))
            let answer = try await LoopbackHTTPClient.exchange(port: server.port, Wire.next())
            #expect(answer.statusLine == "HTTP/1.1 500 Internal Server Error")
            #expect(answer.header("Content-Type") == "application/json")
            #expect(answer.bodyText == Fixture.internalServerError)
            #expect(answer.header(RuntimeAPIHeader.requestID) == nil)

            #expect(await events.waitFor(.nextRejected(status: 500)))
            #expect(events.all == [.nextPolled, .nextRejected(status: 500)])
            let recorded = try #require(server.recorder.exchanges.first?.response)
            #expect(recorded.status == 500)
            #expect(recorded.fault != nil)
        }
    }

    @Test("nextStatus 500 also reaches a /next that was already parked")
    func nextStatus500WhenParked() async throws {
        try await withRecordingServer { server, events in
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                try #require(await events.waitFor(.nextPolled))
                server.enqueue(Fixture.invocation(fault: DeliveryFault(nextStatus: 500)))
                #expect(try await connection.readResponse().status == 500)
            }
        }
    }

    @Test("closeMidResponse sends the head and half the body, then closes")
    func closeMidResponse() async throws {
        try await withRecordingServer { server, events in
            let event = #"{"op":"echo","payload":"cut"}"#
            server.enqueue(Fixture.invocation(event: event, fault: DeliveryFault(closeMidResponse: true)))
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                let partial = try await connection.readResponse()
                #expect(partial.status == 200)
                #expect(partial.header("Content-Length") == "\(event.utf8.count)")
                #expect(!partial.isComplete)
                #expect(partial.body == Array(event.utf8.prefix(event.utf8.count / 2)))
                #expect(connection.isClosed)
            }
            #expect(await events.waitFor(.delivered(requestID: Fixture.requestID)))
            let recorded = try #require(server.recorder.exchanges.first?.response)
            #expect(recorded.fault == "closed mid-response (injected)")
        }
    }

    @Test("answerStatus 403 answers the runtime's /response with 403 and marks the recorded response as a fault")
    func answerStatus403() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation(fault: DeliveryFault(answerStatus: 403)))
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                #expect(try await connection.readResponse().status == 200)
                try await connection.send(Wire.response(body: #""SUCCESS""#))
                let answer = try await connection.readResponse()
                #expect(answer.status == 403)
                #expect(
                    answer.bodyText
                        == RuntimeAPIErrorBody.invalidStateTransition(from: "Running", to: "InvocationResponse"))
            }
            #expect(
                await events.waitFor(
                    .answered(requestID: Fixture.requestID, kind: "response", status: 403, sequence: 1)))
            let exchanges = server.recorder.exchanges
            try #require(exchanges.count == 2)
            #expect(exchanges[0].response?.fault == nil)
            #expect(exchanges[1].response?.status == 403)
            #expect(exchanges[1].response?.fault != nil)
        }
    }

    @Test("An answer fault does not hide a stray id: a wrong id is still 400 and not marked as a fault")
    func answerFaultLeavesStrayIDs() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation(fault: DeliveryFault(answerStatus: 500)))
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.response("someone-else", body: "{}"))
                #expect(try await connection.readResponse().status == 400)
                try await connection.send(Wire.response(body: "{}"))
                let injected = try await connection.readResponse()
                #expect(injected.status == 500)
                #expect(injected.bodyText == Fixture.internalServerError)
            }
            #expect(
                await events.waitFor(
                    .answered(requestID: Fixture.requestID, kind: "response", status: 500, sequence: 2)))
            #expect(server.recorder.exchanges.map { $0.response?.fault == nil } == [true, true, false])
        }
    }
}
