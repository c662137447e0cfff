import ConformanceModel

/// An invocation as the mock delivers it on `/next`: the event bytes and every header, already decided.
public struct PreparedInvocation: Sendable, Hashable {
    public var requestID: String
    public var body: [UInt8]
    /// All `/next` response headers, including `Lambda-Runtime-Deadline-Ms`.
    public var headers: [HeaderField]
    public var fault: DeliveryFault?

    public init(requestID: String, body: [UInt8], headers: [HeaderField], fault: DeliveryFault? = nil) {
        self.requestID = requestID
        self.body = body
        self.headers = headers
        self.fault = fault
    }
}
