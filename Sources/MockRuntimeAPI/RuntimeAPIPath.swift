/// The Runtime API's resources (runtime-api.md §1.1–§1.5), and how a request target maps onto them.
public enum RuntimeAPIPath {
    /// Version prefix of the Runtime API (§1.1, OpenAPI `servers: /2018-06-01`).
    public static let prefix = "/2018-06-01"
    /// `GET` — long-poll for the next invocation (§1.2).
    public static let next = prefix + "/runtime/invocation/next"
    /// `POST` — report an init failure (§1.5).
    public static let initError = prefix + "/runtime/init/error"

    /// `POST` — the invocation's result (§1.3).
    public static func response(_ requestID: String) -> String { prefix + "/runtime/invocation/\(requestID)/response" }
    /// `POST` — the invocation's error (§1.4).
    public static func error(_ requestID: String) -> String { prefix + "/runtime/invocation/\(requestID)/error" }
}

/// What a request is, once its method and target are known.
enum Route: Equatable {
    case next
    case response(requestID: String)
    case error(requestID: String)
    case initError
    /// A call of the Extensions, Telemetry or Logs API (runtime-api.md §5), which a runtime may use itself
    /// (aws-lambda-go registers an internal extension to receive SIGTERM).
    case companion(CompanionAPI.Call)
    /// A known path with the wrong method: 405 (§1.1, chi router default).
    case methodNotAllowed
    /// Anything else: 404 with `404 page not found\n` (§1.1).
    case notFound

    init(method: String, target: String) {
        let path = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let invocationPrefix = RuntimeAPIPath.prefix + "/runtime/invocation/"
        let known: Route
        let allowed: String
        if path == RuntimeAPIPath.next {
            known = .next
            allowed = "GET"
        } else if path == RuntimeAPIPath.initError {
            known = .initError
            allowed = "POST"
        } else if path.hasPrefix(invocationPrefix) {
            let rest = path.dropFirst(invocationPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard rest.count == 2, !rest[0].isEmpty else {
                self = .notFound
                return
            }
            let id = String(rest[0])
            switch rest[1] {
            case "response": known = .response(requestID: id)
            case "error": known = .error(requestID: id)
            default:
                self = .notFound
                return
            }
            allowed = "POST"
        } else if let call = CompanionAPI.Call(path: path) {
            known = .companion(call)
            allowed = call.method
        } else {
            self = .notFound
            return
        }
        self = method == allowed ? known : .methodNotAllowed
    }
}
