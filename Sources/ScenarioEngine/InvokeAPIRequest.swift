import ConformanceModel
import Foundation
import MockRuntimeAPI

/// A caller's invoke request, checked as Lambda's Invoke API checks it and turned into the invocation the runtime
/// will get on `/next` (runtime-api.md §1.2, §1.9; RIE's forwarding rules in peers.md §A.1).
struct InvokeAPIRequest: Sendable {
    enum InvocationType: String, Sendable {
        case requestResponse = "RequestResponse"
        /// Lambda answers 202 at once and runs the invocation later.
        case event = "Event"
        /// Lambda only validates the request: 204.
        case dryRun = "DryRun"
    }

    /// A request Lambda would refuse, with the answer it gives.
    struct Rejection: Error {
        var response: InvokeResponse
    }

    /// Largest `X-Amz-Client-Context` value Lambda accepts: 3,583 bytes of base64.
    static let clientContextLimit = 3583

    var requestID: String
    var type: InvocationType
    var invocation: Invocation
    var eventBytes: Int

    init(_ request: InvokeRequest, requestID: String = UUID().uuidString.lowercased()) throws(Rejection) {
        self.requestID = requestID
        let typeName = request.header(InvokeAPIHeader.invocationType) ?? InvocationType.requestResponse.rawValue
        guard let type = InvocationType(rawValue: typeName) else {
            throw Self.invalid("InvalidParameterValueException", "Unsupported invocation type: \(typeName)")
        }
        self.type = type
        if !request.body.isEmpty,
            (try? JSONSerialization.jsonObject(with: Data(request.body), options: .fragmentsAllowed)) == nil
        {
            throw Self.invalid(
                "InvalidRequestContentException", "Could not parse request body into json: the payload is not JSON")
        }
        var headers: [String: JSONValue] = ["requestId": .string(requestID)]
        if let trace = request.header(InvokeAPIHeader.traceID) {
            headers["traceId"] = .string(trace)
        }
        if let tenant = request.header(InvokeAPIHeader.tenantID) {
            headers["tenantId"] = .string(tenant)
        }
        if let encoded = request.header(InvokeAPIHeader.clientContext) {
            headers["clientContext"] = .string(try Self.clientContext(encoded))
        }
        eventBytes = request.body.count
        invocation = Invocation(rawEvent: String(decoding: request.body, as: UTF8.self), headers: headers)
    }

    /// Decodes `X-Amz-Client-Context`: base64 of a JSON object (RIE forwards it decoded, peers.md §A.1).
    ///
    /// A trailing newline (`echo … | base64`) is dropped; other line breaks are re-serialised away, because the
    /// value becomes a header line on `/next`.
    static func clientContext(_ encoded: String) throws(Rejection) -> String {
        let invalid = invalid(
            "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object.")
        guard encoded.utf8.count <= clientContextLimit else {
            throw Self.invalid(
                "InvalidRequestContentException", "Client context must be at most \(clientContextLimit) bytes.")
        }
        guard let data = Data(base64Encoded: encoded),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            let value = JSONValue.parse(text), case .object = value
        else { throw invalid }
        return text.contains(where: { $0.isNewline }) ? value.serialized : text
    }

    private static func invalid(_ type: String, _ message: String) -> Rejection {
        let body = JSONValue.object(["Type": .string("User"), "message": .string(message)]).serialized
        return Rejection(
            response: .json(400, body, headers: [HeaderField(name: InvokeAPIHeader.errorType, value: type)]))
    }
}
