/// A JSON matcher: a literal means equality (objects match as subsets), `$`-operators say more.
///
/// Operators: `$eq` (exact deep equality), `$ne`, `$exists`, `$type`, `$in`, `$contains`, `$matches` (regex),
/// `$length`, `$between: [lo, hi]` with optional `$tolerance`, `$base64` (decode, then match the JSON inside),
/// `$json` (parse a string, then match). Strings may hold templates such as `{{traceId}}` or `{{first.requestId}}`.
public struct Matcher: Codable, Sendable, Hashable {
    public var pattern: JSONValue

    public init(_ pattern: JSONValue) { self.pattern = pattern }

    public init(from decoder: any Decoder) throws {
        pattern = try JSONValue(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try pattern.encode(to: encoder)
    }
}

/// What a request the runtime sent must look like.
public struct RequestMatcher: Codable, Sendable, Hashable {
    /// Header matchers by name (case-insensitive); `{$exists: false}` asserts absence.
    public var headers: [String: Matcher]?
    /// Matched against the body parsed as JSON (a body that is not JSON fails any JSON matcher).
    public var body: Matcher?
    /// Matched against the body as UTF-8 text.
    public var bodyText: Matcher?
    /// Exact body size in bytes.
    public var bodySize: Int?
    /// Trailer matchers (streamed responses).
    public var trailers: [String: Matcher]?
    /// Whether the body must (true) or must not (false) use chunked transfer encoding.
    public var chunked: Bool?

    public init(
        headers: [String: Matcher]? = nil,
        body: Matcher? = nil,
        bodyText: Matcher? = nil,
        bodySize: Int? = nil,
        trailers: [String: Matcher]? = nil,
        chunked: Bool? = nil
    ) {
        self.headers = headers
        self.body = body
        self.bodyText = bodyText
        self.bodySize = bodySize
        self.trailers = trailers
        self.chunked = chunked
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case headers, body, bodyText, bodySize, trailers, chunked }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        headers = try container.decodeIfPresent([String: Matcher].self, forKey: .headers)
        body = try container.decodeIfPresent(Matcher.self, forKey: .body)
        bodyText = try container.decodeIfPresent(Matcher.self, forKey: .bodyText)
        bodySize = try container.decodeIfPresent(Int.self, forKey: .bodySize)
        trailers = try container.decodeIfPresent([String: Matcher].self, forKey: .trailers)
        chunked = try container.decodeIfPresent(Bool.self, forKey: .chunked)
    }
}

/// How an invocation ended, from the suite's side of the wire.
public enum InvocationOutcome: String, Codable, Sendable, CaseIterable {
    /// The runtime posted `/invocation/{id}/response`.
    case response
    /// The runtime posted `/invocation/{id}/error`.
    case error
    /// No answer before the deadline; the suite killed the runtime.
    case timeout
    /// The runtime process ended before answering.
    case crash
    /// The runtime polled `/next` again without answering.
    case abandoned
    /// The runtime never became ready (init failed) so the event was never delivered.
    case notDelivered = "not-delivered"
}

/// Expectations on one invocation.
public struct InvocationExpectation: Codable, Sendable, Hashable {
    /// Allowed outcomes; a single string or a list in YAML.
    public var outcome: [InvocationOutcome]?
    /// The runtime's answer request (`/response` or `/error`).
    public var answer: RequestMatcher?
    /// Shorthand for `answer.body`: the handler's result parsed as JSON.
    public var result: Matcher?
    /// The status the mock answered the runtime's answer with (202, 413, ...).
    public var answerStatus: Int?
    /// Whether this invocation needed a fresh init (a suppressed init after a reset, crash or timeout).
    public var reinit: Bool?
    /// Matchers on the lines the runtime wrote while handling this invocation.
    public var stdout: Matcher?
    public var stderr: Matcher?

    public init(
        outcome: [InvocationOutcome]? = nil,
        answer: RequestMatcher? = nil,
        result: Matcher? = nil,
        answerStatus: Int? = nil,
        reinit: Bool? = nil,
        stdout: Matcher? = nil,
        stderr: Matcher? = nil
    ) {
        self.outcome = outcome
        self.answer = answer
        self.result = result
        self.answerStatus = answerStatus
        self.reinit = reinit
        self.stdout = stdout
        self.stderr = stderr
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case outcome, answer, result, answerStatus, reinit, stdout, stderr
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try container.decodeOneOrMany(InvocationOutcome.self, forKey: .outcome)
        answer = try container.decodeIfPresent(RequestMatcher.self, forKey: .answer)
        result = try container.decodeIfPresent(Matcher.self, forKey: .result)
        answerStatus = try container.decodeIfPresent(Int.self, forKey: .answerStatus)
        reinit = try container.decodeIfPresent(Bool.self, forKey: .reinit)
        stdout = try container.decodeIfPresent(Matcher.self, forKey: .stdout)
        stderr = try container.decodeIfPresent(Matcher.self, forKey: .stderr)
    }
}

/// How an init phase ended.
public enum InitOutcome: String, Codable, Sendable, CaseIterable {
    /// The runtime called `/next`: init is complete.
    case ready
    /// The runtime posted `/runtime/init/error`.
    case initError = "init-error"
    /// The process ended without calling `/next` or `/init/error`.
    case exited
    /// Neither `/next` nor an exit before the init timeout; the suite killed the runtime.
    case timeout
}

/// Expectations on the latest init phase.
public struct InitExpectation: Codable, Sendable, Hashable {
    public var outcome: [InitOutcome]?
    /// The `/runtime/init/error` request, when one was sent.
    public var initError: RequestMatcher?
    /// The process must have exited within this many milliseconds of the init ending.
    public var exitsWithinMs: Int?
    /// Init duration (spawn to first `/next`) must be at least this long (init-time sleep is measured).
    public var minDurationMs: Int?

    public init(
        outcome: [InitOutcome]? = nil, initError: RequestMatcher? = nil, exitsWithinMs: Int? = nil,
        minDurationMs: Int? = nil
    ) {
        self.outcome = outcome
        self.initError = initError
        self.exitsWithinMs = exitsWithinMs
        self.minDurationMs = minDurationMs
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case outcome, initError, exitsWithinMs, minDurationMs }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try container.decodeOneOrMany(InitOutcome.self, forKey: .outcome)
        initError = try container.decodeIfPresent(RequestMatcher.self, forKey: .initError)
        exitsWithinMs = try container.decodeIfPresent(Int.self, forKey: .exitsWithinMs)
        minDurationMs = try container.decodeIfPresent(Int.self, forKey: .minDurationMs)
    }
}

/// Expectations on the runtime process.
public struct ProcessExpectation: Codable, Sendable, Hashable {
    /// The process must have exited (false) or still be running (true) within `withinMs`.
    public var alive: Bool?
    public var withinMs: Int?
    /// How many times the bootstrap has been started so far.
    public var starts: Int?

    public init(alive: Bool? = nil, withinMs: Int? = nil, starts: Int? = nil) {
        self.alive = alive
        self.withinMs = withinMs
        self.starts = starts
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case alive, withinMs, starts }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        alive = try container.decodeIfPresent(Bool.self, forKey: .alive)
        withinMs = try container.decodeIfPresent(Int.self, forKey: .withinMs)
        starts = try container.decodeIfPresent(Int.self, forKey: .starts)
    }
}

/// Named checks over the whole recorded conversation, implemented in Swift (like h2spec's `Verify…` helpers).
public enum WireCheck: String, Codable, Sendable, CaseIterable {
    /// The first request of every runtime process is `GET /next` or `POST /runtime/init/error`.
    case firstRequestIsNextOrInitError = "first-request-is-next-or-init-error"
    /// Every `/response` and `/error` names the id of the invocation in flight.
    case answersUseRequestId = "answers-use-request-id"
    /// No invocation is answered twice.
    case oneAnswerPerInvocation = "one-answer-per-invocation"
    /// After answering, the runtime polls `/next` again.
    case pollsNextAfterAnswer = "polls-next-after-answer"
    /// After `/runtime/init/error` the runtime sends nothing more and exits.
    case silentAfterInitError = "silent-after-init-error"
    /// Every request is well-formed HTTP/1.1 to a known Runtime API path.
    case wellFormedRequests = "well-formed-requests"
    /// An observation, never a failure: how many connections the runtime used for how many requests.
    case connectionUsage = "connection-usage"
    /// A streamed response's connection carries no further request (runtime-api.md §4: "Close the underlying
    /// connection after it has successfully written the response").
    case closesConnectionAfterStream = "closes-connection-after-stream"
}
