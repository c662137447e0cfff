import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The runtime's main loop: get an invocation from `/next`, run the probe, post its answer, repeat
/// (runtime-api.md §1.2–§1.4, §4).
struct RuntimeLoop: Sendable {
    let client: RuntimeAPIClient
    let probe: Probe

    /// How many `/next` calls in a row may break off (connection reset or closed mid-response) before the runtime
    /// gives up; a server that went away for good is noticed sooner, when reconnecting fails.
    static let maxBrokenPolls = 3

    /// Serves invocations until the process exits.
    ///
    /// Requests share one keep-alive connection, as most AWS clients do; a new connection is opened when the server
    /// closed the old one or a `/next` broke off. The runtime exits with status 1 when `/next` is refused or the
    /// Runtime API cannot be reached: without `/next` there is nothing left to do (runtime-api.md §1.2).
    func run() async -> Never {
        var probe = self.probe
        var brokenPolls = 0
        while true {
            do {
                try await client.withConnection { connection in
                    while connection.isReusable {
                        let invocation: Invocation
                        do {
                            invocation = try await connection.nextInvocation()
                        } catch let error as RuntimeAPIError where error.isRefusal {
                            Self.fail(error.description)
                        } catch {
                            brokenPolls += 1
                            if brokenPolls >= Self.maxBrokenPolls {
                                Self.fail("/next broke off \(brokenPolls) times in a row: \(error)")
                            }
                            return ProcessEnvironment.log("/next broke off (\(error)); polling again")
                        }
                        brokenPolls = 0
                        await serve(invocation, with: &probe, on: connection)
                    }
                }
            } catch {
                Self.fail("cannot connect to the Runtime API: \(error)")
            }
        }
    }

    /// Runs the probe for one invocation and posts the outcome.
    private func serve(_ invocation: Invocation, with probe: inout Probe, on connection: RuntimeAPIConnection) async {
        let context = invocation.context
        // The handler sees this invocation's trace id, and none at all when the header is absent: a previous
        // invocation's id must never leak into this one (runtime-api.md §1.2).
        ProcessEnvironment.set("_X_AMZN_TRACE_ID", to: context.traceId)
        do {
            switch try await probe.handle(Data(invocation.event.readableBytesView), context: context) {
            case .json(let result):
                await postResponse(ByteBuffer(bytes: try result.serialized()), for: context, on: connection)
            case .stream(let streamed):
                await postStreamedResponse(streamed, for: context)
            }
        } catch {
            await postError(ErrorReport(describing: error), for: context, on: connection)
        }
    }

    private func postResponse(
        _ body: ByteBuffer,
        for context: InvocationContext,
        on connection: RuntimeAPIConnection
    ) async {
        let response: HTTPResponse
        do {
            response = try await send(on: connection) { try await $0.postResponse(body, for: context) }
        } catch {
            return ProcessEnvironment.log("could not post the response for \(context.requestId): \(error)")
        }
        check(response, of: "response for \(context.requestId)")
        guard response.status == .payloadTooLarge else { return }
        // The result is over the payload limit (runtime-api.md §1.3, §7); the invocation still needs an answer that
        // tells the caller why it failed.
        let report = ErrorReport(
            errorType: "Function.ResponseSizeTooLarge",
            errorMessage:
                "Response payload size (\(body.readableBytes) bytes) exceeded the maximum allowed payload size."
        )
        await postError(report, for: context, on: connection)
    }

    /// Streams on a connection of its own: a streamed response ends by closing its connection (runtime-api.md §4),
    /// and the shared keep-alive connection stays open for the next `/next`.
    private func postStreamedResponse(_ streamed: StreamedResponse, for context: InvocationContext) async {
        do {
            let response = try await client.withConnection { connection in
                try await connection.postStreamedResponse(for: context) { body in
                    for (index, chunk) in streamed.chunks.enumerated() {
                        if index > 0 && streamed.delayMs > 0 {
                            try await Task.sleep(for: .milliseconds(streamed.delayMs))
                        }
                        try await body.write(chunk)
                    }
                    if let failure = streamed.failure {
                        throw failure
                    }
                }
            }
            check(response, of: "streamed response for \(context.requestId)")
        } catch {
            ProcessEnvironment.log("could not stream the response for \(context.requestId): \(error)")
        }
    }

    private func postError(
        _ report: ErrorReport,
        for context: InvocationContext,
        on connection: RuntimeAPIConnection
    ) async {
        do {
            let response = try await send(on: connection) { try await $0.postError(report, for: context) }
            check(response, of: "error for \(context.requestId)")
        } catch {
            ProcessEnvironment.log("could not post the error for \(context.requestId): \(error)")
        }
    }

    /// Sends a request on the shared connection while it is open, else on a fresh one: the server may close a
    /// connection after any response (`Connection: close`, or after refusing a body with 413).
    private func send(
        on connection: RuntimeAPIConnection,
        _ request: (RuntimeAPIConnection) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        if connection.isReusable {
            return try await request(connection)
        }
        return try await client.withConnection(request)
    }

    /// Accepts 2xx; logs a 4xx and carries on, because one refused answer (a stale id, a body too large) does not
    /// break the runtime; exits on anything else, which signals a platform failure (runtime-api.md §1.3, §1.4).
    private func check(_ response: HTTPResponse, of what: String) {
        switch response.status.code {
        case 200..<300:
            return
        case 400..<500:
            ProcessEnvironment.log("the Runtime API refused the \(what): \(response.summary)")
        default:
            Self.fail("the Runtime API answered the \(what) with \(response.summary)")
        }
    }

    /// Logs why the runtime gives up and exits with status 1.
    static func fail(_ reason: String) -> Never {
        ProcessEnvironment.log("exiting: \(reason)")
        exit(1)
    }
}
