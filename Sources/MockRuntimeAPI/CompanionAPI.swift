import ConformanceModel
import Foundation

/// The APIs served next to the Runtime API on the same address (runtime-api.md §1.1, §5): enough of the
/// Extensions API for a runtime that registers an internal extension, and the Telemetry and Logs subscriptions
/// answered as RIE answers them. lambdaspec tests runtimes, not extensions, so these are tolerated, not judged.
public enum CompanionAPI {
    /// Extensions API version prefix (§5.1).
    public static let extensionsPrefix = "/2020-01-01"
    /// Telemetry API version prefix (§5.2).
    public static let telemetryPrefix = "/2022-07-01"
    /// Legacy Logs API version prefix (§5.2).
    public static let logsPrefix = "/2020-08-15"

    /// Whether a request target belongs to one of these APIs rather than the Runtime API.
    public static func contains(_ target: String) -> Bool {
        [extensionsPrefix, telemetryPrefix, logsPrefix].contains { target.hasPrefix($0 + "/") }
    }

    enum Call: Equatable {
        case register
        case eventNext
        case extensionError
        case telemetrySubscribe
        case logsSubscribe

        init?(path: String) {
            switch path {
            case extensionsPrefix + "/extension/register": self = .register
            case extensionsPrefix + "/extension/event/next": self = .eventNext
            case extensionsPrefix + "/extension/init/error", extensionsPrefix + "/extension/exit/error":
                self = .extensionError
            case telemetryPrefix + "/telemetry": self = .telemetrySubscribe
            case logsPrefix + "/logs": self = .logsSubscribe
            default: return nil
            }
        }

        var method: String {
            switch self {
            case .register, .extensionError: "POST"
            case .eventNext: "GET"
            case .telemetrySubscribe, .logsSubscribe: "PUT"
            }
        }
    }

    /// The answer to a call; `nil` for `/event/next`, which blocks (an extension registered for no events waits
    /// forever, §5.1; lambdaspec never sends INVOKE or SHUTDOWN events).
    static func response(to call: Call, request: RecordedRequest, registrationOpen: Bool) -> MockResponse? {
        switch call {
        case .register:
            guard let name = request.headers.first("Lambda-Extension-Name"), !name.isEmpty else {
                return .json(
                    403, #"{"errorMessage":"Empty extension name","errorType":"Extension.InvalidExtensionName"}"# + "\n"
                )
            }
            guard registrationOpen else {
                return .json(
                    403,
                    #"{"errorMessage":"Extension registration closed already","errorType":"Extension.RegistrationClosed"}"#
                        + "\n"
                )
            }
            var response = MockResponse.json(
                200,
                #"{"functionName":"lambdaspec-probe","functionVersion":"$LATEST","handler":""}"# + "\n"
            )
            response.headers.append(
                HeaderField(name: "Lambda-Extension-Identifier", value: UUID().uuidString.lowercased()))
            return response
        case .eventNext:
            guard request.headers.first("Lambda-Extension-Identifier") != nil else {
                return .json(
                    403,
                    #"{"errorMessage":"Missing Lambda-Extension-Identifier header","errorType":"Extension.MissingExtensionIdentifier"}"#
                        + "\n"
                )
            }
            return nil
        case .extensionError:
            return .json(202, RuntimeAPIErrorBody.accepted)
        case .telemetrySubscribe:
            return .json(
                202, #"{"errorMessage":"Telemetry API is not supported","errorType":"Telemetry.NotSupported"}"# + "\n")
        case .logsSubscribe:
            return .json(202, #"{"errorMessage":"Logs API is not supported","errorType":"Logs.NotSupported"}"# + "\n")
        }
    }
}
