import NIOHTTP1

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the runtime learns about one invocation from the headers of the `/next` response (runtime-api.md §1.2).
///
/// Optional headers stay `nil` when absent so the probe can tell "absent" from "empty". `HTTPHeaders` compares
/// names case-insensitively, as HTTP requires, so `lambda-runtime-aws-request-id` is found too.
struct InvocationContext: Sendable {
    let requestId: String
    /// Unix epoch milliseconds after which Lambda stops the invocation; nil if the header is missing or garbled.
    let deadlineMs: Int64?
    let invokedFunctionArn: String?
    /// The X-Ray header; the runtime copies it into `_X_AMZN_TRACE_ID` for the handler.
    let traceId: String?
    let clientContext: String?
    let cognitoIdentity: String?
    let tenantId: String?
    /// The per-invocation nonce that answers echo back so stale answers can be rejected (runtime-api.md §1.8).
    let invocationId: String?

    /// Reads the context from `/next` response headers; nil without a request id, since nothing can be answered then.
    init?(headers: HTTPHeaders) {
        guard let requestId = headers.first(name: RuntimeAPIHeader.requestId), !requestId.isEmpty else {
            return nil
        }
        self.requestId = requestId
        self.deadlineMs = headers.first(name: RuntimeAPIHeader.deadlineMs).flatMap { Int64($0) }
        self.invokedFunctionArn = headers.first(name: RuntimeAPIHeader.invokedFunctionArn)
        self.traceId = headers.first(name: RuntimeAPIHeader.traceId)
        self.clientContext = headers.first(name: RuntimeAPIHeader.clientContext)
        self.cognitoIdentity = headers.first(name: RuntimeAPIHeader.cognitoIdentity)
        self.tenantId = headers.first(name: RuntimeAPIHeader.tenantId)
        self.invocationId = headers.first(name: RuntimeAPIHeader.invocationId)
    }

    /// Milliseconds left until the deadline, measured on the wall clock the deadline is expressed in.
    var remainingMs: Int64? {
        guard let deadlineMs else { return nil }
        let nowMs = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return deadlineMs - nowMs
    }
}
