/// Header names of the Runtime API (runtime-api.md §1.2–§1.4, §4). HTTP header names are case-insensitive.
public enum RuntimeAPIHeader {
    /// The invocation's request id; the runtime answers on a path naming it (§1.2).
    public static let requestID = "Lambda-Runtime-Aws-Request-Id"
    /// Deadline as Unix epoch milliseconds (§1.2).
    public static let deadline = "Lambda-Runtime-Deadline-Ms"
    /// ARN of the function, version or alias invoked; may differ per invocation (§1.2).
    public static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
    /// X-Ray trace header; the runtime sets `_X_AMZN_TRACE_ID` from it (§1.2, §2.2).
    public static let traceID = "Lambda-Runtime-Trace-Id"
    /// Mobile SDK client context, JSON (§1.2).
    public static let clientContext = "Lambda-Runtime-Client-Context"
    /// Cognito identity, JSON (§1.2).
    public static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
    /// Tenant id of tenant-isolated functions (§1.2, §6.2).
    public static let tenantID = "Lambda-Runtime-Aws-Tenant-Id"
    /// Optional error type on `/error` and `/init/error` (§1.4); AWS's own clients often omit it.
    public static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
    /// `streaming` selects response streaming; any other value is rejected (§1.3, §4).
    public static let responseMode = "Lambda-Runtime-Function-Response-Mode"
    /// Base64 error body trailer of a streamed response (§4).
    public static let functionErrorBody = "Lambda-Runtime-Function-Error-Body"
}
