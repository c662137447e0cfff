import ConformanceModel
import Foundation

/// A realistic run of a runtime that gets most things right, with every verdict and the awkward evidence reports
/// must survive: a 6 MB body, a binary body, HTML and control characters in runtime output.
enum SampleReport {
    static let startedAt = Date(timeIntervalSince1970: 1_788_264_000)  // 2026-09-01T12:00:00Z
    static let sixMegabytes = 6 * 1024 * 1024
    static let hostile = "<script>alert('pwned')</script> \u{1B}[31mred\u{1B}[0m bell\u{07} nul\u{00} del\u{7F}"

    static let subject = RunReport.Subject(
        path: "Runtimes/swift",
        handler: "probe.handler",
        layers: ["layers/swift-runtime-2.3.0.zip"],
        capabilities: ["echo", "context", "env", "error", "sleep", "counter", "tmp", "log", "exit", "crash", "large"],
        name: "swift-reference"
    )

    /// - Parameter strict: the run's `--strict` flag.
    /// - Parameter results: override the results (defaults to `allResults`).
    static func make(
        strict: Bool = false, results: [ScenarioResult]? = nil, name: String = "swift-reference"
    )
        -> RunReport
    {
        var subject = subject
        subject.name = name
        return RunReport(
            tool: .init(version: LambdaSpecVersion.current),
            subject: subject,
            strict: strict,
            startedAt: startedAt,
            durationMs: 12_437.5,
            results: results ?? allResults
        )
    }

    static var allResults: [ScenarioResult] {
        [
            pollsNext, initErrorReported, echoLarge, echoHostile, traceNotLeaked, errorHeader, errorReported,
            timeoutKilled, streaming, tmpKept, memorySkipped,
        ]
    }

    // MARK: - Results

    static var pollsNext: ScenarioResult {
        result(
            "init.polls-next", "Runtime polls /next after init", area: "init", level: .must, status: .passed,
            durationMs: 41.2, message: "",
            checks: [check("first request is GET /next", true, "GET /2018-06-01/runtime/invocation/next", "same")],
            exchanges: [
                next(0, at: 8.1, requestId: "req-1", event: #"{"op":"echo","payload":{"hello":"world"}}"#),
                post(
                    1, at: 12.4, path: "/2018-06-01/runtime/invocation/req-1/response",
                    body: #"{"hello":"world"}"#),
            ],
            events: [.init(kind: .started, atMs: 0.4, processStart: 1, detail: "pid 4242")]
        )
    }

    static var initErrorReported: ScenarioResult {
        result(
            "init.error.reported", "Init failure is posted to /runtime/init/error", area: "init", level: .must,
            status: .failed, durationMs: 212.9,
            message: "Lambda-Runtime-Function-Error-Type header missing on /runtime/init/error",
            checks: [
                check("POST /runtime/init/error", true, "1 request", "1 request"),
                check("header Lambda-Runtime-Function-Error-Type", false, "Probe.InitFailed", "(absent)"),
                check("runtime exits non-zero", true, "exit status ≠ 0", "exit status 1"),
            ],
            exchanges: [
                post(
                    0, at: 14.0, path: "/2018-06-01/runtime/init/error",
                    body: "{\n  \"errorType\": \"Probe.InitFailed\",\n  \"errorMessage\": \"boom\"\n}")
            ],
            events: [
                .init(kind: .started, atMs: 0.3, processStart: 1),
                .init(kind: .exited, atMs: 19.8, processStart: 1, detail: "status 1"),
            ],
            logs: [.init(stream: .stderr, atMs: 13.2, processStart: 1, text: "init failed: boom")]
        )
    }

    static var echoLarge: ScenarioResult {
        let payload = "\"" + String(repeating: "x", count: sixMegabytes - 2) + "\""
        var response = post(1, at: 190.2, path: "/2018-06-01/runtime/invocation/req-6mb/response", body: payload)
        response.respondedAtMs = 251.0
        return result(
            "invocation.echo.large", "A 6 MB response is posted whole", area: "invocation", level: .must,
            status: .passed, durationMs: 260.3, message: "",
            checks: [check("response body size", true, "\(sixMegabytes) bytes", "\(sixMegabytes) bytes")],
            exchanges: [next(0, at: 5.0, requestId: "req-6mb", event: #"{"op":"large","bytes":6291454}"#), response]
        )
    }

    static var echoHostile: ScenarioResult {
        var exchange = post(
            1, at: 9.9, path: "/2018-06-01/runtime/invocation/req-2/response",
            body: #"{"echo":""# + hostile + #""}"#, extraHeaders: [.init(name: "X-Evil", value: hostile)]
        )
        exchange.request.chunked = true
        exchange.request.trailers = [.init(name: "Lambda-Runtime-Function-Error-Type", value: "")]
        let binary = RecordedExchange(
            sequence: 2, connection: 2, processStart: 1,
            request: .init(
                method: "POST", path: "/2018-06-01/runtime/invocation/req-2/response",
                headers: [.init(name: "Content-Type", value: "application/octet-stream")],
                body: [0xFF, 0xFE, 0x00, 0x01, 0x80, 0x41, 0x42]),
            response: .init(status: 400, headers: [], body: Array(#"{"errorType":"InvalidStateTransition"}"#.utf8)),
            receivedAtMs: 11.0, respondedAtMs: 11.2
        )
        return result(
            "invocation.echo.unicode", "Echo keeps unicode, escapes and markup (#5 \\ raw)", area: "invocation",
            level: .must, status: .passed, durationMs: 33.0, message: "",
            checks: [check("body equals payload", true, hostile, hostile)],
            exchanges: [next(0, at: 4.0, requestId: "req-2", event: #"{"op":"echo"}"#), exchange, binary],
            logs: [.init(stream: .stdout, atMs: 9.0, processStart: 1, text: "handler says " + hostile)]
        )
    }

    static var traceNotLeaked: ScenarioResult {
        result(
            "invocation.trace.unset", "_X_AMZN_TRACE_ID is unset when an invocation has no trace header",
            area: "invocation", level: .should, status: .warning, durationMs: 88.1,
            message: "_X_AMZN_TRACE_ID kept the previous invocation's value",
            checks: [
                check("traceId of the 2nd invocation", false, "null", #""Root=1-5759e988-bd862e3fe1be46a994272793""#)
            ],
            exchanges: [
                next(0, at: 3.0, requestId: "req-a", event: #"{"op":"context"}"#),
                next(2, at: 30.0, requestId: "req-b", event: #"{"op":"context"}"#),
            ]
        )
    }

    static var errorHeader: ScenarioResult {
        result(
            "errors.error.type-header", "Error posts carry Lambda-Runtime-Function-Error-Type", area: "errors",
            level: .should, status: .passed, durationMs: 25.0, message: "",
            checks: [check("header Lambda-Runtime-Function-Error-Type", true, "Probe.Boom", "Probe.Boom")]
        )
    }

    static var errorReported: ScenarioResult {
        result(
            "errors.error.reported", "Handler errors are posted to /invocation/{id}/error", area: "errors",
            level: .must, status: .failed, durationMs: 1502.7,
            message: "the runtime posted the error to /response instead of /error",
            checks: [
                check("POST /invocation/req-e/error", false, "1 request", "0 requests"),
                check("error body errorType", false, #""Probe.Boom""#, "(no error body)"),
            ],
            exchanges: [
                next(0, at: 2.0, requestId: "req-e", event: #"{"op":"error","errorType":"Probe.Boom"}"#),
                post(
                    1, at: 6.5, path: "/2018-06-01/runtime/invocation/req-e/response",
                    body: #"{"errorType":"Probe.Boom","errorMessage":"a | b"}"#),
            ]
        )
    }

    static var timeoutKilled: ScenarioResult {
        var parked = next(1, at: 1500.0, requestId: "", event: "")
        parked.response = nil
        parked.respondedAtMs = nil
        var malformed = next(2, at: 1510.0, requestId: "", event: "")
        malformed.request.malformed = "invalid header token"
        malformed.response = .init(status: 400, headers: [], body: [], fault: "closed after 400")
        return result(
            "timeouts.invoke.killed", "A runtime that overruns its deadline is killed and re-initialised",
            area: "timeouts", level: .must, status: .error, durationMs: 3000.0,
            message: "harness error: the sandbox could not restart the bootstrap (exec format error)",
            exchanges: [next(0, at: 1.0, requestId: "req-t", event: #"{"op":"sleep","ms":5000}"#), parked, malformed],
            events: [
                .init(kind: .started, atMs: 0.2, processStart: 1),
                .init(kind: .invokeTimeout, atMs: 1500.0, processStart: 1, detail: "deadline 1500 ms"),
                .init(kind: .killed, atMs: 1500.4, processStart: 1, detail: "SIGKILL to process group"),
                .init(kind: .started, atMs: 1502.0, processStart: 2),
            ]
        )
    }

    static var streaming: ScenarioResult {
        result(
            "streaming.response.chunked", "Streamed responses use chunked encoding and trailers", area: "streaming",
            level: .must, status: .notApplicable, durationMs: 0,
            message: "the probe does not declare capability 'stream'"
        )
    }

    static var tmpKept: ScenarioResult {
        result(
            "environment.tmp.kept", "/tmp survives a re-init", area: "environment", level: .info, status: .info,
            durationMs: 57.0, message: "observed: /tmp content kept across re-init <iframe onload=alert(1)>"
        )
    }

    static var memorySkipped: ScenarioResult {
        result(
            "environment.memory.limit", "The runtime stays under its memory size", area: "environment",
            level: .should, status: .skipped, durationMs: 0, message: "excluded by --skip environment.memory.*"
        )
    }

    // MARK: - Builders

    static func result(
        _ id: String, _ title: String, area: String, level: Level, status: ResultStatus, durationMs: Double,
        message: String, checks: [CheckResult] = [], exchanges: [RecordedExchange] = [],
        events: [ProcessEvent] = [], logs: [LogLine] = []
    ) -> ScenarioResult {
        let scenario = Scenario(
            id: id, title: title, area: area, level: level,
            requirement: "The runtime " + title.prefix(1).lowercased() + title.dropFirst() + ".",
            source: "runtime-api.md §1; AWS Lambda Developer Guide › Using the Lambda runtime API",
            steps: []
        )
        return ScenarioResult(
            scenario: scenario, status: status, durationMs: durationMs, message: message, checks: checks,
            exchanges: exchanges, processEvents: events, logs: logs
        )
    }

    static func check(_ description: String, _ passed: Bool, _ expected: String, _ actual: String) -> CheckResult {
        CheckResult(description: description, passed: passed, expected: expected, actual: actual)
    }

    static func next(_ sequence: Int, at ms: Double, requestId: String, event: String) -> RecordedExchange {
        RecordedExchange(
            sequence: sequence, connection: 1, processStart: 1,
            request: .init(
                method: "GET", path: "/2018-06-01/runtime/invocation/next",
                headers: [.init(name: "Host", value: "127.0.0.1:41234"), .init(name: "User-Agent", value: "probe/1.0")]
            ),
            response: .init(
                status: 200,
                headers: [
                    .init(name: "Content-Type", value: "application/json"),
                    .init(name: "Lambda-Runtime-Aws-Request-Id", value: requestId),
                    .init(name: "Lambda-Runtime-Deadline-Ms", value: "1788264001500"),
                    .init(
                        name: "Lambda-Runtime-Invoked-Function-Arn",
                        value: "arn:aws:lambda:us-east-1:123456789012:function:probe"),
                ],
                body: Array(event.utf8)
            ),
            receivedAtMs: ms, respondedAtMs: ms + 0.6
        )
    }

    static func post(
        _ sequence: Int, at ms: Double, path: String, body: String, extraHeaders: [HeaderField] = []
    ) -> RecordedExchange {
        RecordedExchange(
            sequence: sequence, connection: 1, processStart: 1,
            request: .init(
                method: "POST", path: path,
                headers: [
                    .init(name: "Host", value: "127.0.0.1:41234"),
                    .init(name: "Content-Type", value: "application/json"),
                    .init(name: "Content-Length", value: "\(body.utf8.count)"),
                ] + extraHeaders,
                body: Array(body.utf8)
            ),
            response: .init(
                status: 202, headers: [.init(name: "Content-Type", value: "application/json")],
                body: Array(#"{"status":"OK"}"#.utf8)),
            receivedAtMs: ms, respondedAtMs: ms + 0.3
        )
    }
}
