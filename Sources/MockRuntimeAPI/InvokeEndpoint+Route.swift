import ConformanceModel

/// Where a request to the invoke endpoint goes: Lambda's Invoke API path, with any function name (RIE's is
/// `function`; the AWS CLI with `--endpoint-url` sends the name it was given).
enum InvokeRoute: Equatable {
    case invoke(functionName: String, qualifier: String?)
    /// The invoke path with a method other than POST.
    case methodNotAllowed
    case notFound

    init(method: String, target: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let segments = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        // "", "2015-03-31", "functions", name, "invocations"
        guard segments.count == 5, segments[0].isEmpty, segments[1] == "2015-03-31", segments[2] == "functions",
            !segments[3].isEmpty, segments[4] == "invocations"
        else {
            self = .notFound
            return
        }
        guard method == "POST" else {
            self = .methodNotAllowed
            return
        }
        let query = parts.count > 1 ? parts[1] : ""
        let qualifier = query.split(separator: "&").compactMap { pair -> String? in
            let field = pair.split(separator: "=", maxSplits: 1)
            return field.count == 2 && field[0] == "Qualifier" ? String(field[1]) : nil
        }.first
        self = .invoke(functionName: String(segments[3]), qualifier: qualifier)
    }
}

extension InvokeResponse {
    /// 404 for any other path, saying where invocations go (someone probing with a browser or `curl` learns it).
    static let notFound = InvokeResponse.text(
        404, "Not found. lambdaspec serve takes invocations at POST \(InvokeEndpoint.path) with the event as body.\n")

    static let methodNotAllowed = InvokeResponse.text(
        405, "Method not allowed. POST the event to \(InvokeEndpoint.path).\n",
        headers: [.init(name: "Allow", value: "POST")])

    /// Lambda's answer to a synchronous payload above 6 MB (runtime-api.md §7).
    static func tooLarge(limit: Int) -> InvokeResponse {
        .json(
            413,
            #"{"Type":"User","message":"Request must be smaller than \#(limit) bytes for the InvokeFunction "#
                + #"operation"}"#,
            headers: [.init(name: InvokeAPIHeader.errorType, value: "RequestEntityTooLargeException")]
        )
    }
}
