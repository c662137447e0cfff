import ConformanceModel
import Testing

@testable import ScenarioEngine

@Suite("Template resolution")
struct TemplateContextTests {
    let context = TemplateContext(
        current: [
            "requestId": .string("req-2"),
            "traceId": .string("Root=1-current"),
            "deadlineMs": .number(1_700_000_001_500),
            "clientContext": .null,
        ],
        named: [
            "first": ["requestId": .string("req-1"), "traceId": .string("Root=1-first")],
            "previous": ["requestId": .string("req-1b"), "traceId": .string("Root=1-previous")],
            "warm": ["requestId": .string("req-warm"), "deadlineMs": .number(42)],
        ],
        environment: ["AWS_REGION": "us-east-1", "_HANDLER": "probe.handler"]
    )

    @Test("A string that is exactly one template becomes the value itself: numbers stay numbers")
    func wholeTemplateKeepsType() {
        #expect(context.resolve(.string("{{deadlineMs}}")) == .number(1_700_000_001_500))
        #expect(context.resolve(.string("{{requestId}}")) == .string("req-2"))
        #expect(context.resolve(.string("  {{ traceId }} ")) == .string("Root=1-current"))
        #expect(context.resolve(.string("{{warm.deadlineMs}}")) == .number(42))
    }

    @Test("A header that was not sent, an unknown name or a missing variable becomes null")
    func missingBecomesNull() {
        #expect(context.resolve(.string("{{clientContext}}")) == .null)
        #expect(context.resolve(.string("{{tenantId}}")) == .null)
        #expect(context.resolve(.string("{{env.NOT_SET}}")) == .null)
        #expect(context.resolve(.string("{{nobody.traceId}}")) == .null)
        #expect(context.resolve(.string("{{first.deadlineMs}}")) == .null)
    }

    @Test("Templates inside a longer string are interpolated as text, null as the word null")
    func interpolation() {
        #expect(
            context.resolve(.string("trace={{traceId}};deadline={{deadlineMs}}"))
                == .string("trace=Root=1-current;deadline=1700000001500"))
        #expect(context.resolve(.string("ctx={{clientContext}}")) == .string("ctx=null"))
        #expect(context.resolve(.string("{{requestId}} after {{previous.requestId}}")) == .string("req-2 after req-1b"))
        #expect(context.resolve(.string("{{requestId}}{{requestId}}")) == .string("req-2req-2"))
        #expect(context.resolve(.string("unclosed {{requestId")) == .string("unclosed {{requestId"))
        // Starts with "{{" and ends with "}}" but is not one template: interpolated, not looked up as one name.
        #expect(context.resolve(.string("{{requestId}} }}")) == .string("req-2 }}"))
    }

    @Test("previous, first, a label and env each reach their own values")
    func prefixes() {
        #expect(context.resolve(.string("{{previous.traceId}}")) == .string("Root=1-previous"))
        #expect(context.resolve(.string("{{first.requestId}}")) == .string("req-1"))
        #expect(context.resolve(.string("{{warm.requestId}}")) == .string("req-warm"))
        #expect(context.resolve(.string("{{env.AWS_REGION}}")) == .string("us-east-1"))
        #expect(context.resolve(.string("region {{env.AWS_REGION}}")) == .string("region us-east-1"))
    }

    @Test("Templates resolve at any depth of arrays and objects; other values are untouched")
    func nested() {
        let pattern = JSONValue.object([
            "bounds": .array([.string("{{deadlineMs}}"), .number(5)]),
            "inner": .object(["id": .string("{{first.requestId}}"), "flag": .bool(true)]),
            "plain": .string("no { templates } here"),
        ])
        #expect(
            context.resolve(pattern)
                == .object([
                    "bounds": .array([.number(1_700_000_001_500), .number(5)]),
                    "inner": .object(["id": .string("req-1"), "flag": .bool(true)]),
                    "plain": .string("no { templates } here"),
                ]))
    }

    @Test(
        "An invocation's variables: headers sent as strings, unsent ones null, deadline and remaining times as numbers")
    func variablesOfRecord() {
        let record = invocationRecord(
            sent: ["requestId": "req-9", "traceId": "Root=1-x", "deadlineMs": "1700000001500", "X-Extra": "1"],
            answeredAtMs: 110
        )
        let variables = TemplateContext.variables(of: record)
        #expect(variables["requestId"] == .string("req-9"))
        #expect(variables["traceId"] == .string("Root=1-x"))
        #expect(variables["X-Extra"] == .string("1"))
        #expect(variables["clientContext"] == .null)
        #expect(variables["cognitoIdentity"] == .null)
        #expect(variables["tenantId"] == .null)
        #expect(variables["deadlineMs"] == .number(1_700_000_001_500))
        #expect(variables["remainingAtDeliveryMs"] == .number(1500))
        #expect(variables["remainingAtAnswerMs"] == .number(1400))
        let unanswered = TemplateContext.variables(of: invocationRecord(.timeout, answeredAtMs: nil))
        #expect(unanswered["remainingAtAnswerMs"] == nil)
    }
}
