/// The exact JSON bodies RAPID answers with (runtime-api.md §1.1–§1.5); Go's encoder appends a newline.
enum RuntimeAPIErrorBody {
    static let accepted = #"{"status":"OK"}"# + "\n"
    static let invalidRequestID = #"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"# + "\n"
    static let tooLarge =
        #"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#
        + "\n"
    static let internalServerError =
        #"{"errorMessage":"Internal Server Error","errorType":"InternalServerError"}"# + "\n"
    static let invalidResponseMode =
        #"{"errorMessage":"Invalid function response mode","errorType":"InvalidFunctionResponseMode"}"# + "\n"
    static let notFound = "404 page not found\n"
    static let badRequest = #"{"errorMessage":"Malformed HTTP request","errorType":"BadRequest"}"# + "\n"

    /// 403 for a transition the state machine forbids (§1.7: one template, state names vary).
    static func invalidStateTransition(from: String, to: String) -> String {
        #"{"errorMessage":"State transition from \#(from) to \#(to) failed for runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}"#
            + "\n"
    }
}
