import ConformanceModel
import NIOCore
import NIOHTTP1

/// Serves one invoke-endpoint connection: collects each request, routes it, writes the answer, and keeps the
/// connection open while the client asks for keep-alive.
struct InvokeConnection: Sendable {
    let payloadLimit: Int
    let handler: @Sendable (InvokeRequest) async -> InvokeResponse

    func serve(_ channel: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await channel.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            var tooLarge = false
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body = []
                    tooLarge = false
                    // curl sends `Expect: 100-continue` with larger bodies and would wait a second without this.
                    if requestHead.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                        try await outbound.write(
                            .head(HTTPResponseHead(version: requestHead.version, status: .continue)))
                    }
                case .body(let buffer):
                    // Past the limit the bytes are read and dropped, so memory stays bounded.
                    if body.count + buffer.readableBytes > payloadLimit {
                        tooLarge = true
                        body = []
                    } else if !tooLarge {
                        body.append(contentsOf: buffer.readableBytesView)
                    }
                case .end:
                    guard let requestHead = head else { continue }
                    head = nil
                    let response = await answer(requestHead, body: body, tooLarge: tooLarge)
                    body = []
                    try await write(response, keepAlive: requestHead.isKeepAlive, to: outbound)
                    if !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    private func answer(_ head: HTTPRequestHead, body: [UInt8], tooLarge: Bool) async -> InvokeResponse {
        switch InvokeRoute(method: head.method.rawValue, target: head.uri) {
        case .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .invoke(let functionName, let qualifier):
            if tooLarge { return .tooLarge(limit: payloadLimit) }
            let request = InvokeRequest(
                functionName: functionName,
                qualifier: qualifier,
                headers: head.headers.map { HeaderField(name: $0.name, value: $0.value) },
                body: body
            )
            return await handler(request)
        }
    }

    private func write(
        _ response: InvokeResponse,
        keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        if response.status != 204 {
            headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        }
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        try await outbound.write(.head(head))
        if !response.body.isEmpty {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
        }
        try await outbound.write(.end(nil))
    }
}
