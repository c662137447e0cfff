import ConformanceModel
import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// Connections that go away, and shutting the server down.
@Suite("RuntimeAPIServer copes with closed connections and shuts down cleanly", .timeLimit(.minutes(1)))
struct ServerLifecycleTests {
    private struct Boom: Error {}

    @Test("A parked /next whose connection the client closes is withdrawn; the invocation waits for the next poll")
    func parkedNextWithdrawnOnClose() async throws {
        try await withRecordingServer { server, events in
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                try #require(await events.waitFor(.nextPolled))
                #expect(server.isPolling)
            }
            #expect(await eventually { !server.isPolling })

            server.enqueue(Fixture.invocation())
            #expect(!events.all.contains(.delivered(requestID: Fixture.requestID)))
            let next = try await LoopbackHTTPClient.exchange(port: server.port, Wire.next())
            #expect(next.status == 200)
            #expect(server.recorder.exchanges.map { $0.response?.status } == [nil, 200])
        }
    }

    @Test("A connection reset under a parked /next withdraws it and is not recorded as a malformed request")
    func parkedNextWithdrawnOnReset() async throws {
        try await withRecordingServer { server, events in
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                try #require(await events.waitFor(.nextPolled))
                try await connection.reset()
            }
            #expect(await eventually { !server.isPolling })
            // Give a wrongly reported reset the same chance to show up as a real one would have had.
            _ = try await LoopbackHTTPClient.exchange(port: server.port, Wire.request("GET", "/sync", body: nil))
            #expect(await events.waitFor(.badRequest(status: 404)))
            #expect(events.all == [.nextPolled, .badRequest(status: 404)])
            #expect(server.recorder.exchanges.map(\.request.path) == [RuntimeAPIPath.next, "/sync"])
            #expect(server.recorder.exchanges.allSatisfy { $0.request.malformed == nil })
        }
    }

    @Test("shutdown() closes a parked /next's connection and stops listening; a second shutdown is harmless")
    func shutdownClosesParkedConnection() async throws {
        let events = EventLog<ServerEvent>()
        let server = try await RuntimeAPIServer.start(elapsedMs: { 0 }, onEvent: { events.append($0) })
        try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
            try await connection.send(Wire.next())
            try #require(await events.waitFor(.nextPolled))
            await server.shutdown()
            #expect(try await connection.readUntilClosed().isEmpty)
        }
        #expect(await eventually { !server.isPolling })
        await #expect(throws: (any Error).self) {
            try await LoopbackHTTPClient.exchange(port: server.port, Wire.next(), timeout: .seconds(2))
        }
        await server.shutdown()
    }

    @Test("withServer shuts the server down when its body throws, closing open connections")
    func withServerShutsDownOnThrow() async throws {
        let ports = EventLog<Int>()
        let events = EventLog<ServerEvent>()
        let parked = EventLog<Task<[UInt8], any Error>>()
        await #expect(throws: Boom.self) {
            try await RuntimeAPIServer.withServer(onEvent: { events.append($0) }) { server in
                ports.append(server.port)
                let port = server.port
                parked.append(
                    Task {
                        try await LoopbackHTTPClient.withConnection(port: port) { connection in
                            try await connection.send(Wire.next())
                            return try await connection.readUntilClosed()
                        }
                    })
                try #require(await events.waitFor(.nextPolled))
                throw Boom()
            }
        }
        let task = try #require(parked.all.first)
        #expect(try await task.value.isEmpty)
        let port = try #require(ports.all.first)
        await #expect(throws: (any Error).self) {
            try await LoopbackHTTPClient.exchange(port: port, Wire.next(), timeout: .seconds(2))
        }
    }

    @Test("withServer returns its body's result and binds a fresh ephemeral port each time")
    func withServerReturnsResult() async throws {
        let first = try await RuntimeAPIServer.withServer { $0.port }
        let second = try await RuntimeAPIServer.withServer { server in
            #expect(server.address == "127.0.0.1:\(server.port)")
            return server.port
        }
        #expect(first > 0)
        #expect(second > 0)
    }
}
