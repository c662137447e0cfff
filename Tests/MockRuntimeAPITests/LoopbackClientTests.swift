import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// The test client's own guarantees, which every socket test above relies on.
@Suite("LoopbackHTTPClient never lets a test hang", .timeLimit(.minutes(1)))
struct LoopbackClientTests {
    @Test("A read that outlasts its deadline throws timedOut and closes the connection")
    func readDeadline() async throws {
        try await withRecordingServer { server, events in
            let started = ContinuousClock.now
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                try #require(await events.waitFor(.nextPolled))
                await #expect(throws: LoopbackClientError.timedOut(operation: "readResponse")) {
                    try await connection.readResponse(timeout: .milliseconds(200))
                }
                #expect(connection.isClosed)
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            // The server saw the deadline's close like any client close: the parked /next is withdrawn.
            #expect(await eventually { !server.isPolling })
        }
    }

    @Test("Several responses on one connection are split one by one at their Content-Length")
    func framing() async throws {
        try await withRecordingServer { server, _ in
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                let notFound = Wire.request("GET", "/a", body: nil)
                try await connection.send(notFound + notFound + notFound)
                for _ in 0..<3 {
                    let answer = try await connection.readResponse()
                    #expect(answer.status == 404)
                    #expect(answer.isComplete)
                    #expect(answer.raw.count == answer.rawText.utf8.count)
                }
            }
        }
    }
}
