import ConformanceModel

/// One request/response pair as the wire log shows it.
struct HTMLExchangeView {
    /// `value` is HTML (`HTMLText`); `name` is plain text.
    struct Header {
        var name: String
        var value: String
    }

    /// `text` is HTML (`HTMLText`).
    struct Body {
        var text: String
        var note: String?
        var truncated: Bool
        var binary: Bool
    }

    var sequence: Int
    var time: String
    var connection: Int
    var processStart: Int
    var latency: String?
    var chunked: Bool
    var method: String
    var target: String
    var version: String
    var requestHeaders: [Header]
    var requestBody: Body?
    var trailers: [Header]
    var hasTrailers: Bool
    var malformed: String?
    var hasResponse: Bool
    var statusCode: Int
    var statusClass: String
    var reason: String
    var responseHeaders: [Header]
    var responseBody: Body?
    var fault: String?

    init(_ exchange: RecordedExchange) {
        let request = exchange.request
        sequence = exchange.sequence
        time = Formatting.offset(ms: exchange.receivedAtMs)
        connection = exchange.connection
        processStart = exchange.processStart
        latency = exchange.respondedAtMs.map { Formatting.duration(ms: max(0, $0 - exchange.receivedAtMs)) }
        chunked = request.chunked
        method = DisplayText.line(request.method)
        target = DisplayText.line(request.path)
        version = DisplayText.line(request.version)
        requestHeaders = request.headers.map(Self.header)
        requestBody = Self.body(request.body, size: request.bodySize)
        trailers = (request.trailers ?? []).map(Self.header)
        hasTrailers = !trailers.isEmpty
        malformed = request.malformed.map { HTMLText.markup($0, keepLineBreaks: false) }
        let response = exchange.response
        hasResponse = response != nil
        statusCode = response?.status ?? 0
        statusClass = "s\(statusCode / 100)xx"
        reason = HTTPReason.phrase(statusCode)
        responseHeaders = (response?.headers ?? []).map(Self.header)
        responseBody = response.flatMap { Self.body($0.body, size: $0.bodySize) }
        fault = response?.fault.map { HTMLText.markup($0, keepLineBreaks: false) }
    }

    private static func header(_ field: HeaderField) -> Header {
        Header(
            name: DisplayText.line(field.name),
            value: HTMLText.markup(DisplayText.truncated(field.value, limit: 8000), keepLineBreaks: false)
        )
    }

    private static func body(_ bytes: [UInt8], size: Int) -> Body? {
        guard !bytes.isEmpty else { return nil }
        let preview = BodyPreview(bytes, originalSize: size)
        return Body(
            text: HTMLText.markup(preview.text), note: preview.note, truncated: preview.truncated,
            binary: preview.binary)
    }
}
