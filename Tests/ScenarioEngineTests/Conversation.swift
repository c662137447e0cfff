import ConformanceModel

/// Builds a recorded Runtime API conversation one request at a time, numbering sequences as the mock does.
struct Conversation {
    static let next = "/2018-06-01/runtime/invocation/next"
    static let initError = "/2018-06-01/runtime/init/error"
    static func answerPath(_ id: String, _ kind: String) -> String { "/2018-06-01/runtime/invocation/\(id)/\(kind)" }

    private(set) var exchanges: [RecordedExchange] = []
    private(set) var processStart = 1
    /// When true every request gets a connection of its own (no keep-alive).
    var connectionPerRequest = false
    private var connection = 1

    /// A `GET /next` the mock answered with invocation `id`.
    mutating func next(delivering id: String) {
        add(
            "GET", Self.next,
            response: RecordedResponse(
                status: 200,
                headers: [HeaderField(name: "Lambda-Runtime-Aws-Request-Id", value: id)],
                body: Array(#"{"op":"echo"}"#.utf8)
            ))
    }

    /// A `GET /next` still parked when the scenario ended.
    mutating func parkedNext() { add("GET", Self.next, response: nil) }

    /// A `/response` or `/error` for `id`; `fault` marks a status the mock injected.
    @discardableResult
    mutating func answer(
        _ id: String,
        kind: String = "response",
        status: Int = 202,
        fault: String? = nil,
        body: String = #"{"ok":true}"#,
        headers: [HeaderField] = [HeaderField(name: "Content-Type", value: "application/json")]
    ) -> Int {
        add(
            "POST", Self.answerPath(id, kind), headers: headers, body: body,
            response: RecordedResponse(status: status, headers: [], body: [], fault: fault))
    }

    mutating func initError(
        status: Int = 202, body: String = #"{"errorType":"Probe.InitFailed","errorMessage":"boom"}"#
    ) {
        add(
            "POST", Self.initError,
            headers: [HeaderField(name: "lambda-runtime-function-error-type", value: "Probe.InitFailed")],
            body: body, response: RecordedResponse(status: status, headers: [], body: []))
    }

    /// Any other request, e.g. to an unknown path or one the mock could not parse.
    mutating func request(_ method: String, _ path: String, status: Int?, malformed: String? = nil) {
        add(
            method, path, malformed: malformed,
            response: status.map { RecordedResponse(status: $0, headers: [], body: []) })
    }

    /// The bootstrap is started again (after a crash, timeout or reset), on a fresh connection.
    mutating func restart() {
        processStart += 1
        connection += 1
    }

    @discardableResult
    private mutating func add(
        _ method: String,
        _ path: String,
        headers: [HeaderField] = [],
        body: String = "",
        malformed: String? = nil,
        response: RecordedResponse?
    ) -> Int {
        if connectionPerRequest, !exchanges.isEmpty { connection += 1 }
        let sequence = exchanges.count
        exchanges.append(
            RecordedExchange(
                sequence: sequence,
                connection: connection,
                processStart: processStart,
                request: RecordedRequest(
                    method: method, path: path, headers: headers, body: Array(body.utf8),
                    malformed: malformed),
                response: response,
                receivedAtMs: Double(sequence * 10),
                respondedAtMs: response == nil ? nil : Double(sequence * 10 + 1)
            ))
        return sequence
    }
}
