import Testing

@testable import MockRuntimeAPI

/// How a method and request target map onto the Runtime API's resources (runtime-api.md §1.1–§1.5).
@Suite("Route parses Runtime API request targets")
struct RouteTests {
    private static let invocation = "/2018-06-01/runtime/invocation/"

    @Test("GET /next is the long poll")
    func next() {
        #expect(Route(method: "GET", target: "/2018-06-01/runtime/invocation/next") == .next)
    }

    @Test("POST /response, /error and /init/error name their resource and request id")
    func posts() {
        #expect(Route(method: "POST", target: Self.invocation + "abc-123/response") == .response(requestID: "abc-123"))
        #expect(Route(method: "POST", target: Self.invocation + "abc-123/error") == .error(requestID: "abc-123"))
        #expect(Route(method: "POST", target: "/2018-06-01/runtime/init/error") == .initError)
    }

    @Test(
        "A known path with the wrong method is 405",
        arguments: [
            ("POST", "/2018-06-01/runtime/invocation/next"),
            ("PUT", "/2018-06-01/runtime/invocation/next"),
            ("GET", "/2018-06-01/runtime/invocation/abc/response"),
            ("PUT", "/2018-06-01/runtime/invocation/abc/error"),
            ("GET", "/2018-06-01/runtime/init/error"),
            ("get", "/2018-06-01/runtime/invocation/next"),
        ])
    func wrongMethod(method: String, target: String) {
        #expect(Route(method: method, target: target) == .methodNotAllowed)
    }

    @Test(
        "Unknown paths are 404",
        arguments: [
            "/2018-06-01/runtime/invocation//response",
            "/2018-06-01/runtime/invocation/abc/result",
            "/2018-06-01/runtime/invocation/abc/response/extra",
            "/2018-06-01/runtime/invocation/abc",
            "/2018-06-01/runtime/invocation/",
            "/2018-06-01/runtime/invocation/next/",
            "/2019-01-01/runtime/invocation/next",
            "/2020-01-01/extension/unregister",
            "/2022-07-01/telemetry/",
            "/2018-06-01/runtime/init/error/",
            "/",
            "",
            "*",
        ])
    func unknownPaths(target: String) {
        #expect(Route(method: "GET", target: target) == .notFound)
        #expect(Route(method: "POST", target: target) == .notFound)
    }

    @Test(
        "Extensions, Telemetry and Logs API calls are routed to the companion APIs with their methods",
        arguments: [
            ("/2020-01-01/extension/register", "POST", CompanionAPI.Call.register),
            ("/2020-01-01/extension/event/next", "GET", .eventNext),
            ("/2020-01-01/extension/init/error", "POST", .extensionError),
            ("/2020-01-01/extension/exit/error", "POST", .extensionError),
            ("/2022-07-01/telemetry", "PUT", .telemetrySubscribe),
            ("/2020-08-15/logs", "PUT", .logsSubscribe),
        ])
    func companionRoutes(target: String, method: String, call: CompanionAPI.Call) {
        #expect(Route(method: method, target: target) == .companion(call))
        #expect(Route(method: method == "GET" ? "DELETE" : "GET", target: target) == .methodNotAllowed)
    }

    @Test("A query string is ignored when routing")
    func queryIgnored() {
        #expect(Route(method: "GET", target: "/2018-06-01/runtime/invocation/next?x=1") == .next)
        #expect(Route(method: "GET", target: "/2018-06-01/runtime/invocation/next?") == .next)
        #expect(Route(method: "POST", target: Self.invocation + "id-1/response?a=b&c") == .response(requestID: "id-1"))
        #expect(Route(method: "POST", target: "/2018-06-01/runtime/init/error?") == .initError)
    }

    @Test("A target that is only a query string is not mistaken for the path inside it")
    func queryOnlyTarget() {
        #expect(Route(method: "GET", target: "?/2018-06-01/runtime/invocation/next") == .notFound)
    }

    @Test("The public path helpers build the targets the router accepts")
    func pathHelpers() {
        #expect(RuntimeAPIPath.next == "/2018-06-01/runtime/invocation/next")
        #expect(RuntimeAPIPath.initError == "/2018-06-01/runtime/init/error")
        #expect(Route(method: "POST", target: RuntimeAPIPath.response("r")) == .response(requestID: "r"))
        #expect(Route(method: "POST", target: RuntimeAPIPath.error("r")) == .error(requestID: "r"))
    }
}
