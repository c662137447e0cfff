import ConformanceModel

/// A synchronous invoke as a caller sent it to the invoke endpoint: the event bytes and the request headers.
public struct InvokeRequest: Sendable, Hashable {
    /// The `{FunctionName}` segment of the path (`function` on RIE's path); lambdaspec serves one function.
    public var functionName: String
    /// The `Qualifier` query parameter, when given.
    public var qualifier: String?
    /// Every request header, names as sent.
    public var headers: [HeaderField]
    /// The event, byte for byte.
    public var body: [UInt8]

    public init(functionName: String = "function", qualifier: String? = nil, headers: [HeaderField], body: [UInt8]) {
        self.functionName = functionName
        self.qualifier = qualifier
        self.headers = headers
        self.body = body
    }

    /// The first value of `name`, compared case-insensitively.
    public func header(_ name: String) -> String? { headers.first(name) }
}
