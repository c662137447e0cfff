import ConformanceModel
import Foundation
import MockRuntimeAPI

/// Builds the bytes and headers of an invocation: fresh request and trace ids, the deadline, scenario overrides.
struct InvocationFactory {
    static let defaultARN = "arn:aws:lambda:us-east-1:123456789012:function:lambdaspec-probe"

    /// Logical header names a scenario may override, and the wire names they map to (runtime-api.md §1.2).
    static let headerNames: [(logical: String, wire: String)] = [
        ("requestId", RuntimeAPIHeader.requestID),
        ("deadlineMs", RuntimeAPIHeader.deadline),
        ("invokedFunctionArn", RuntimeAPIHeader.invokedFunctionARN),
        ("traceId", RuntimeAPIHeader.traceID),
        ("clientContext", RuntimeAPIHeader.clientContext),
        ("cognitoIdentity", RuntimeAPIHeader.cognitoIdentity),
        ("tenantId", RuntimeAPIHeader.tenantID),
        ("contentType", "Content-Type"),
    ]

    /// An X-Ray trace header in the format Lambda sends (§1.2): `Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=1`.
    static func traceHeader() -> String {
        let time = String(format: "%08x", Int(Date().timeIntervalSince1970))
        return "Root=1-\(time)-\(hex(24));Parent=\(hex(16));Sampled=1"
    }

    static func hex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }

    /// The event bytes of a step.
    static func body(of invocation: Invocation) -> [UInt8] {
        if let raw = invocation.rawEvent { return Array(raw.utf8) }
        if let size = invocation.echoBytes {
            let prefix = #"{"op":"echo","payload":""#
            let suffix = #""}"#
            let fill = max(0, size - prefix.utf8.count - suffix.utf8.count)
            return Array(prefix.utf8) + [UInt8](repeating: UInt8(ascii: "e"), count: fill) + Array(suffix.utf8)
        }
        return Array((invocation.event ?? .object([:])).serialized.utf8)
    }

    /// Decides every header value; returns the prepared invocation and the values by logical name.
    static func prepare(
        _ invocation: Invocation,
        functionTimeoutMs: Int,
        resolve: (JSONValue) -> JSONValue
    ) -> (PreparedInvocation, [String: String], Int64) {
        let deadline = ScenarioClock.epochMs + Int64(functionTimeoutMs)
        var values: [String: String] = [
            "requestId": UUID().uuidString.lowercased(),
            "deadlineMs": String(deadline),
            "invokedFunctionArn": defaultARN,
            "traceId": traceHeader(),
            "contentType": "application/json",
        ]
        for (name, value) in invocation.headers ?? [:] {
            switch resolve(value) {
            case .null: values[name] = nil
            case .string(let text): values[name] = text
            case let other: values[name] = other.serialized
            }
        }
        var headers = headerNames.compactMap { name -> HeaderField? in
            values[name.logical].map { HeaderField(name: name.wire, value: $0) }
        }
        // Names that are not logical ones are sent as they are (extra headers a scenario wants on the wire).
        let logical = Set(headerNames.map(\.logical))
        for name in values.keys.sorted() where !logical.contains(name) {
            headers.append(HeaderField(name: name, value: values[name]!))
        }
        let prepared = PreparedInvocation(
            requestID: values["requestId"] ?? "",
            body: body(of: invocation),
            headers: headers,
            fault: invocation.fault
        )
        return (prepared, values, Int64(values["deadlineMs"] ?? "") ?? deadline)
    }
}
