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
import NIOCore
import NIOHTTP1

/// The runtime's main loop: get an invocation from `/next`, run the probe, post its answer, repeat
/// (runtime-api.md §1.2–§1.4, §4).
struct RuntimeLoop: Sendable {
    let client: RuntimeAPIClient
    let probe: Probe

    /// Serves invocations until the process exits.
    ///
    /// Requests share one keep-alive connection, as most AWS clients do; a new connection is opened only when the
    /// server closed the old one. The runtime exits with status 1 when `/next` is refused or the Runtime API
    /// cannot be reached: without `/next` there is nothing left to do.
    func run() async -> Never {
        var probe = self.probe
        while true {
            do {
                try await client.withConnection { connection in
                    while connection.isReusable {
                        guard let invocation = try await nextInvocation(on: connection) else { return }
                        await serve(invocation, with: &probe, on: connection)
                    }
                }
            } catch {
                Self.fail("cannot use the Runtime API: \(error)")
            }
        }
    }

    /// Polls `/next`; nil means "reconnect and poll again" after a kept-alive connection turned out to be closed.
    private func nextInvocation(on connection: RuntimeAPIConnection) async throws -> Invocation? {
        do {
            return try await connection.nextInvocation()
        } catch let error as RuntimeAPIError {
            if case .connectionClosed = error, connection.hasCompletedExchange { return nil }
            Self.fail(error.description)
        } catch where connection.hasCompletedExchange {
            return nil
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

    private func postResponse(_ body: ByteBuffer, for context: InvocationContext, on connection: RuntimeAPIConnection)
        async
    {
        let response: HTTPResponse
        do {
            response = try await send(on: connection) { try await $0.postResponse(body, for: context) }
        } catch {
            return ProcessEnvironment.log("could not post the response for \(context.requestId): \(error)")
        }
        guard response.status == .payloadTooLarge else {
            return check(response, of: "response for \(context.requestId)")
        }
        // The result is over the payload limit; the caller must still learn that the invocation failed, and why.
        check(response, of: "response for \(context.requestId)")
        let report = ErrorReport(
            errorType: "Function.ResponseSizeTooLarge",
            errorMessage: "Response payload size (\(body.readableBytes) bytes) exceeded the maximum allowed payload size."
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

    private func postError(_ report: ErrorReport, for context: InvocationContext, on connection: RuntimeAPIConnection)
        async
    {
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
