import ConformanceModel
import ConformanceTestSupport
import Testing

@testable import MockRuntimeAPI

/// The invoke endpoint of `lambdaspec serve` over a real socket: routing, framing and what reaches the handler.
@Suite("InvokeEndpoint takes Invoke API requests on 127.0.0.1", .timeLimit(.minutes(1)))
struct InvokeEndpointTests {
    /// Starts an endpoint on an ephemeral port whose handler logs each request and answers `answer`.
    private func withEndpoint(
        payloadLimit: Int = InvokeEndpoint.payloadLimit,
        answer: @escaping @Sendable (InvokeRequest) async -> InvokeResponse = { _ in .json(200, #"{"ok":true}"#) },
        _ body: (InvokeEndpoint, EventLog<InvokeRequest>) async throws -> Void
    ) async throws {
        let requests = EventLog<InvokeRequest>()
        let endpoint = try await InvokeEndpoint.start(port: 0, payloadLimit: payloadLimit) { request in
            requests.append(request)
            return await answer(request)
        }
        do {
            try await body(endpoint, requests)
            await endpoint.shutdown()
        } catch {
            await endpoint.shutdown()
            throw error
        }
    }

    private func post(_ target: String = InvokeEndpoint.path, headers: [String] = [], body: String) -> String {
        Wire.request("POST", target, headers: headers, body: body)
    }

    @Test("A POST to RIE's invoke path reaches the handler with its body and headers; its answer is written back")
    func postReachesHandler() async throws {
        let answer = InvokeResponse(
            status: 200,
            headers: [
                HeaderField(name: "Content-Type", value: "text/plain"),
                .init(name: "X-Amz-Function-Error", value: "Unhandled"),
            ],
            body: Array("result".utf8)
        )
        try await withEndpoint(answer: { _ in answer }) { endpoint, requests in
            #expect(endpoint.port > 0)
            #expect(endpoint.url == "http://127.0.0.1:\(endpoint.port)/2015-03-31/functions/function/invocations")
            let response = try await LoopbackHTTPClient.exchange(
                port: endpoint.port, post(headers: ["X-Amzn-Trace-Id: Root=1-a-b"], body: #"{"op":"echo"}"#))
            #expect(response.status == 200)
            #expect(response.bodyText == "result")
            #expect(response.header("Content-Type") == "text/plain")
            #expect(response.header("X-Amz-Function-Error") == "Unhandled")
            #expect(response.header("Content-Length") == "6")
            let request = try #require(requests.all.first)
            #expect(requests.all.count == 1)
            #expect(request.functionName == "function")
            #expect(request.qualifier == nil)
            #expect(String(decoding: request.body, as: UTF8.self) == #"{"op":"echo"}"#)
            #expect(request.header("x-amzn-trace-id") == "Root=1-a-b")
        }
    }

    @Test("Any function name and a Qualifier query work, as the AWS CLI with --endpoint-url sends them")
    func functionNameAndQualifier() async throws {
        try await withEndpoint { endpoint, requests in
            let response = try await LoopbackHTTPClient.exchange(
                port: endpoint.port, post("/2015-03-31/functions/my-function/invocations?Qualifier=live", body: "{}"))
            #expect(response.status == 200)
            #expect(requests.all.first?.functionName == "my-function")
            #expect(requests.all.first?.qualifier == "live")
        }
    }

    @Test("GET / and unknown paths get 404 with a text naming the path to POST to; the handler is not called")
    func unknownPathsAre404() async throws {
        try await withEndpoint { endpoint, requests in
            for request in [
                Wire.request("GET", "/", body: nil),
                post("/2018-06-01/runtime/invocation/next", body: "{}"),
                post("/2015-03-31/functions//invocations", body: "{}"),
            ] {
                let response = try await LoopbackHTTPClient.exchange(port: endpoint.port, request)
                #expect(response.status == 404)
                #expect(response.bodyText.contains("POST /2015-03-31/functions/function/invocations"))
            }
            #expect(requests.all.isEmpty)
        }
    }

    @Test("Another method on the invoke path gets 405 with Allow: POST")
    func otherMethodIs405() async throws {
        try await withEndpoint { endpoint, requests in
            let response = try await LoopbackHTTPClient.exchange(
                port: endpoint.port, Wire.request("GET", InvokeEndpoint.path, body: nil))
            #expect(response.status == 405)
            #expect(response.header("Allow") == "POST")
            #expect(requests.all.isEmpty)
        }
    }

    @Test("A body above the payload limit gets Lambda's 413 and never reaches the handler")
    func oversizedBodyIs413() async throws {
        try await withEndpoint(payloadLimit: 16) { endpoint, requests in
            let response = try await LoopbackHTTPClient.exchange(
                port: endpoint.port, post(body: #"{"payload":"more than sixteen bytes"}"#))
            #expect(response.status == 413)
            #expect(response.header("X-Amzn-ErrorType") == "RequestEntityTooLargeException")
            #expect(response.bodyText.contains("Request must be smaller than 16 bytes"))
            let small = try await LoopbackHTTPClient.exchange(port: endpoint.port, post(body: "{}"))
            #expect(small.status == 200)
            #expect(requests.all.count == 1)
        }
    }

    @Test("Expect: 100-continue gets an interim 100 before the final answer, as curl expects for larger bodies")
    func expectContinue() async throws {
        try await withEndpoint { endpoint, _ in
            try await LoopbackHTTPClient.withConnection(port: endpoint.port) { connection in
                let body = "{}"
                try await connection.send(
                    "POST \(InvokeEndpoint.path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n"
                        + "Expect: 100-continue\r\n\r\n")
                let interim = try await connection.readResponse()
                #expect(interim.status == 100)
                try await connection.send(body)
                let final = try await connection.readResponse()
                #expect(final.status == 200)
            }
        }
    }

    @Test("Requests on one keep-alive connection are answered in order; Connection: close ends the connection")
    func keepAliveInOrder() async throws {
        try await withEndpoint(answer: { .json(200, String(decoding: $0.body, as: UTF8.self)) }) { endpoint, _ in
            try await LoopbackHTTPClient.withConnection(port: endpoint.port) { connection in
                try await connection.send(post(body: "1") + post(body: "2"))
                #expect(try await connection.readResponse().bodyText == "1")
                #expect(try await connection.readResponse().bodyText == "2")
                try await connection.send(post(headers: ["Connection: close"], body: "3"))
                let last = try await connection.readResponse()
                #expect(last.bodyText == "3")
                #expect(last.header("Connection") == "close")
                #expect(try await connection.readUntilClosed().isEmpty)
            }
        }
    }

    @Test("Concurrent connections reach the handler concurrently; serialising is the handler's choice")
    func concurrentConnections() async throws {
        let gate = EventLog<Int>()
        try await withEndpoint(answer: { request in
            gate.append(1)
            _ = await gate.waitUntil { $0.count >= 2 }
            return .json(200, String(decoding: request.body, as: UTF8.self))
        }) { endpoint, _ in
            async let first = LoopbackHTTPClient.exchange(port: endpoint.port, post(body: "1"))
            async let second = LoopbackHTTPClient.exchange(port: endpoint.port, post(body: "2"))
            let bodies = try await [first.bodyText, second.bodyText]
            #expect(bodies == ["1", "2"])
        }
    }

    @Test("shutdown() closes idle keep-alive connections and stops listening")
    func shutdownClosesEverything() async throws {
        let endpoint = try await InvokeEndpoint.start(port: 0) { _ in .json(200, "{}") }
        try await LoopbackHTTPClient.withConnection(port: endpoint.port) { connection in
            try await connection.send(post(body: "{}"))
            #expect(try await connection.readResponse().status == 200)
            await endpoint.shutdown()
            #expect(try await connection.readUntilClosed().isEmpty)
        }
        await #expect(throws: (any Error).self) {
            try await LoopbackHTTPClient.exchange(port: endpoint.port, post(body: "{}"), timeout: .seconds(2))
        }
    }

    @Test("Routes: only /2015-03-31/functions/<name>/invocations is the invoke path")
    func routes() {
        #expect(
            InvokeRoute(method: "POST", target: InvokeEndpoint.path)
                == .invoke(functionName: "function", qualifier: nil))
        #expect(
            InvokeRoute(method: "POST", target: "/2015-03-31/functions/f/invocations?a=b&Qualifier=3")
                == .invoke(functionName: "f", qualifier: "3"))
        #expect(InvokeRoute(method: "PUT", target: InvokeEndpoint.path) == .methodNotAllowed)
        #expect(InvokeRoute(method: "POST", target: "/2015-03-31/functions/f/invocations/x") == .notFound)
        #expect(InvokeRoute(method: "POST", target: "/2015-03-31/functions/a/b/invocations") == .notFound)
        #expect(InvokeRoute(method: "GET", target: "/") == .notFound)
    }
}
