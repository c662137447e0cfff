import ConformanceModel
import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// The exchange record that verdicts and reports are built from.
@Suite("RuntimeAPIServer records every exchange", .timeLimit(.minutes(1)))
struct ServerRecorderTests {
    @Test("Exchanges keep arrival order, connection numbers and increasing timestamps")
    func orderConnectionsAndTimestamps() async throws {
        try await withRecordingServer { server, _ in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(Wire.response(body: "1"))
                _ = try await connection.readResponse()
            }
            _ = try await LoopbackHTTPClient.exchange(port: server.port, Wire.request("GET", "/missing", body: nil))
            _ = try await LoopbackHTTPClient.exchange(port: server.port, Wire.initError(body: "{}"))

            let exchanges = server.recorder.exchanges
            #expect(exchanges.map(\.sequence) == [0, 1, 2, 3])
            #expect(exchanges.map(\.connection) == [1, 1, 2, 3])
            #expect(
                exchanges.map(\.request.path) == [
                    RuntimeAPIPath.next, RuntimeAPIPath.response(Fixture.requestID), "/missing",
                    RuntimeAPIPath.initError,
                ])
            #expect(exchanges.map { $0.response?.status } == [200, 202, 404, 403])
            var previous = 0.0
            for exchange in exchanges {
                let responded = try #require(exchange.respondedAtMs)
                #expect(exchange.receivedAtMs > previous)
                #expect(responded > exchange.receivedAtMs)
                previous = responded
            }
        }
    }

    @Test("A chunked POST is recorded with `chunked`, its reassembled body and its trailers")
    func chunkedBodyAndTrailers() async throws {
        try await withRecordingServer { server, events in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                try await connection.send(
                    "POST \(RuntimeAPIPath.response(Fixture.requestID)) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n"
                        + "5\r\nhello\r\n6\r\n world\r\n0\r\n"
                        + "Lambda-Runtime-Function-Error-Type: Probe.Failed\r\n"
                        + "Lambda-Runtime-Function-Error-Body: eyJlcnJvclR5cGUiOiJQcm9iZS5GYWlsZWQifQ==\r\n\r\n"
                )
                #expect(try await connection.readResponse().status == 202)
            }
            #expect(
                await events.waitFor(
                    .answered(requestID: Fixture.requestID, kind: "response", status: 202, sequence: 1)))
            let request = try #require(server.recorder.exchanges.last?.request)
            #expect(request.chunked)
            #expect(request.bodyText == "hello world")
            #expect(
                request.trailers == [
                    HeaderField(name: "Lambda-Runtime-Function-Error-Type", value: "Probe.Failed"),
                    HeaderField(
                        name: "Lambda-Runtime-Function-Error-Body", value: "eyJlcnJvclR5cGUiOiJQcm9iZS5GYWlsZWQifQ=="),
                ])
        }
    }

    @Test("A Content-Length POST is recorded as not chunked and without trailers")
    func contentLengthBody() async throws {
        try await withRecordingServer { server, _ in
            _ = try await LoopbackHTTPClient.exchange(port: server.port, Wire.initError(body: #"{"a":1}"#))
            let request = try #require(server.recorder.exchanges.first?.request)
            #expect(!request.chunked)
            #expect(request.trailers == nil || request.trailers == [])
            #expect(request.bodyText == #"{"a":1}"#)
            #expect(request.headers.first("Content-Length") == "7")
        }
    }

    @Test("Requests are stamped with the process start the engine announced last")
    func processStartStamp() async throws {
        try await withRecordingServer { server, _ in
            server.processStarted(1)
            _ = try await LoopbackHTTPClient.exchange(port: server.port, Wire.initError(body: "{}"))
            server.processStarted(2)
            // A fresh process is in Started again, so its /init/error is accepted too.
            let second = try await LoopbackHTTPClient.exchange(port: server.port, Wire.initError(body: "{}"))
            #expect(second.status == 202)
            #expect(server.recorder.exchanges.map(\.processStart) == [1, 2])
        }
    }
}
