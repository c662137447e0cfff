/// One step of a scenario. Steps run in order; an `invoke` waits for its outcome before the next step starts.
public enum Step: Sendable, Hashable {
    /// Expect how the environment's (first or latest) init ended.
    case initialization(InitExpectation)
    /// Queue an invocation, wait for its outcome, then judge it.
    case invoke(Invocation, InvocationExpectation)
    /// Reset the execution environment: kill the runtime's process group; the next invocation re-inits, /tmp is kept.
    case reset
    /// Let time pass (e.g. a runtime that must tolerate a slow `/next`).
    case wait(milliseconds: Int)
    /// Expect the state of the runtime process.
    case process(ProcessExpectation)
}

extension Step: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case `init`, invoke, expect, reset, wait, process }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let actions = container.allKeys.filter { $0 != .expect }
        guard actions.count == 1, let action = actions.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "a step has exactly one of init, invoke, reset, wait, process (found \(actions.map(\.stringValue)))"
                )
            )
        }
        if action != .invoke, container.contains(.expect) {
            // An `expect` next to anything but `invoke` would be silently ignored, so a scenario would check nothing.
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath + [CodingKeys.expect],
                    debugDescription: "expect belongs to an invoke step, not to \(action.stringValue)"
                )
            )
        }
        switch action {
        case .`init`: self = .initialization(try container.decode(InitExpectation.self, forKey: .`init`))
        case .invoke:
            let expectation = try container.decodeIfPresent(InvocationExpectation.self, forKey: .expect) ?? .init()
            self = .invoke(try container.decode(Invocation.self, forKey: .invoke), expectation)
        case .reset: self = .reset
        case .wait: self = .wait(milliseconds: try container.decode(Int.self, forKey: .wait))
        case .process: self = .process(try container.decode(ProcessExpectation.self, forKey: .process))
        case .expect: fatalError("unreachable: expect is filtered out above")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .initialization(let expectation): try container.encode(expectation, forKey: .`init`)
        case .invoke(let invocation, let expectation):
            try container.encode(invocation, forKey: .invoke)
            try container.encode(expectation, forKey: .expect)
        case .reset: try container.encode([String: String](), forKey: .reset)
        case .wait(let milliseconds): try container.encode(milliseconds, forKey: .wait)
        case .process(let expectation): try container.encode(expectation, forKey: .process)
        }
    }
}

/// An invocation the mock delivers on `/next`.
public struct Invocation: Codable, Sendable, Hashable {
    /// A label so later matchers can refer to this invocation (`{{name.traceId}}`).
    public var name: String?
    /// The event, sent as compact JSON.
    public var event: JSONValue?
    /// The event as exact bytes (for unicode, escapes, non-JSON content).
    public var rawEvent: String?
    /// Generate an `echo` event whose payload is a string of this many ASCII characters.
    public var echoBytes: Int?
    /// Overrides for the `/next` headers, by logical name (`traceId`, `invokedFunctionArn`, `clientContext`,
    /// `cognitoIdentity`, `tenantId`, `contentType`, `requestId`, `deadlineMs`); `null` omits the header.
    public var headers: [String: JSONValue]?
    /// Function timeout for this invocation, overriding the environment's.
    public var functionTimeoutMs: Int?
    public var fault: DeliveryFault?

    public init(
        name: String? = nil,
        event: JSONValue? = nil,
        rawEvent: String? = nil,
        echoBytes: Int? = nil,
        headers: [String: JSONValue]? = nil,
        functionTimeoutMs: Int? = nil,
        fault: DeliveryFault? = nil
    ) {
        self.name = name
        self.event = event
        self.rawEvent = rawEvent
        self.echoBytes = echoBytes
        self.headers = headers
        self.functionTimeoutMs = functionTimeoutMs
        self.fault = fault
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, event, rawEvent, echoBytes, headers, functionTimeoutMs, fault
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        event = try container.decodeIfPresent(JSONValue.self, forKey: .event)
        rawEvent = try container.decodeIfPresent(String.self, forKey: .rawEvent)
        echoBytes = try container.decodeIfPresent(Int.self, forKey: .echoBytes)
        headers = try container.decodeIfPresent([String: JSONValue].self, forKey: .headers)
        functionTimeoutMs = try container.decodeIfPresent(Int.self, forKey: .functionTimeoutMs)
        fault = try container.decodeIfPresent(DeliveryFault.self, forKey: .fault)
    }
}

/// Faults the mock injects into one invocation's exchanges.
public struct DeliveryFault: Codable, Sendable, Hashable {
    /// Hold the runtime's `/next` this long before delivering (the runtime must not time out its GET).
    public var nextDelayMs: Int?
    /// Answer `/next` with this error status instead of the event (500: "runtime should exit promptly").
    public var nextStatus: Int?
    /// Close the connection half-way through the `/next` response.
    public var closeMidResponse: Bool?
    /// Answer the runtime's `/response` or `/error` with this status instead of the one the state machine picks.
    public var answerStatus: Int?

    public init(
        nextDelayMs: Int? = nil, nextStatus: Int? = nil, closeMidResponse: Bool? = nil, answerStatus: Int? = nil
    ) {
        self.nextDelayMs = nextDelayMs
        self.nextStatus = nextStatus
        self.closeMidResponse = closeMidResponse
        self.answerStatus = answerStatus
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case nextDelayMs, nextStatus, closeMidResponse, answerStatus }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nextDelayMs = try container.decodeIfPresent(Int.self, forKey: .nextDelayMs)
        nextStatus = try container.decodeIfPresent(Int.self, forKey: .nextStatus)
        closeMidResponse = try container.decodeIfPresent(Bool.self, forKey: .closeMidResponse)
        answerStatus = try container.decodeIfPresent(Int.self, forKey: .answerStatus)
    }
}
