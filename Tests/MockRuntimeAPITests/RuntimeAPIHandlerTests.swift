import ConformanceModel
import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import MockRuntimeAPI

/// The Runtime API's channel pipeline on an `EmbeddedChannel`, as swift-nio tests its own handlers: raw request
/// bytes in, raw response bytes out, no sockets and no threads.
@Suite("The Runtime API handler, bytes in and bytes out")
struct RuntimeAPIHandlerTests {
    /// The pipeline `RuntimeAPIServer` installs on every accepted connection, with its broker and recorder.
    struct Pipeline {
        let channel = EmbeddedChannel()
        let recorder = ExchangeRecorder(elapsedMs: { 0 })
        let broker: InvocationBroker

        init() throws {
            broker = InvocationBroker(recorder: recorder, onEvent: { _ in })
            let tap = RawBytesTap()
            try channel.pipeline.syncOperations.addHandlers([
                tap,
                ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)),
                RuntimeAPIHandler(broker: broker, connection: 1, tap: tap),
            ])
        }

        func send(_ text: String) throws {
            try channel.writeInbound(channel.allocator.buffer(string: text))
            channel.embeddedEventLoop.run()
        }

        /// Everything written back so far, as text.
        func received() throws -> String {
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += String(buffer: buffer)
            }
            return text
        }
    }

    @Test("A /next with an invocation queued gets the event and Lambda's headers at once")
    func nextWithQueuedInvocation() throws {
        let pipeline = try Pipeline()
        pipeline.broker.enqueue(Fixture.invocation())
        try pipeline.send(Wire.next())
        let response = try pipeline.received()
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(response)")
        #expect(response.contains("Lambda-Runtime-Aws-Request-Id: \(Fixture.requestID)\r\n"))
        #expect(response.contains("Lambda-Runtime-Deadline-Ms: \(Fixture.deadline)\r\n"))
        #expect(response.hasSuffix("\r\n\r\n" + Fixture.event))
        #expect(pipeline.recorder.exchanges.map(\.request.path) == [RuntimeAPIPath.next])
    }

    @Test("A /next with nothing queued is parked, and answered when an invocation arrives")
    func nextIsParked() throws {
        let pipeline = try Pipeline()
        try pipeline.send(Wire.next())
        #expect(try pipeline.received().isEmpty)
        pipeline.broker.enqueue(Fixture.invocation())
        pipeline.channel.embeddedEventLoop.run()
        #expect(try pipeline.received().hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test("The answer to the delivered invocation is accepted with 202 and RAPID's body")
    func responseAccepted() throws {
        let pipeline = try Pipeline()
        pipeline.broker.enqueue(Fixture.invocation())
        try pipeline.send(Wire.next())
        _ = try pipeline.received()
        try pipeline.send(Wire.response(body: #"{"ok":true}"#))
        let response = try pipeline.received()
        #expect(response.hasPrefix("HTTP/1.1 202 Accepted\r\n"), "\(response)")
        #expect(response.hasSuffix(Fixture.accepted))
        let answer = try #require(pipeline.recorder.exchanges.last)
        #expect(answer.request.bodyText == #"{"ok":true}"#)
    }

    @Test("A request that arrives one byte at a time is handled as if it came whole")
    func byteByByte() throws {
        let pipeline = try Pipeline()
        pipeline.broker.enqueue(Fixture.invocation())
        for byte in Wire.next().utf8 {
            try pipeline.channel.writeInbound(pipeline.channel.allocator.buffer(bytes: [byte]))
        }
        pipeline.channel.embeddedEventLoop.run()
        #expect(try pipeline.received().contains("Lambda-Runtime-Aws-Request-Id: \(Fixture.requestID)\r\n"))
    }

    @Test("An unknown path gets Go's 404 body, and the connection stays usable")
    func unknownPath() throws {
        let pipeline = try Pipeline()
        try pipeline.send(Wire.request("GET", "/2018-06-01/runtime/nope", body: nil))
        let response = try pipeline.received()
        #expect(response.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(response)")
        #expect(response.hasSuffix("404 page not found\n"))
        pipeline.broker.enqueue(Fixture.invocation())
        try pipeline.send(Wire.next())
        #expect(try pipeline.received().hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test("Expect: 100-continue gets an interim 100 Continue before the final answer, as Go's server sends")
    func expectContinue() throws {
        let pipeline = try Pipeline()
        try pipeline.send(
            Wire.initError(body: #"{"errorType":"Runtime.X","errorMessage":"m"}"#)
                .replacingOccurrences(of: "Host: 127.0.0.1\r\n", with: "Host: 127.0.0.1\r\nExpect: 100-continue\r\n"))
        let response = try pipeline.received()
        #expect(response.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\n"), "\(response)")
    }

    @Test("Two pipelined requests are answered in order")
    func pipelined() throws {
        let pipeline = try Pipeline()
        pipeline.broker.enqueue(Fixture.invocation())
        try pipeline.send(Wire.request("GET", "/nope", body: nil) + Wire.next())
        let response = try pipeline.received()
        let notFound = try #require(response.range(of: "HTTP/1.1 404"))
        let ok = try #require(response.range(of: "HTTP/1.1 200"))
        #expect(notFound.lowerBound < ok.lowerBound)
    }
}
