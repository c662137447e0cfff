import ConformanceModel
import Testing

@testable import ScenarioEngine

@Suite("Whole-conversation wire checks")
struct WireCheckEvaluatorTests {
    /// Two invocations answered properly, then the runtime parks in `/next`.
    static var healthy: Conversation {
        var conversation = Conversation()
        conversation.next(delivering: "id-1")
        conversation.answer("id-1")
        conversation.next(delivering: "id-2")
        conversation.answer("id-2", kind: "error")
        conversation.parkedNext()
        return conversation
    }

    static func result(_ check: WireCheck, _ conversation: Conversation) -> CheckResult {
        WireCheckEvaluator(exchanges: conversation.exchanges).evaluate(check)
    }

    @Test("A healthy conversation passes every check", arguments: WireCheck.allCases)
    func healthyPasses(_ check: WireCheck) {
        let result = Self.result(check, Self.healthy)
        #expect(result.passed, "\(result)")
        #expect(result.description == "wire: \(check.rawValue)")
    }

    @Test("first-request: a process that starts with an answer fails; init/error first is fine")
    func firstRequest() {
        var conversation = Conversation()
        conversation.initError()
        conversation.restart()
        conversation.next(delivering: "id-1")
        #expect(Self.result(.firstRequestIsNextOrInitError, conversation).passed)

        conversation.restart()
        conversation.answer("id-1")
        let result = Self.result(.firstRequestIsNextOrInitError, conversation)
        #expect(!result.passed)
        #expect(result.actual == "#2 POST /2018-06-01/runtime/invocation/id-1/response → 202")
    }

    @Test("answers-use-request-id: an answer naming another id fails")
    func wrongID() {
        var conversation = Conversation()
        conversation.next(delivering: "id-1")
        conversation.answer("id-0")
        let result = Self.result(.answersUseRequestId, conversation)
        #expect(!result.passed)
        #expect(result.expected == "an answer for id-1")
        #expect(result.actual.contains("/invocation/id-0/response"))
    }

    @Test("answers-use-request-id: an answer before any /next fails, also after a restart")
    func answerBeforeNext() {
        var conversation = Conversation()
        conversation.answer("id-1", status: 400)
        #expect(Self.result(.answersUseRequestId, conversation).expected == "an answer for no invocation in flight")

        var restarted = Conversation()
        restarted.next(delivering: "id-1")
        restarted.restart()
        restarted.answer("id-1")
        #expect(!Self.result(.answersUseRequestId, restarted).passed)
    }

    @Test("answers-use-request-id: an /error after a 413 for the same id is still the invocation in flight")
    func errorAfterTooLarge() {
        var conversation = Conversation()
        conversation.next(delivering: "id-1")
        conversation.answer("id-1", status: 413)
        conversation.answer("id-1", kind: "error")
        conversation.parkedNext()
        #expect(Self.result(.answersUseRequestId, conversation).passed)
        #expect(Self.result(.oneAnswerPerInvocation, conversation).passed)
    }

    @Test("one-answer-per-invocation: a 403 for a second answer fails, an injected 403 does not count")
    func doubleAnswer() {
        var twice = Conversation()
        twice.next(delivering: "id-1")
        twice.answer("id-1")
        twice.answer("id-1", status: 403)
        let result = Self.result(.oneAnswerPerInvocation, twice)
        #expect(!result.passed)
        #expect(result.actual.hasSuffix("→ 403 (already answered)"))

        var injected = Conversation()
        injected.next(delivering: "id-1")
        injected.answer("id-1", status: 403, fault: "status 403 (injected)")
        injected.next(delivering: "id-2")
        #expect(Self.result(.oneAnswerPerInvocation, injected).passed)
    }

    @Test("polls-next-after-answer: an accepted answer must be followed by /next from the same process")
    func pollsNext() {
        var silent = Conversation()
        silent.next(delivering: "id-1")
        silent.answer("id-1")
        let result = Self.result(.pollsNextAfterAnswer, silent)
        #expect(!result.passed)
        #expect(result.actual == "no further /next from this process")
        #expect(result.expected.contains("/invocation/id-1/response"))

        var otherProcess = silent
        otherProcess.restart()
        otherProcess.next(delivering: "id-2")
        #expect(!Self.result(.pollsNextAfterAnswer, otherProcess).passed)

        var rejected = Conversation()
        rejected.next(delivering: "id-1")
        rejected.answer("id-1", status: 413)
        #expect(Self.result(.pollsNextAfterAnswer, rejected).passed, "only accepted (202) answers oblige a /next")
    }

    @Test("silent-after-init-error: any request after an accepted init/error fails")
    func silentAfterInitError() {
        var chatty = Conversation()
        chatty.initError()
        chatty.request("GET", Conversation.next, status: 403)
        let result = Self.result(.silentAfterInitError, chatty)
        #expect(!result.passed)
        #expect(result.actual == "#1 GET /2018-06-01/runtime/invocation/next → 403")

        var quiet = Conversation()
        quiet.initError()
        quiet.restart()
        quiet.next(delivering: "id-1")
        #expect(Self.result(.silentAfterInitError, quiet).passed, "the next process may poll")

        var refused = Conversation()
        refused.next(delivering: "id-1")
        refused.initError(status: 403)
        refused.answer("id-1")
        #expect(Self.result(.silentAfterInitError, refused).passed, "a refused init/error does not end the runtime")
    }

    @Test(
        "well-formed-requests: a malformed request, a 404 or a 405 fails",
        arguments: [
            ("GET", "/2018-06-01/runtime/invocation/next", nil as Int?, "invalid header line" as String?),
            ("GET", "/2018-06-01/runtime/nope", 404, nil),
            ("POST", "/2018-06-01/runtime/invocation/next", 405, nil),
        ])
    func malformed(method: String, path: String, status: Int?, reason: String?) {
        var conversation = Self.healthy
        conversation.request(method, path, status: status ?? 400, malformed: reason)
        let result = Self.result(.wellFormedRequests, conversation)
        #expect(!result.passed)
        if let reason {
            #expect(result.actual == "#5 malformed: \(reason)")
        } else {
            #expect(result.actual.contains("→ \(status ?? 0)"))
        }
    }

    @Test("connection-usage always passes and reports the connection count")
    func connectionUsage() {
        let keepAlive = Self.result(.connectionUsage, Self.healthy)
        #expect(keepAlive.passed)
        #expect(keepAlive.actual == "5 requests on 1 connections (keep-alive)")

        var perRequest = Conversation()
        perRequest.connectionPerRequest = true
        perRequest.next(delivering: "id-1")
        perRequest.answer("id-1")
        perRequest.answer("id-1", status: 403)
        let separate = Self.result(.connectionUsage, perRequest)
        #expect(separate.passed)
        #expect(separate.actual == "3 requests on 3 connections (a new connection per request)")
    }
}
