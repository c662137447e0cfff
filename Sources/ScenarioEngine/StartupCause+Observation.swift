import ConformanceModel
import Foundation
import MockRuntimeAPI

extension StartupCause {
    /// What one process start left behind: its `/init/error` body, its exit, its last stderr lines.
    static func observe(
        start: Int, exchanges: [RecordedExchange], events: [ProcessEvent], logs: [LogLine], timedOut: Bool = false
    ) -> StartupCause {
        var cause = StartupCause(timedOut: timedOut)
        if let report = exchanges.last(where: {
            $0.processStart == start && $0.request.path == RuntimeAPIPath.initError
        }) {
            let body = try? JSONSerialization.jsonObject(with: Data(report.request.body)) as? [String: Any]
            cause.initErrorType =
                body?["errorType"] as? String
                ?? report.request.headers.first {
                    $0.name.lowercased() == "lambda-runtime-function-error-type"
                }?.value
            cause.initErrorMessage = body?["errorMessage"] as? String
            if body == nil, !report.request.body.isEmpty {
                cause.initErrorMessage = String(report.request.bodyText.prefix(300))
            }
        }
        if let exit = events.last(where: { $0.processStart == start && $0.kind == .exited }) {
            cause.exit = exit.detail
        }
        cause.lastStderr = logs.filter { $0.processStart == start && $0.stream == .stderr }.suffix(5).map(\.text)
        return cause
    }
}
