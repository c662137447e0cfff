import ConformanceModel
import NIOCore

/// A response the mock writes byte for byte, so it can also write deliberately broken ones.
struct MockResponse: Sendable {
    var status: Int
    var headers: [HeaderField]
    var body: [UInt8]
    /// Write the head and half the body, then close (fault injection).
    var closeMidResponse = false
    var closeAfter = false
    /// True when fault injection chose this response, not the state machine.
    var injected = false

    static func json(_ status: Int, _ body: String) -> MockResponse {
        MockResponse(
            status: status, headers: [.init(name: "Content-Type", value: "application/json")], body: Array(body.utf8))
    }

    static func text(_ status: Int, _ body: String) -> MockResponse {
        MockResponse(
            status: status, headers: [.init(name: "Content-Type", value: "text/plain; charset=utf-8")],
            body: Array(body.utf8))
    }

    var recorded: RecordedResponse {
        RecordedResponse(status: status, headers: headers, body: body, fault: faultDescription)
    }

    private var faultDescription: String? {
        if closeMidResponse { return "closed mid-response (injected)" }
        return injected ? "status \(status) (injected)" : nil
    }

    /// Serialises the response; `keepAlive` false adds `Connection: close`.
    func bytes(keepAlive: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: body.count + 256)
        buffer.writeString("HTTP/1.1 \(status) \(Self.reason(status))\r\n")
        for header in headers {
            buffer.writeString("\(header.name): \(header.value)\r\n")
        }
        buffer.writeString("Content-Length: \(body.count)\r\n")
        if !keepAlive || closeMidResponse || closeAfter {
            buffer.writeString("Connection: close\r\n")
        }
        buffer.writeString("\r\n")
        if closeMidResponse {
            buffer.writeBytes(body.prefix(body.count / 2))
        } else {
            buffer.writeBytes(body)
        }
        return buffer
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 410: "Gone"
        case 413: "Request Entity Too Large"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}
