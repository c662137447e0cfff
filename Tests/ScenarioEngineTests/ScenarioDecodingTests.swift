import ConformanceModel
import Testing

@testable import ScenarioEngine

@Suite("Decoding scenario YAML")
struct ScenarioDecodingTests {
    static let everyStepKind = #"""
        id: invocation.every.step-kind
        title: Every step kind decodes
        level: should
        requirement: Every step kind of FORMAT.md decodes into the model.
        source: "runtime-api.md §1"
        capabilities: [echo, error, sleep]
        steps:
          - init: {outcome: ready, minDurationMs: 10, exitsWithinMs: 500}
          - invoke:
              name: first-call
              event:
                op: echo
                payload: {quoted: "123", plain: 123, accent: "\u00e9t\u00e9", nested: {a: [1, {b: null}]}}
              headers: {traceId: null, invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:f"}
              functionTimeoutMs: 300
              fault: {nextDelayMs: 100, nextStatus: 500, closeMidResponse: true, answerStatus: 403}
            expect:
              outcome: response
              answerStatus: 202
              reinit: false
              answer:
                headers: {Content-Type: {$startsWith: application/json}}
                bodySize: 12
                chunked: false
                trailers: {Lambda-Runtime-Function-Error-Type: {$exists: false}}
              result: {requestId: "{{requestId}}"}
              stdout: {$contains: marker}
              stderr: ""
          - invoke: {rawEvent: '{"op":"echo","payload":"\u00e9"}'}
            expect: {outcome: [error, crash]}
          - invoke: {echoBytes: 6000000}
          - reset: {}
          - wait: 500
          - process: {alive: false, withinMs: 1000, starts: 2}
        checks: [answers-use-request-id, connection-usage]
        failedBy: [wrong-request-id]
        """#

    @Test("A scenario using every step kind decodes field by field")
    func everyStepKindDecodes() throws {
        let scenario = try ScenarioCatalogue.decode(Self.everyStepKind)
        #expect(scenario.id == "invocation.every.step-kind")
        #expect(scenario.area == "invocation")
        #expect(scenario.level == .should)
        #expect(scenario.capabilities == ["echo", "error", "sleep"])
        #expect(scenario.checks == [.answersUseRequestId, .connectionUsage])
        #expect(scenario.failedBy == ["wrong-request-id"])
        try #require(scenario.steps.count == 7)

        #expect(
            scenario.steps[0]
                == .initialization(InitExpectation(outcome: [.ready], exitsWithinMs: 500, minDurationMs: 10)))

        guard case .invoke(let invocation, let expectation) = scenario.steps[1] else {
            Issue.record("step 2 is not an invoke: \(scenario.steps[1])")
            return
        }
        #expect(invocation.name == "first-call")
        #expect(
            invocation.event
                == json(
                    #"""
                    {"op":"echo","payload":{"quoted":"123","plain":123,"accent":"été","nested":{"a":[1,{"b":null}]}}}
                    """#))
        #expect(
            invocation.headers == [
                "traceId": .null, "invokedFunctionArn": .string("arn:aws:lambda:eu-west-1:123456789012:function:f"),
            ])
        #expect(invocation.functionTimeoutMs == 300)
        #expect(
            invocation.fault
                == DeliveryFault(nextDelayMs: 100, nextStatus: 500, closeMidResponse: true, answerStatus: 403))
        #expect(expectation.outcome == [.response])
        #expect(expectation.answerStatus == 202)
        #expect(expectation.reinit == false)
        #expect(expectation.answer?.headers?["Content-Type"] == Matcher(json(#"{"$startsWith":"application/json"}"#)))
        #expect(
            expectation.answer?.trailers?["Lambda-Runtime-Function-Error-Type"] == Matcher(json(#"{"$exists":false}"#)))
        #expect(expectation.answer?.bodySize == 12)
        #expect(expectation.answer?.chunked == false)
        #expect(expectation.result == Matcher(json(#"{"requestId":"{{requestId}}"}"#)))
        #expect(expectation.stdout == Matcher(json(#"{"$contains":"marker"}"#)))
        #expect(expectation.stderr == Matcher(.string("")))

        // Single quotes keep the backslash: the runtime receives the JSON escape itself, not "é".
        #expect(
            scenario.steps[2]
                == .invoke(
                    Invocation(rawEvent: #"{"op":"echo","payload":"\u00e9"}"#),
                    InvocationExpectation(outcome: [.error, .crash])
                ))
        #expect(scenario.steps[3] == .invoke(Invocation(echoBytes: 6_000_000), InvocationExpectation()))
        #expect(scenario.steps[4] == .reset)
        #expect(scenario.steps[5] == .wait(milliseconds: 500))
        #expect(scenario.steps[6] == .process(ProcessExpectation(alive: false, withinMs: 1000, starts: 2)))
    }

    @Test("Without an environment block every setting takes its documented default")
    func environmentDefaults() throws {
        let scenario = try ScenarioCatalogue.decode(scenarioYAML())
        #expect(scenario.environment == EnvironmentSettings())
        #expect(scenario.environment.functionTimeoutMs == 1500)
        #expect(scenario.environment.initTimeoutMs == 3000)
        #expect(scenario.environment.memoryMB == nil)
        #expect(scenario.environment.needsLimits == false)
        #expect(scenario.environment.settleMs == 1000)
        #expect(scenario.environment.variables.isEmpty)
        #expect(scenario.capabilities.isEmpty)
        #expect(scenario.checks.isEmpty)
        #expect(scenario.failedBy.isEmpty)
    }

    @Test("A partial environment keeps the defaults of the settings it leaves out")
    func partialEnvironment() throws {
        let scenario = try ScenarioCatalogue.decode(
            scenarioYAML(
                header: "environment: {functionTimeoutMs: 300, variables: {PROBE_INIT_FAIL: boom, PROBE_X: 200}}"
            ))
        #expect(
            scenario.environment
                == EnvironmentSettings(
                    functionTimeoutMs: 300,
                    variables: ["PROBE_INIT_FAIL": "boom", "PROBE_X": "200"]
                ))
    }

    @Test("The area is the first segment of the id unless given, and a matching explicit area is accepted")
    func areaFromID() throws {
        #expect(try ScenarioCatalogue.decode(scenarioYAML(id: "errors.handler.posted")).area == "errors")
        #expect(
            try ScenarioCatalogue.decode(scenarioYAML(id: "errors.handler", header: "area: errors")).area == "errors")
    }

    @Test("Outcome is accepted as one name or as a list, for invocations and inits")
    func outcomeOneOrMany() throws {
        let scenario = try ScenarioCatalogue.decode(
            scenarioYAML(
                steps: """
                      - init: {outcome: [init-error, exited]}
                      - invoke: {event: {op: error}}
                        expect: {outcome: not-delivered}
                      - invoke: {event: {op: error}}
                        expect: {outcome: [timeout, crash, abandoned]}
                    """))
        #expect(scenario.steps[0] == .initialization(InitExpectation(outcome: [.initError, .exited])))
        #expect(
            scenario.steps[1] == .invoke(Invocation(event: json(#"{"op":"error"}"#)), .init(outcome: [.notDelivered])))
        #expect(
            scenario.steps[2]
                == .invoke(
                    Invocation(event: json(#"{"op":"error"}"#)),
                    .init(outcome: [.timeout, .crash, .abandoned])
                ))
    }

    /// YAML scalars as a scenario's event payload and the JSON value the runtime will receive.
    static let scalars: [(yaml: String, expected: JSONValue)] = [
        (#""123""#, .string("123")),
        ("123", .number(123)),
        ("-1.5", .number(-1.5)),
        ("1e3", .number(1000)),
        (#""true""#, .string("true")),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        ("~", .null),
        (#""null""#, .string("null")),
        ("''", .string("")),
        (#""\u00e9\u4e2d\U0001F600""#, .string("é中😀")),
        (#"'\u00e9'"#, .string(#"\u00e9"#)),
        (#""line\nbreak\ttab""#, .string("line\nbreak\ttab")),
        (
            #"{a: {b: [1, "2", {c: null}]}, d: []}"#,
            .object(["a": .object(["b": .array([.number(1), .string("2"), .object(["c": .null])])]), "d": .array([])])
        ),
        ("[]", .array([])),
        ("{}", .object([:])),
        // YAML 1.1 booleans: an unquoted yes/on is not a string, so scenarios must quote such words.
        ("yes", .bool(true)),
        ("on", .bool(true)),
        (#""yes""#, .string("yes")),
    ]

    @Test("YAML scalars in an event keep their JSON type: quoted stays a string, plain is typed", arguments: scalars)
    func eventScalars(yaml: String, expected: JSONValue) throws {
        let scenario = try ScenarioCatalogue.decode(
            scenarioYAML(
                steps: """
                      - invoke: {event: {op: echo, payload: \(yaml)}}
                    """))
        guard case .invoke(let invocation, _) = scenario.steps.first else {
            Issue.record("not an invoke step")
            return
        }
        #expect(invocation.event?["payload"] == expected)
    }

    @Test("A null header value in invoke.headers is kept as null (the header will be omitted)")
    func nullHeader() throws {
        let scenario = try ScenarioCatalogue.decode(
            scenarioYAML(
                steps: """
                      - invoke:
                          event: {op: context}
                          headers: {traceId: null, clientContext: "null", tenantId: ~, X-Extra: 42}
                    """))
        guard case .invoke(let invocation, _) = scenario.steps.first else {
            Issue.record("not an invoke step")
            return
        }
        #expect(
            invocation.headers == [
                "traceId": .null, "clientContext": .string("null"), "tenantId": .null, "X-Extra": .number(42),
            ])
    }

    @Test("Block and flow styles of the same matcher decode to the same value")
    func blockAndFlowStyles() throws {
        let flow = try ScenarioCatalogue.decode(
            scenarioYAML(
                steps: """
                      - invoke: {event: {op: context}}
                        expect: {result: {remainingMs: {$between: ["{{remainingAtAnswerMs}}", 1500], $tolerance: 50}}}
                    """))
        let block = try ScenarioCatalogue.decode(
            scenarioYAML(
                steps: """
                      - invoke:
                          event:
                            op: context
                        expect:
                          result:
                            remainingMs:
                              $between:
                                - "{{remainingAtAnswerMs}}"
                                - 1500
                              $tolerance: 50
                    """))
        #expect(flow.steps == block.steps)
    }

    @Test("Level names are case-insensitive")
    func levelCase() throws {
        #expect(try ScenarioCatalogue.decode(scenarioYAML(level: "info")).level == .info)
        #expect(try ScenarioCatalogue.decode(scenarioYAML(level: "Must")).level == .must)
    }

    @Test("Templates that name earlier invocations, labels and the environment load")
    func validTemplates() throws {
        let scenario = try ScenarioCatalogue.decode(
            scenarioYAML(
                steps: """
                      - invoke: {name: warm, event: {op: context}, headers: {X-Custom: abc}}
                        expect: {result: {requestId: "{{requestId}}", traceId: {$ne: "{{env._X_AMZN_TRACE_ID}}"}}}
                      - invoke: {event: {op: context}, headers: {traceId: "{{previous.traceId}}"}}
                        expect:
                          result: {traceId: {$eq: "{{first.traceId}}", $ne: "{{warm.requestId}}"}}
                          stdout: {$contains: "{{X-Custom}} at {{deadlineMs}}"}
                    """))
        #expect(scenario.steps.count == 2)
    }
}
