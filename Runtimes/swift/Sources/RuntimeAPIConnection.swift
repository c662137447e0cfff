import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One HTTP/1.1 keep-alive connection to the Runtime API, carrying one request at a time.
///
/// Not `Sendable` on purpose: it belongs to the task that opened it in ``RuntimeAPIClient/withConnection(_:)``,
/// which is the only one sending requests, as the Runtime API's one-invocation-at-a-time model expects.
final class RuntimeAPIConnection {
    typealias RequestWriter = NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

    private let endpoint: RuntimeAPIEndpoint
    private let channel: any Channel
    private var responseParts: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let requestParts: RequestWriter
    /// Set once the connection cannot carry another request: the server closed it or asked to, a request was cut
    /// short, or it carried a streamed response, which ends by closing the connection (runtime-api.md §4).
    private var mustClose = false

    init(
        endpoint: RuntimeAPIEndpoint,
        channel: any Channel,
        _ inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>,
        _ outbound: RequestWriter
    ) {
        self.endpoint = endpoint
        self.channel = channel
        self.responseParts = inbound.makeAsyncIterator()
        self.requestParts = outbound
    }

    /// Whether the next request can go over this connection.
    var isReusable: Bool { !mustClose && channel.isActive }

    // MARK: - Runtime API calls

    /// Waits for the next invocation; there is deliberately no timeout, since the platform may freeze the process
    /// while `/next` is pending (runtime-api.md §1.2).
    ///
    /// - Throws: ``RuntimeAPIError/nextRefused(_:)`` for any status but 200, after which the runtime must exit.
    func nextInvocation() async throws -> Invocation {
        let head = request(.GET, RuntimeAPIPath.next)
        let response = try await exchange { try await $0.write(contentsOf: [.head(head), .end(nil)]) }
        guard response.status == .ok else { throw RuntimeAPIError.nextRefused(response) }
        guard let context = InvocationContext(headers: response.headers) else {
            throw RuntimeAPIError.missingRequestId
        }
        return Invocation(context: context, event: response.body)
    }

    /// Posts a buffered function result (runtime-api.md §1.3).
    func postResponse(_ body: ByteBuffer, for context: InvocationContext) async throws -> HTTPResponse {
        var head = request(.POST, RuntimeAPIPath.response(context.requestId), echoing: context)
        head.headers.add(name: "Content-Type", value: "application/json")
        return try await send(head, body: body)
    }

    /// Posts a failed invocation (runtime-api.md §1.4).
    func postError(_ report: ErrorReport, for context: InvocationContext) async throws -> HTTPResponse {
        try await post(RuntimeAPIPath.error(context.requestId), errorReport: report, echoing: context)
    }

    /// Posts an error body to `/invocation/{id}/error` or `/init/error`, naming its type in
    /// `Lambda-Runtime-Function-Error-Type` too, since Lambda falls back on that header when it cannot read a body.
    func post(
        _ path: String,
        errorReport report: ErrorReport,
        echoing context: InvocationContext? = nil
    ) async throws -> HTTPResponse {
        var head = request(.POST, path, echoing: context)
        head.headers.add(name: "Content-Type", value: "application/json")
        if let errorType = Self.headerValue(report.errorType) {
            head.headers.add(name: RuntimeAPIHeader.functionErrorType, value: errorType)
        }
        return try await send(head, body: ByteBuffer(bytes: report.jsonBody()))
    }

    /// Posts a response in streaming mode: chunked, one HTTP chunk per ``ResponseStream/write(_:)``
    /// (runtime-api.md §4).
    ///
    /// If `produce` throws after writing, it is too late for `/error`; the failure goes into the
    /// `Lambda-Runtime-Function-Error-Type`/`-Body` trailers, which the head announces up front.
    ///
    /// - Important: The connection is not reusable afterwards; the caller closes it to end the stream.
    func postStreamedResponse(
        for context: InvocationContext,
        contentType: String = "application/octet-stream",
        _ produce: @escaping @Sendable (ResponseStream) async throws -> Void
    ) async throws -> HTTPResponse {
        var head = request(.POST, RuntimeAPIPath.response(context.requestId), echoing: context)
        head.headers.add(name: RuntimeAPIHeader.responseMode, value: "streaming")
        head.headers.add(name: "Transfer-Encoding", value: "chunked")
        head.headers.add(
            name: "Trailer",
            value: "\(RuntimeAPIHeader.functionErrorType), \(RuntimeAPIHeader.functionErrorBody)"
        )
        head.headers.add(name: "Content-Type", value: contentType)
        mustClose = true
        let streamHead = head
        return try await exchange { writer in
            try await writer.write(.head(streamHead))
            var trailers: HTTPHeaders?
            do {
                try await produce(ResponseStream(writer: writer))
            } catch let failure as ResponseStream.WriteFailure {
                throw failure.underlying
            } catch {
                trailers = Self.errorTrailers(for: ErrorReport(describing: error))
            }
            try await writer.write(.end(trailers))
        }
    }

    // MARK: - HTTP

    private func request(
        _ method: HTTPMethod,
        _ uri: String,
        echoing context: InvocationContext? = nil
    ) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.authority)
        headers.add(name: "User-Agent", value: "lambdaspec-swift-runtime/1.0")
        // Echoing the nonce lets the platform reject an answer that belongs to an older invocation (§1.8).
        if let invocationId = context?.invocationId, let value = Self.headerValue(invocationId) {
            headers.add(name: RuntimeAPIHeader.invocationId, value: value)
        }
        return HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)
    }

    /// Sends a request with a body of known length in one write.
    private func send(_ head: HTTPRequestHead, body: ByteBuffer) async throws -> HTTPResponse {
        var head = head
        head.headers.add(name: "Content-Length", value: String(body.readableBytes))
        let parts: [HTTPClientRequestPart] = [.head(head), .body(.byteBuffer(body)), .end(nil)]
        return try await exchange { try await $0.write(contentsOf: parts) }
    }

    /// Writes one request and reads its whole response.
    ///
    /// A child task writes while this task reads: a server may answer before it has read the whole body (an early
    /// 413) and then stop reading, and writing first would then wait forever. A write that fails closes the
    /// channel, which also ends the read.
    private func exchange(
        _ writeRequest: @escaping @Sendable (RequestWriter) async throws -> Void
    ) async throws -> HTTPResponse {
        let writer = requestParts
        let channel = self.channel
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await writeRequest(writer)
                } catch {
                    channel.close(promise: nil)
                    throw error
                }
            }
            let response: HTTPResponse
            do {
                response = try await readResponse()
            } catch {
                mustClose = true
                group.cancelAll()
                // A failed write (a reset connection, an invalid header) explains the missing response best.
                if case .failure(let writeError)? = await group.nextResult(), !(writeError is CancellationError) {
                    throw writeError
                }
                throw error
            }
            if !(200..<300).contains(response.status.code) {
                group.cancelAll()  // a refusal can come before the body was read; the rest is not wanted
            }
            do {
                try await group.waitForAll()
            } catch {
                mustClose = true  // the request was cut short, so the connection is out of step
            }
            return response
        }
    }

    /// Collects the parts of one response; the body may be several megabytes, delivered in many parts.
    private func readResponse() async throws -> HTTPResponse {
        var head: HTTPResponseHead?
        var body = ByteBuffer()
        while let part = try await responseParts.next() {
            switch part {
            case .head(let responseHead):
                head = responseHead
            case .body(var bytes):
                body.writeBuffer(&bytes)
            case .end:
                guard let head else { throw RuntimeAPIError.connectionClosed }
                if !head.isKeepAlive {
                    mustClose = true
                }
                return HTTPResponse(status: head.status, headers: head.headers, body: body)
            }
        }
        mustClose = true
        throw RuntimeAPIError.connectionClosed
    }

    private static func errorTrailers(for report: ErrorReport) -> HTTPHeaders {
        var trailers = HTTPHeaders()
        trailers.add(
            name: RuntimeAPIHeader.functionErrorType,
            value: headerValue(report.errorType) ?? "Runtime.Unknown"
        )
        trailers.add(name: RuntimeAPIHeader.functionErrorBody, value: report.base64Body())
        return trailers
    }

    /// `value` if it may appear in a header field, else nil: NIO refuses to send a CR, LF or other control
    /// character, and an error type taken from an event could contain one.
    static func headerValue(_ value: String) -> String? {
        let valid = value.utf8.allSatisfy { $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7F) }
        return valid ? value : nil
    }
}

/// The body of a streamed response: each ``write(_:)`` becomes one HTTP chunk, flushed at once.
struct ResponseStream: Sendable {
    /// A write that failed on the wire, as opposed to an error of the code producing the body.
    struct WriteFailure: Error {
        let underlying: any Error
    }

    fileprivate let writer: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

    func write(_ text: String) async throws {
        do {
            try await writer.write(.body(.byteBuffer(ByteBuffer(string: text))))
        } catch {
            throw WriteFailure(underlying: error)
        }
    }
}
