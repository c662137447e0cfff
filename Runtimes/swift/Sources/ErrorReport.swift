#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The body the Runtime API expects on `/invocation/{id}/error` and `/init/error` (runtime-api.md §1.4, §1.5).
///
/// Lambda accepts any `errorType`; the `Category.Reason` form is a recommendation. `stackTrace` is optional in
/// the schema and Swift has no cheap portable stack trace, so it is left out unless someone sets it.
struct ErrorReport: Codable, Sendable, Equatable {
    var errorType: String
    var errorMessage: String
    var stackTrace: [String]?

    init(errorType: String, errorMessage: String, stackTrace: [String]? = nil) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.stackTrace = stackTrace
    }

    /// Maps any error thrown by a handler to a report.
    ///
    /// A ``FunctionError`` chooses its own type; any other error is named after its Swift type, the convention of
    /// swift-aws-lambda-runtime, so the caller still learns what went wrong.
    init(describing error: any Error) {
        if let error = error as? FunctionError {
            self.init(errorType: error.errorType, errorMessage: error.errorMessage)
        } else {
            self.init(errorType: String(describing: type(of: error)), errorMessage: String(describing: error))
        }
    }

    /// The JSON body of an error POST.
    func jsonBody() -> Data {
        // Encoding two strings and an optional array cannot fail; fall back to a fixed body rather than crash.
        (try? JSONEncoder().encode(self)) ?? Data(#"{"errorType":"Runtime.Unknown","errorMessage":""}"#.utf8)
    }

    /// The value of the `Lambda-Runtime-Function-Error-Body` trailer of a streamed response: base64 of the JSON
    /// body (runtime-api.md §4).
    func base64Body() -> String {
        jsonBody().base64EncodedString()
    }
}

/// An error a handler throws to choose the `errorType` the caller sees (e.g. `Probe.UnknownOp`).
struct FunctionError: Error, Sendable, CustomStringConvertible {
    var errorType: String
    var errorMessage: String

    var description: String { "\(errorType): \(errorMessage)" }
}
