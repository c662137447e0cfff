import ConformanceModel
import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// HTTP/1.1 connection handling: keep-alive, close, pipelining, `100-continue`, malformed bytes, unknown paths.
@Suite("RuntimeAPIServer handles HTTP/1.1 connections", .timeLimit(.minutes(1)))
struct ServerConnectionTests {
    @Test("Two requests on one keep-alive connection are answered on it, without Connection: close")
    func keepAlive() async throws {
        try await withRecordingServer { server, _ in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                let next = try await connection.readResponse()
                try await connection.send(Wire.response(body: "{}"))
                let accepted = try await connection.readResponse()
                #expect(next.header("Connection") == nil)
                #expect(accepted.header("Connection") == nil)
                #expect(accepted.status == 202)
                #expect(!connection.isClosed)
            }
            let exchanges = server.recorder.exchanges
            #expect(exchanges.map(\.connection) == [1, 1])
        }
    }

    @Test("A request with Connection: close is answered with Connection: close and the connection is closed")
    func connectionClose() async throws {
        try await withRecordingServer { server, _ in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next(extraHeaders: ["Connection: close"]))
                let next = try await connection.readResponse()
                #expect(next.status == 200)
                #expect(next.header("Connection") == "close")
                #expect(try await connection.readUntilClosed().isEmpty)
            }
            // One request per connection (Python's client style) still works on a fresh connection.
            let accepted = try await LoopbackHTTPClient.exchange(
                port: server.port,
                Wire.request(
                    "POST", RuntimeAPIPath.response(Fixture.requestID), headers: ["Connection: close"], body: "1")
            )
            #expect(accepted.status == 202)
            #expect(accepted.header("Connection") == "close")
            #expect(server.recorder.exchanges.map(\.connection) == [1, 2])
        }
    }

    @Test("An HTTP/1.0 request without keep-alive gets its answer and then the close")
    func http10ClosesAfterResponse() async throws {
        try await withRecordingServer { server, _ in
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send("GET /nowhere HTTP/1.0\r\n\r\n")
                let answer = try await connection.readResponse()
                #expect(answer.status == 404)
                #expect(answer.header("Connection") == "close")
                #expect(try await connection.readUntilClosed().isEmpty)
            }
            #expect(server.recorder.exchanges.first?.request.version == "HTTP/1.0")
        }
    }

    @Test("Pipelined requests written at once are answered in order")
    func pipelining() async throws {
        try await withRecordingServer { server, _ in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next() + Wire.response(body: "{}") + Wire.next())
                #expect(try await connection.readResponse().status == 200)
                #expect(try await connection.readResponse().status == 202)
                // The third request is a /next with nothing queued: it parks until an invocation comes.
                server.enqueue(Fixture.invocation("second"))
                let second = try await connection.readResponse()
                #expect(second.header(RuntimeAPIHeader.requestID) == "second")
            }
            #expect(server.recorder.exchanges.map { $0.response?.status } == [200, 202, 200])
        }
    }

    @Test("Expect: 100-continue gets an interim 100 Continue before the body is sent")
    func expectContinue() async throws {
        try await withRecordingServer { server, _ in
            server.enqueue(Fixture.invocation())
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(Wire.next())
                _ = try await connection.readResponse()
                let body = #""SUCCESS""#
                try await connection.send(
                    "POST \(RuntimeAPIPath.response(Fixture.requestID)) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n"
                )
                let interim = try await connection.readResponse()
                #expect(interim.rawText == "HTTP/1.1 100 Continue\r\n\r\n")
                try await connection.send(body)
                let accepted = try await connection.readResponse()
                #expect(accepted.status == 202)
            }
            #expect(server.recorder.exchanges.last?.request.bodyText == #""SUCCESS""#)
        }
    }

    @Test(
        "Malformed bytes are recorded as malformed, answered 400 and closed; other connections keep working",
        arguments: [
            "GARBAGE\r\n\r\n",
            "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nBad Header Line\r\n\r\n",
            "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: twelve\r\n\r\n",
        ])
    func malformedRequest(bytes: String) async throws {
        try await withRecordingServer { server, events in
            try await LoopbackHTTPClient.withConnection(port: server.port) { connection in
                try await connection.send(bytes)
                let answer = try await connection.readResponse()
                #expect(answer.status == 400)
                #expect(answer.header("Connection") == "close")
                #expect(
                    answer.bodyText == #"{"errorMessage":"Malformed HTTP request","errorType":"BadRequest"}"# + "\n")
                #expect(try await connection.readUntilClosed().isEmpty)
            }
            #expect(await events.waitFor(.badRequest(status: 400)))
            let recorded = try #require(server.recorder.exchanges.first)
            #expect(recorded.request.malformed != nil)
            #expect(recorded.request.body == Array(bytes.utf8))
            #expect(recorded.response?.status == 400)

            server.enqueue(Fixture.invocation())
            let next = try await LoopbackHTTPClient.exchange(port: server.port, Wire.next())
            #expect(next.status == 200)
            #expect(server.recorder.exchanges.map(\.connection) == [1, 2])
            #expect(server.recorder.exchanges.filter { $0.request.malformed != nil }.count == 1)
        }
    }

    @Test("An unknown path is 404 with Go's `404 page not found` body")
    func notFound() async throws {
        try await withRecordingServer { server, events in
            for target in ["/", "/2019-01-01/runtime/invocation/next", "/2018-06-01/runtime/invocation//response"] {
                let answer = try await LoopbackHTTPClient.exchange(
                    port: server.port, Wire.request("GET", target, body: nil))
                #expect(answer.status == 404)
                #expect(answer.statusLine == "HTTP/1.1 404 Not Found")
                #expect(answer.bodyText == "404 page not found\n")
            }
            #expect(await events.waitUntil { $0.count >= 3 })
            #expect(events.all == Array(repeating: .badRequest(status: 404), count: 3))
        }
    }

    @Test("A known path with the wrong method is 405, and a query string does not change routing")
    func methodNotAllowedAndQuery() async throws {
        try await withRecordingServer { server, events in
            let post = try await LoopbackHTTPClient.exchange(
                port: server.port, Wire.request("POST", RuntimeAPIPath.next, body: "{}")
            )
            #expect(post.status == 405)
            #expect(await events.waitFor(.badRequest(status: 405)))

            server.enqueue(Fixture.invocation())
            let next = try await LoopbackHTTPClient.exchange(
                port: server.port, Wire.request("GET", RuntimeAPIPath.next + "?trace=1", body: nil)
            )
            #expect(next.status == 200)
            #expect(server.recorder.exchanges.last?.request.path == RuntimeAPIPath.next + "?trace=1")
        }
    }
}
