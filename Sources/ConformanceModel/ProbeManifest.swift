/// `lambdaspec.json` in a function folder: the probe's handler name and the capabilities it declares.
public struct ProbeManifest: Codable, Sendable, Hashable {
    public var name: String?
    /// `_HANDLER`; `--handler` overrides it or supplies it when absent.
    public var handler: String?
    public var capabilities: [String]

    public init(name: String? = nil, handler: String?, capabilities: [String]) {
        self.name = name
        self.handler = handler
        self.capabilities = capabilities
    }

    /// Every capability PROBE.md defines; `tmp` covers `tmp-write` and `tmp-read`; `stream-trailers` is the
    /// `stream` op's `fail` (error trailers after a started stream), which some HTTP clients cannot send.
    public static let allCapabilities = [
        "echo", "context", "env", "error", "sleep", "counter", "tmp", "tmp-fill", "allocate", "cwd", "log", "exit",
        "crash", "large", "stream",
        "stream-trailers",
    ]
}
