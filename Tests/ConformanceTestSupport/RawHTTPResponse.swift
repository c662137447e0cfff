import ConformanceModel

/// One HTTP/1.1 response exactly as it came off the wire, so tests can compare bytes as well as fields.
public struct RawHTTPResponse: Sendable, Hashable {
    /// The status line without its CRLF, e.g. `HTTP/1.1 202 Accepted`.
    public var statusLine: String
    public var status: Int
    /// Header fields in wire order, names as sent.
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// Every byte of this response: head, CRLFs and body.
    public var raw: [UInt8]
    /// False when the peer closed before `Content-Length` bytes of body arrived.
    public var isComplete: Bool

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// The first value of `name`, compared case-insensitively.
    public func header(_ name: String) -> String? { headers.first(name) }
}

/// Splits responses off the front of a byte buffer: `Content-Length` bodies, or bodies that run to the close.
enum RawHTTPResponseParser {
    enum Outcome {
        /// A whole response and how many bytes of the buffer it used.
        case response(RawHTTPResponse, consumed: Int)
        case needMoreBytes
    }

    static let headTerminator: [UInt8] = Array("\r\n\r\n".utf8)

    /// - Parameter peerClosed: no more bytes will come, so a short or unframed body ends here.
    static func parse(_ bytes: [UInt8], peerClosed: Bool) throws(LoopbackClientError) -> Outcome {
        guard let headEnd = range(of: headTerminator, in: bytes) else {
            if peerClosed, !bytes.isEmpty { throw .malformedResponse(String(decoding: bytes, as: UTF8.self)) }
            return .needMoreBytes
        }
        let headText = String(decoding: bytes[..<headEnd], as: UTF8.self)
        // "\r\n" is a single Character in Swift, so this splits on CRLF exactly.
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = String(lines.removeFirst())
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw .malformedResponse(headText)
        }
        var headers: [HeaderField] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse(headText) }
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers.append(HeaderField(name: String(line[..<colon]), value: value))
        }
        let bodyStart = headEnd + headTerminator.count
        let available = bytes.count - bodyStart
        var length = 0
        var complete = true
        if (100..<200).contains(status) {
            length = 0
        } else if let declared = headers.first("Content-Length").flatMap(Int.init) {
            guard available >= declared || peerClosed else { return .needMoreBytes }
            length = min(declared, available)
            complete = available >= declared
        } else {
            // No framing: the body is everything up to the close.
            guard peerClosed else { return .needMoreBytes }
            length = available
        }
        let end = bodyStart + length
        let response = RawHTTPResponse(
            statusLine: statusLine,
            status: status,
            headers: headers,
            body: Array(bytes[bodyStart..<end]),
            raw: Array(bytes[..<end]),
            isComplete: complete
        )
        return .response(response, consumed: end)
    }

    static func range(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension Substring {
    /// Optional whitespace around a field value is not part of it (RFC 9112 §5.1).
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = firstIndex { !isSpace($0) } ?? endIndex
        let end = lastIndex { !isSpace($0) }.map(index(after:)) ?? start
        return String(self[start..<end])
    }
}
