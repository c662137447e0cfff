import ConformanceModel
import Testing

@testable import ScenarioEngine

@Suite("Judging recorded invocations and inits")
struct JudgeTests {
    static let label = "step 1 (invoke echo)"

    static func invocationJudge(_ exchanges: [RecordedExchange] = [], logs: [LogLine] = []) -> InvocationJudge {
        InvocationJudge(
            exchanges: exchanges, logs: logs, evaluator: MatcherEvaluator(context: TemplateContext()), label: label)
    }

    @Test("An outcome mismatch says what was expected and what happened, with timing and status")
    func outcomeMismatch() {
        let checks = Self.invocationJudge().checks(
            InvocationExpectation(outcome: [.response]),
            invocationRecord(.error, deliveredAtMs: 10, answeredAtMs: 25.4, answerStatus: 202),
            windowEnd: nil
        )
        #expect(
            checks == [
                CheckResult(
                    description: "step 1 (invoke echo): outcome", passed: false,
                    expected: "response", actual: "error after 15 ms (status 202)"
                )
            ])
    }

    @Test(
        "Outcomes without an answer are described in words; a list of outcomes reads 'or'",
        arguments: [
            (InvocationOutcome.timeout, "timeout: no answer before the deadline; process group killed"),
            (.crash, "crash: the process ended before answering"),
            (.abandoned, "abandoned: the runtime polled /next again without answering"),
            (.notDelivered, "not delivered: the runtime was not polling /next"),
        ])
    func outcomeWords(outcome: InvocationOutcome, words: String) {
        let checks = Self.invocationJudge().checks(
            InvocationExpectation(outcome: [.timeout, .crash]),
            invocationRecord(outcome, answeredAtMs: nil, answerStatus: nil),
            windowEnd: nil
        )
        #expect(checks.first?.expected == "timeout or crash")
        #expect(checks.first?.actual == words)
        #expect(checks.first?.passed == [.timeout, .crash].contains(outcome))
    }

    @Test("answerStatus and reinit are checked against the record")
    func statusAndReinit() {
        let checks = Self.invocationJudge().checks(
            InvocationExpectation(answerStatus: 413, reinit: false),
            invocationRecord(.crash, answeredAtMs: nil, answerStatus: nil, reinit: true, processStart: 2),
            windowEnd: nil
        )
        #expect(checks.map(\.passed) == [false, false])
        #expect(checks.first?.actual == "no answer")
        #expect(checks.last?.actual == "a fresh init (start #2)")
    }

    @Test("An answer body that is not JSON fails a result matcher with 'not JSON' and the text")
    func answerNotJSON() {
        var conversation = Conversation()
        conversation.next(delivering: "req-1")
        let sequence = conversation.answer("req-1", body: "oops, plain text")
        let checks = Self.invocationJudge(conversation.exchanges).checks(
            InvocationExpectation(result: Matcher(.number(1))),
            invocationRecord(answerSequence: sequence),
            windowEnd: nil
        )
        #expect(
            checks == [
                CheckResult(
                    description: "step 1 (invoke echo) answer: body", passed: false,
                    expected: "a JSON body", actual: #"not JSON: "oops, plain text""#
                )
            ])
    }

    @Test("Answer matchers: headers case-insensitively, body by path, body text, size and chunking")
    func answerMatchers() {
        var conversation = Conversation()
        conversation.next(delivering: "req-1")
        let sequence = conversation.answer(
            "req-1", kind: "error",
            body: #"{"errorType":"Probe.Custom","errorMessage":"boom"}"#,
            headers: [HeaderField(name: "lambda-runtime-function-error-type", value: "Probe.Custom")]
        )
        let expectation = InvocationExpectation(
            answer: RequestMatcher(
                headers: [
                    "Lambda-Runtime-Function-Error-Type": Matcher(.string("Probe.Custom")),
                    "Content-Type": Matcher(json(#"{"$exists":false}"#)),
                ],
                body: Matcher(json(#"{"errorType":"Probe.Other"}"#)),
                bodyText: Matcher(json(#"{"$contains":"boom"}"#)),
                bodySize: 50,
                chunked: true
            ))
        let checks = Self.invocationJudge(conversation.exchanges)
            .checks(expectation, invocationRecord(.error, answerSequence: sequence), windowEnd: nil)
        let byName = Dictionary(checks.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        let prefix = "step 1 (invoke echo) answer: "
        #expect(byName[prefix + "header Content-Type"]?.passed == true)
        #expect(byName[prefix + "header Lambda-Runtime-Function-Error-Type"]?.passed == true)
        #expect(
            byName[prefix + "body errorType"]
                == CheckResult(
                    description: prefix + "body errorType", passed: false, expected: #""Probe.Other""#,
                    actual: #""Probe.Custom""#
                ))
        #expect(byName[prefix + "body text"]?.passed == true)
        #expect(byName[prefix + "body size"]?.passed == true)
        #expect(byName[prefix + "chunked transfer encoding"]?.actual == "not chunked")
        #expect(checks.count == 6)
    }

    @Test("A result expectation without any answer fails as 'request sent'")
    func noAnswer() {
        let checks = Self.invocationJudge().checks(
            InvocationExpectation(result: Matcher(.number(1))),
            invocationRecord(.timeout, answeredAtMs: nil, answerSequence: nil),
            windowEnd: nil
        )
        #expect(
            checks == [
                CheckResult(
                    description: "step 1 (invoke echo) answer: request sent", passed: false, expected: "a request",
                    actual: "none"
                )
            ])
    }

    @Test("stdout and stderr are the lines of this process printed from delivery until the next delivery")
    func outputWindows() {
        let logs = [
            LogLine(stream: .stdout, atMs: 5, processStart: 1, text: "init banner"),
            LogLine(stream: .stdout, atMs: 12, processStart: 1, text: "first marker"),
            LogLine(stream: .stderr, atMs: 13, processStart: 1, text: "first warning"),
            LogLine(stream: .stdout, atMs: 14, processStart: 1, text: "first tail"),
            LogLine(stream: .stdout, atMs: 22, processStart: 1, text: "second marker"),
            LogLine(stream: .stdout, atMs: 23, processStart: 2, text: "another process"),
        ]
        let records: [StepRecord] = [
            .invoke(
                InvocationExpectation(
                    stdout: Matcher(.string("first marker\nfirst tail")), stderr: Matcher(.string("first warning"))),
                invocationRecord(deliveredAtMs: 10, answeredAtMs: 15)
            ),
            .other,
            .invoke(
                InvocationExpectation(stdout: Matcher(json(#"{"$eq":"second marker"}"#)), stderr: Matcher(.string(""))),
                invocationRecord(deliveredAtMs: 20, answeredAtMs: 30)
            ),
        ]
        let checks = Judge(exchanges: [], logs: logs, environment: [:]).checks(for: records)
        #expect(
            checks.map(\.description) == [
                "step 1 (invoke echo): stdout", "step 1 (invoke echo): stderr",
                "step 3 (invoke echo): stdout", "step 3 (invoke echo): stderr",
            ])
        #expect(checks.allSatisfy { $0.passed }, "\(checks.filter { !$0.passed })")

        let failing = Judge(exchanges: [], logs: logs, environment: [:]).checks(for: [
            .invoke(
                InvocationExpectation(stdout: Matcher(json(#"{"$contains":"nowhere"}"#))),
                invocationRecord(deliveredAtMs: 10))
        ])
        #expect(failing.first?.passed == false)
        #expect(failing.first?.actual == #""first marker\nfirst tail\nsecond marker""#)
        #expect(failing.first?.expected == #"{"$contains":"nowhere"}"#)
    }

    @Test("Templates in a later step see the current, previous, first, labelled invocations and the environment")
    func templatesAcrossSteps() {
        var conversation = Conversation()
        conversation.next(delivering: "id-1")
        let first = conversation.answer("id-1", body: #"{"requestId":"id-1","traceId":"T1"}"#)
        conversation.next(delivering: "id-2")
        let second = conversation.answer("id-2", body: #"{"requestId":"id-2","traceId":"T2","region":"eu-west-1"}"#)
        let records: [StepRecord] = [
            .invoke(
                InvocationExpectation(result: Matcher(json(#"{"requestId":"{{requestId}}","traceId":"{{traceId}}"}"#))),
                invocationRecord(name: "warm", sent: ["requestId": "id-1", "traceId": "T1"], answerSequence: first)
            ),
            .invoke(
                InvocationExpectation(
                    result: Matcher(
                        json(
                            #"""
                            {"requestId": {"$eq": "{{requestId}}", "$ne": "{{warm.requestId}}"},
                             "traceId": {"$eq": "{{traceId}}", "$ne": "{{previous.traceId}}",
                                         "$not": "{{first.traceId}}"},
                             "region": "{{env.AWS_REGION}}"}
                            """#))),
                invocationRecord(
                    sent: ["requestId": "id-2", "traceId": "T2"], deliveredAtMs: 30, answerSequence: second)
            ),
        ]
        let checks = Judge(exchanges: conversation.exchanges, logs: [], environment: ["AWS_REGION": "eu-west-1"])
            .checks(for: records)
        #expect(checks.count == 2)
        #expect(checks.allSatisfy { $0.passed }, "\(checks.filter { !$0.passed })")
    }

    @Test("Process checks compare liveness and the number of starts")
    func processChecks() {
        let checks = Judge.processChecks(
            ProcessExpectation(alive: false, withinMs: 1000, starts: 1),
            ProcessObservation(alive: true, starts: 2, observedAtMs: 50),
            label: "step 2 (process)"
        )
        #expect(
            checks == [
                CheckResult(
                    description: "step 2 (process): runtime process exits within 1000 ms", passed: false,
                    expected: "exited within 1000 ms", actual: "still running"),
                CheckResult(
                    description: "step 2 (process): bootstrap started 1 time(s)", passed: false,
                    expected: "1", actual: "2"),
            ])
    }

    // MARK: - Init

    static let initRecord = InitRecord(
        processStart: 1, outcome: .initError, startedAtMs: 0, endedAtMs: 250, exitedAtMs: 300)

    static func initChecks(
        _ expectation: InitExpectation, _ record: InitRecord?, exchanges: [RecordedExchange] = []
    )
        -> [CheckResult]
    {
        InitJudge(exchanges: exchanges, evaluator: MatcherEvaluator(context: TemplateContext()))
            .checks(expectation, record, label: "step 1 (init)")
    }

    @Test("Init outcome: a mismatch reports the outcome and how long the init took")
    func initOutcome() {
        let checks = Self.initChecks(InitExpectation(outcome: [.ready]), Self.initRecord)
        #expect(
            checks == [
                CheckResult(
                    description: "step 1 (init): init outcome", passed: false, expected: "ready",
                    actual: "init-error after 250 ms"
                )
            ])
        #expect(Self.initChecks(InitExpectation(outcome: [.ready, .initError]), Self.initRecord).first?.passed == true)
    }

    @Test(
        "exitsWithinMs measures from the end of init to the exit; no exit fails as killed",
        arguments: [
            (100, 300.0 as Double?, true, "exited after 50 ms"),
            (20, 300, false, "exited after 50 ms"),
            (1000, nil, false, "did not exit; killed"),
        ])
    func exitsWithin(within: Int, exitedAt: Double?, passes: Bool, actual: String) {
        var record = Self.initRecord
        record.exitedAtMs = exitedAt
        let checks = Self.initChecks(InitExpectation(exitsWithinMs: within), record)
        #expect(checks.first?.passed == passes)
        #expect(checks.first?.actual == actual)
        #expect(checks.first?.expected == "exit within \(within) ms")
    }

    @Test("minDurationMs passes only when the init took at least that long")
    func minDuration() {
        #expect(Self.initChecks(InitExpectation(minDurationMs: 200), Self.initRecord).first?.passed == true)
        let tooShort = Self.initChecks(InitExpectation(minDurationMs: 300), Self.initRecord)
        #expect(tooShort.first?.passed == false)
        #expect(tooShort.first?.actual == "250 ms")
        #expect(tooShort.first?.expected == "at least 300 ms")
    }

    @Test("The init/error request of the right process is matched; a missing init fails as 'an init ran'")
    func initErrorRequest() {
        var conversation = Conversation()
        conversation.initError(body: #"{"errorType":"Other","errorMessage":"first process"}"#)
        conversation.restart()
        conversation.initError()
        var record = Self.initRecord
        record.processStart = 2
        let matcher = RequestMatcher(
            headers: ["Lambda-Runtime-Function-Error-Type": Matcher(.string("Probe.InitFailed"))],
            body: Matcher(json(#"{"errorType":"Probe.InitFailed","errorMessage":"boom"}"#))
        )
        let checks = Self.initChecks(InitExpectation(initError: matcher), record, exchanges: conversation.exchanges)
        #expect(checks.count == 2)
        #expect(checks.allSatisfy { $0.passed }, "\(checks)")

        record.processStart = 3
        let missing = Self.initChecks(InitExpectation(initError: matcher), record, exchanges: conversation.exchanges)
        #expect(missing.first?.description == "step 1 (init) /init/error: request sent")
        #expect(missing.first?.passed == false)

        #expect(
            Self.initChecks(InitExpectation(outcome: [.ready]), nil) == [
                CheckResult(
                    description: "step 1 (init): an init ran", passed: false, expected: "an init", actual: "none"
                )
            ])
    }
}
