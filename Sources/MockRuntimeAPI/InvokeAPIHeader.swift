/// Header names of Lambda's Invoke API (`POST /2015-03-31/functions/{FunctionName}/invocations`, the caller's side
/// of runtime-api.md §1.9); RIE reads the same request headers (§8).
public enum InvokeAPIHeader {
    /// Request: base64 of the client context JSON, forwarded decoded as `Lambda-Runtime-Client-Context`.
    public static let clientContext = "X-Amz-Client-Context"
    /// Request: an X-Ray trace header, forwarded as `Lambda-Runtime-Trace-Id`.
    public static let traceID = "X-Amzn-Trace-Id"
    /// Request: the tenant of a tenant-isolated function, forwarded as `Lambda-Runtime-Aws-Tenant-Id` (§6.2).
    public static let tenantID = "X-Amz-Tenant-Id"
    /// Request: `RequestResponse` (the default), `Event` (202, run later) or `DryRun` (204).
    public static let invocationType = "X-Amz-Invocation-Type"
    /// Response: present, with the value `Unhandled`, when the invocation failed; the status is still 200.
    public static let functionError = "X-Amz-Function-Error"
    /// Response: the invocation's request id.
    public static let requestID = "X-Amzn-RequestId"
    /// Response: the version that ran.
    public static let executedVersion = "X-Amz-Executed-Version"
    /// Response: the exception name of a rejected request (4xx/5xx).
    public static let errorType = "X-Amzn-ErrorType"
}
