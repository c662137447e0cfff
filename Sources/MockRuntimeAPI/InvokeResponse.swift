import ConformanceModel

/// What the invoke endpoint answers: a status, headers and a body, written as given (plus `Content-Length`).
public struct InvokeResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of `name`, compared case-insensitively.
    public func header(_ name: String) -> String? { headers.first(name) }

    /// A JSON answer.
    public static func json(_ status: Int, _ body: String, headers: [HeaderField] = []) -> InvokeResponse {
        InvokeResponse(
            status: status,
            headers: [HeaderField(name: "Content-Type", value: "application/json")] + headers,
            body: Array(body.utf8)
        )
    }

    /// A plain-text answer, for people reading it in a terminal.
    public static func text(_ status: Int, _ body: String, headers: [HeaderField] = []) -> InvokeResponse {
        InvokeResponse(
            status: status,
            headers: [HeaderField(name: "Content-Type", value: "text/plain; charset=utf-8")] + headers,
            body: Array(body.utf8)
        )
    }
}
