import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Paths of the Runtime API, version 2018-06-01 (runtime-api.md §1).
enum RuntimeAPIPath {
    static let next = "/2018-06-01/runtime/invocation/next"
    static let initError = "/2018-06-01/runtime/init/error"

    static func response(_ requestId: String) -> String {
        "/2018-06-01/runtime/invocation/\(pathSegment(requestId))/response"
    }

    static func error(_ requestId: String) -> String {
        "/2018-06-01/runtime/invocation/\(pathSegment(requestId))/error"
    }

    /// The id as one path segment. Ids are UUIDs in practice, but any other byte is percent-encoded, so an odd id
    /// can neither change the path nor make the request line invalid.
    private static func pathSegment(_ id: String) -> String {
        var segment = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                segment.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                segment += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return segment
    }
}

/// Header names of the Runtime API (runtime-api.md §1.2–§1.4, §1.8, §4); HTTP compares them case-insensitively.
enum RuntimeAPIHeader {
    static let requestId = "Lambda-Runtime-Aws-Request-Id"
    static let deadlineMs = "Lambda-Runtime-Deadline-Ms"
    static let invokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn"
    static let traceId = "Lambda-Runtime-Trace-Id"
    static let clientContext = "Lambda-Runtime-Client-Context"
    static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
    static let tenantId = "Lambda-Runtime-Aws-Tenant-Id"
    static let invocationId = "Lambda-Runtime-Invocation-Id"
    static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
    static let functionErrorBody = "Lambda-Runtime-Function-Error-Body"
    static let responseMode = "Lambda-Runtime-Function-Response-Mode"
}

/// Where the Runtime API listens: `AWS_LAMBDA_RUNTIME_API` is `host:port` without a scheme (runtime-api.md §1.1).
struct RuntimeAPIEndpoint: Sendable {
    let host: String
    let port: Int
    /// The original `host:port`, sent as the `Host` header.
    let authority: String

    init?(_ authority: String) {
        guard let colon = authority.lastIndex(of: ":"),
            let port = Int(authority[authority.index(after: colon)...]), (1...65535).contains(port)
        else { return nil }
        var host = Substring(authority[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {  // an IPv6 literal such as [::1]:9001
            host = host.dropFirst().dropLast()
        }
        guard !host.isEmpty else { return nil }
        self.host = String(host)
        self.port = port
        self.authority = authority
    }
}

/// One invocation as `/next` delivers it: the context from the headers and the event bytes.
struct Invocation: Sendable {
    let context: InvocationContext
    let event: ByteBuffer
}

/// A complete HTTP response from the Runtime API.
struct HTTPResponse: Sendable {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: ByteBuffer

    /// Whether the Runtime API accepted the request (202 for answers, 200 for `/next`).
    var isSuccess: Bool { (200..<300).contains(status.code) }

    /// The status line and the start of the body on one line, for log messages.
    var summary: String {
        let text = String(buffer: body).prefix(300).split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(status.code) \(status.reasonPhrase) \(text)"
    }
}

/// Why talking to the Runtime API failed, apart from socket errors.
enum RuntimeAPIError: Error, CustomStringConvertible {
    /// `/next` answered something other than 200, which means the runtime must exit (runtime-api.md §1.2).
    case nextRefused(HTTPResponse)
    /// `/next` delivered an event without `Lambda-Runtime-Aws-Request-Id`, so it cannot be answered.
    case missingRequestId
    /// The server closed the connection before a complete response.
    case connectionClosed

    /// Whether the Runtime API answered and said no, rather than the connection failing.
    var isRefusal: Bool {
        switch self {
        case .nextRefused, .missingRequestId: true
        case .connectionClosed: false
        }
    }

    var description: String {
        switch self {
        case .nextRefused(let response): "/next answered \(response.summary)"
        case .missingRequestId: "/next answered without \(RuntimeAPIHeader.requestId)"
        case .connectionClosed: "the Runtime API closed the connection before answering"
        }
    }
}

/// Opens HTTP/1.1 connections to the Runtime API.
///
/// Everything goes through SwiftNIO's HTTP/1 client codec; this type only decides which requests to send.
struct RuntimeAPIClient: Sendable {
    let endpoint: RuntimeAPIEndpoint
    let group: any EventLoopGroup

    /// Runs `body` with a fresh keep-alive connection.
    ///
    /// - Important: The connection is closed when `body` returns or throws; do not let it escape.
    func withConnection<Result: Sendable>(
        _ body: (RuntimeAPIConnection) async throws -> Result
    ) async throws -> Result {
        let channel = try await connect()
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RuntimeAPIConnection(endpoint: endpoint, channel: channel.channel, inbound, outbound))
        }
    }

    /// Reports a failed init on a connection of its own, the only request a failed runtime makes
    /// (runtime-api.md §1.5).
    func postInitError(_ report: ErrorReport) async throws -> HTTPResponse {
        try await withConnection { connection in
            try await connection.post(RuntimeAPIPath.initError, errorReport: report)
        }
    }

    private func connect() async throws -> NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart> {
        let bootstrap = ClientBootstrap(group: group)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<_, _>> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                    wrappingChannelSynchronously: channel
                )
            }
        }
        // Lambda gives an IP literal; connecting to it directly skips a resolver call on the way to the first /next.
        if let address = try? SocketAddress(ipAddress: endpoint.host, port: endpoint.port) {
            return try await bootstrap.connect(to: address, channelInitializer: initializer)
        }
        return try await bootstrap.connect(host: endpoint.host, port: endpoint.port, channelInitializer: initializer)
    }
}
