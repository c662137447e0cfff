import ConformanceModel
import Foundation
import LambdaSandbox
import MockRuntimeAPI

/// What the caller of Lambda's Invoke API gets for each way an invocation ends (runtime-api.md §1.9): the
/// runtime's answer with 200, or 200 plus `X-Amz-Function-Error: Unhandled` and an error payload. Unlike RIE
/// (§8.2–§8.4) function errors carry the header, crashes a `Runtime.ExitError` body, timeouts JSON.
enum InvokeAPIAnswer {
    /// What is known about the invocation besides its record.
    struct Context {
        /// The exchange with a sequence number, if still kept.
        var exchange: (Int) -> RecordedExchange?
        /// The most recent kept exchange matching a predicate.
        var lastExchange: ((RecordedExchange) -> Bool) -> RecordedExchange?
        var timeoutMs: Int
        var exitStatus: (Int) -> ExitStatus?

        /// Looks up in the recorder itself: one exchange each, not a copy of them all (serve, per invocation).
        init(recorder: ExchangeRecorder, timeoutMs: Int, exitStatus: @escaping (Int) -> ExitStatus?) {
            exchange = { recorder.exchange(sequence: $0) }
            lastExchange = { recorder.lastExchange(where: $0) }
            self.timeoutMs = timeoutMs
            self.exitStatus = exitStatus
        }

        init(exchanges: [RecordedExchange], timeoutMs: Int, exitStatus: @escaping (Int) -> ExitStatus?) {
            exchange = { sequence in exchanges.first { $0.sequence == sequence } }
            lastExchange = { exchanges.last(where: $0) }
            self.timeoutMs = timeoutMs
            self.exitStatus = exitStatus
        }
    }

    static func response(for record: InvocationRecord, _ context: Context) -> InvokeResponse {
        let id = record.requestID
        switch record.outcome {
        case .response:
            return answered(record, context)
        case .error:
            let exchange = record.answerSequence.flatMap { context.exchange($0) }
            return functionError(
                id, body: exchange?.request.body ?? [],
                contentType: exchange?.request.headers.first("Content-Type") ?? "application/json")
        case .timeout:
            return timedOut(id, timeoutMs: context.timeoutMs)
        case .crash:
            return exitError(id, context.exitStatus(record.processStart))
        case .abandoned:
            return platformError(
                id, "Runtime.Unknown", "the runtime polled /next again without answering this invocation")
        case .notDelivered:
            return notDelivered(record, context)
        }
    }

    /// The runtime posted `/response`; the mock accepted it, or refused it as Lambda does (413, bad mode).
    private static func answered(_ record: InvocationRecord, _ context: Context) -> InvokeResponse {
        let id = record.requestID
        guard let sequence = record.answerSequence,
            let exchange = context.exchange(sequence)
        else { return platformError(id, "Runtime.Unknown", "the answer was not recorded") }
        let request = exchange.request
        switch record.answerStatus {
        case 202:
            break
        case 413:
            return error(
                id, type: "Function.ResponseSizeTooLarge",
                message: "Response payload size exceeded maximum allowed payload size (6291556 bytes).")
        case 400:
            return platformError(id, "Runtime.InvalidResponseModeHeader", "invalid function response mode")
        default:
            return platformError(id, "Runtime.Unknown", "the answer was refused with \(record.answerStatus ?? 0)")
        }
        // A streamed response is handed over whole (RIE-classic buffers too, §8.8); a failure trailer makes it an
        // error (§4).
        if let type = request.trailers?.first(RuntimeAPIHeader.functionErrorType) {
            let body = request.trailers?.first(RuntimeAPIHeader.functionErrorBody)
                .flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
            return body.map { functionError(id, body: $0, contentType: "application/json") }
                ?? error(id, type: type, message: "")
        }
        return InvokeResponse(
            status: 200,
            headers: [
                HeaderField(name: "Content-Type", value: request.headers.first("Content-Type") ?? "application/json")
            ]
                + common(id),
            body: request.body
        )
    }

    /// The event never reached the runtime: the (suppressed) init failed, or the runtime never polled.
    private static func notDelivered(_ record: InvocationRecord, _ context: Context) -> InvokeResponse {
        let id = record.requestID
        guard let initRecord = record.initRecord, initRecord.outcome != .ready else {
            if let status = context.exitStatus(record.processStart) { return exitError(id, status) }
            return timedOut(id, timeoutMs: context.timeoutMs)
        }
        switch initRecord.outcome {
        case .initError:
            // Lambda serves the init error to the invoke that ran the failed init (OpenAPI, §3.2).
            let report = context.lastExchange {
                $0.processStart == initRecord.processStart && $0.request.path == RuntimeAPIPath.initError
            }
            if let report {
                return functionError(
                    id, body: report.request.body,
                    contentType: report.request.headers.first("Content-Type") ?? "application/json")
            }
            return error(id, type: "Runtime.Unknown", message: "RequestId: \(id) Error: init failed")
        case .exited:
            return exitError(id, context.exitStatus(initRecord.processStart))
        case .timeout, .ready:
            return timedOut(id, timeoutMs: context.timeoutMs)
        }
    }

    static func timedOut(_ id: String, timeoutMs: Int) -> InvokeResponse {
        let seconds = String(format: "%.2f", Double(timeoutMs) / 1000)
        return error(id, type: "Sandbox.Timedout", message: "Task timed out after \(seconds) seconds")
    }

    /// `Runtime.OutOfMemory` when the memory limit killed it (runtime-api.md §1.9), else `Runtime.ExitError`.
    static func exitError(_ id: String, _ status: ExitStatus?) -> InvokeResponse {
        let type = status == .outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError"
        return error(id, type: type, message: "RequestId: \(id) Error: \(exitReason(status))")
    }

    /// The bootstrap could not be started at all.
    static func invalidEntrypoint(_ id: String, _ reason: String) -> InvokeResponse {
        platformError(id, "Runtime.InvalidEntrypoint", reason)
    }

    /// RAPID's wording, from Go's `os.ProcessState` (runtime-api.md §1.9).
    static func exitReason(_ status: ExitStatus?) -> String {
        switch status {
        case .exited(let code) where code != 0: "Runtime exited with error: exit status \(code)"
        case .signalled(let signal): "Runtime exited with error: signal: \(goSignalName(signal))"
        case .outOfMemory: "Runtime exited with error: signal: killed"
        case .exited, .none: "Runtime exited without providing a reason"
        }
    }

    private static func goSignalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            1: "hangup", 2: "interrupt", 3: "quit", 4: "illegal instruction", 5: "trace/breakpoint trap",
            6: "aborted", 7: "bus error", 8: "floating point exception", 9: "killed", 10: "user defined signal 1",
            11: "segmentation fault", 12: "user defined signal 2", 13: "broken pipe", 14: "alarm clock",
            15: "terminated",
        ]
        return names[signal] ?? "signal \(signal)"
    }

    private static func platformError(_ id: String, _ type: String, _ detail: String) -> InvokeResponse {
        error(id, type: type, message: "RequestId: \(id) Error: \(detail)")
    }

    /// 200 + `X-Amz-Function-Error: Unhandled` + `{"errorType":…,"errorMessage":…}`.
    static func error(_ id: String, type: String, message: String) -> InvokeResponse {
        let body =
            #"{"errorType":"# + JSONValue.string(type).serialized + #","errorMessage":"#
            + JSONValue.string(message).serialized + "}"
        return functionError(id, body: Array(body.utf8), contentType: "application/json")
    }

    private static func functionError(_ id: String, body: [UInt8], contentType: String) -> InvokeResponse {
        InvokeResponse(
            status: 200,
            headers: [
                HeaderField(name: "Content-Type", value: contentType),
                HeaderField(name: InvokeAPIHeader.functionError, value: "Unhandled"),
            ] + common(id),
            body: body
        )
    }

    static func common(_ id: String) -> [HeaderField] {
        [
            HeaderField(name: InvokeAPIHeader.requestID, value: id),
            HeaderField(name: InvokeAPIHeader.executedVersion, value: "$LATEST"),
        ]
    }
}
