/// One HTTP request the runtime sent and what the mock answered, as evidence for verdicts and reports.
public struct RecordedExchange: Codable, Sendable, Hashable {
    /// Position in the scenario's conversation, from 0.
    public var sequence: Int
    /// The connection the request arrived on; equal numbers mean keep-alive reuse.
    public var connection: Int
    /// Which start of the bootstrap sent it (1 for the first process, 2 after the first re-init, ...).
    public var processStart: Int
    public var request: RecordedRequest
    /// `nil` when the mock never answered (the connection closed while `/next` was parked).
    public var response: RecordedResponse?
    /// Milliseconds since the scenario started.
    public var receivedAtMs: Double
    public var respondedAtMs: Double?

    public init(
        sequence: Int,
        connection: Int,
        processStart: Int,
        request: RecordedRequest,
        response: RecordedResponse?,
        receivedAtMs: Double,
        respondedAtMs: Double?
    ) {
        self.sequence = sequence
        self.connection = connection
        self.processStart = processStart
        self.request = request
        self.response = response
        self.receivedAtMs = receivedAtMs
        self.respondedAtMs = respondedAtMs
    }
}

/// A header as it appeared on the wire; names keep their case, lookups ignore it.
public struct HeaderField: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The first value of `name`, compared case-insensitively as HTTP requires.
    public func first(_ name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public func contains(_ name: String) -> Bool { first(name) != nil }
}

/// A request as the runtime sent it.
public struct RecordedRequest: Codable, Sendable, Hashable {
    public var method: String
    /// The request target, e.g. `/2018-06-01/runtime/invocation/next`.
    public var path: String
    public var version: String
    public var headers: [HeaderField]
    public var body: [UInt8]
    public var trailers: [HeaderField]?
    /// True when the body arrived with chunked transfer encoding.
    public var chunked: Bool
    /// Set when the bytes were not valid HTTP/1.1; the mock answered 400 and closed.
    public var malformed: String?
    /// The size on the wire when `body` holds only a preview (a report read back from JSON).
    public var truncatedFrom: Int?

    public init(
        method: String,
        path: String,
        version: String = "HTTP/1.1",
        headers: [HeaderField],
        body: [UInt8] = [],
        trailers: [HeaderField]? = nil,
        chunked: Bool = false,
        malformed: String? = nil
    ) {
        self.method = method
        self.path = path
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
        self.chunked = chunked
        self.malformed = malformed
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body's size on the wire.
    public var bodySize: Int { truncatedFrom ?? body.count }

    enum CodingKeys: String, CodingKey { case method, path, version, headers, trailers, chunked, malformed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        path = try container.decode(String.self, forKey: .path)
        version = try container.decode(String.self, forKey: .version)
        headers = try container.decode([HeaderField].self, forKey: .headers)
        trailers = try container.decodeIfPresent([HeaderField].self, forKey: .trailers)
        chunked = try container.decode(Bool.self, forKey: .chunked)
        malformed = try container.decodeIfPresent(String.self, forKey: .malformed)
        (body, truncatedFrom) = try BodyCoding.decode(from: decoder.container(keyedBy: BodyCoding.Keys.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(path, forKey: .path)
        try container.encode(version, forKey: .version)
        try container.encode(headers, forKey: .headers)
        try container.encodeIfPresent(trailers, forKey: .trailers)
        try container.encode(chunked, forKey: .chunked)
        try container.encodeIfPresent(malformed, forKey: .malformed)
        var bodyContainer = encoder.container(keyedBy: BodyCoding.Keys.self)
        try BodyCoding.encode(body, originalSize: truncatedFrom, into: &bodyContainer)
    }
}

/// What the mock answered.
public struct RecordedResponse: Codable, Sendable, Hashable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// Set when the mock deliberately broke the response (fault injection).
    public var fault: String?
    /// The size on the wire when `body` holds only a preview (a report read back from JSON).
    public var truncatedFrom: Int?

    public init(status: Int, headers: [HeaderField], body: [UInt8], fault: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.fault = fault
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body's size on the wire.
    public var bodySize: Int { truncatedFrom ?? body.count }

    enum CodingKeys: String, CodingKey { case status, headers, fault }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(Int.self, forKey: .status)
        headers = try container.decode([HeaderField].self, forKey: .headers)
        fault = try container.decodeIfPresent(String.self, forKey: .fault)
        (body, truncatedFrom) = try BodyCoding.decode(from: decoder.container(keyedBy: BodyCoding.Keys.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(headers, forKey: .headers)
        try container.encodeIfPresent(fault, forKey: .fault)
        var bodyContainer = encoder.container(keyedBy: BodyCoding.Keys.self)
        try BodyCoding.encode(body, originalSize: truncatedFrom, into: &bodyContainer)
    }
}
