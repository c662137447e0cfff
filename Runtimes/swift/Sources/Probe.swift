#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the probe hands back to the runtime: a JSON result, or a response to stream.
enum ProbeOutput: Sendable {
    case json(JSON)
    case stream(StreamedResponse)
}

/// The `stream` op's plan: chunks sent with a pause between them, then optionally a failure for the trailers.
struct StreamedResponse: Sendable {
    var chunks: [String]
    var delayMs: Int
    var failure: FunctionError?
}

/// The probe function of PROBE.md, the one function this runtime serves.
///
/// It does exactly what each event asks, so that anything wrong on the wire is the runtime's doing. It takes the
/// event as bytes and parses it itself, like a handler that decodes its own input.
struct Probe: Sendable {
    /// The `_HANDLER` value that selects the probe.
    static let handlerName = "probe"

    /// The `counter` op's count. It lives as long as the process does, like a global: a warm invocation sees the
    /// previous value and a cold start begins at 1 again.
    private var count: Int64 = 0

    private init() {}

    /// Loads the probe during the runtime's init phase, honouring the `PROBE_INIT_*` variables (PROBE.md).
    ///
    /// - Throws: A ``FunctionError`` that the runtime reports to `/runtime/init/error`.
    static func load(handler: String?) async throws -> Probe {
        if let handler, !handler.isEmpty, handler != handlerName {
            throw FunctionError(
                errorType: "Runtime.HandlerNotFound",
                errorMessage: "this runtime serves only the handler '\(handlerName)', not '\(handler)'"
            )
        }
        if let ms = ProcessEnvironment.value("PROBE_INIT_SLEEP_MS").flatMap(Int.init), ms > 0 {
            try await Task.sleep(for: .milliseconds(ms))
        }
        if let code = ProcessEnvironment.value("PROBE_INIT_EXIT").flatMap(Int32.init) {
            exit(code)
        }
        if let message = ProcessEnvironment.value("PROBE_INIT_FAIL"), !message.isEmpty {
            throw FunctionError(errorType: "Probe.InitFailed", errorMessage: message)
        }
        return Probe()
    }

    /// Runs one event; `mutating` because `counter` changes the probe's state.
    ///
    /// - Throws: A ``FunctionError`` for the `error` op, an unknown op (`Probe.UnknownOp`) or a malformed event.
    mutating func handle(_ eventBytes: Data, context: InvocationContext) async throws -> ProbeOutput {
        let event: JSON
        do {
            event = try JSON(parsing: eventBytes)
        } catch {
            throw FunctionError(errorType: "Probe.InvalidEvent", errorMessage: "the event is not JSON: \(error)")
        }
        let op = event["op"]?.stringValue
        switch op {
        case "echo":
            return .json(event["payload"] ?? .null)
        case "context":
            return .json(Self.describe(context))
        case "env":
            let names = (event["names"]?.arrayValue ?? []).compactMap(\.stringValue)
            let values = names.map { ($0, JSON(ProcessEnvironment.value($0))) }
            return .json(.object(Dictionary(values, uniquingKeysWith: { first, _ in first })))
        case "error":
            throw FunctionError(
                errorType: event["errorType"]?.stringValue ?? "Probe.Error",
                errorMessage: event["errorMessage"]?.stringValue ?? ""
            )
        case "sleep":
            let ms = try Self.int(event, "ms")
            try await Task.sleep(for: .milliseconds(max(ms, 0)))
            return .json(.object(["slept": .int(Int64(ms))]))
        case "counter":
            count += 1
            return .json(.object(["count": .int(count)]))
        case "tmp-write":
            let path = try Self.tmpPath(event)
            try Data((event["data"]?.stringValue ?? "").utf8).write(to: URL(fileURLWithPath: path))
            return .json(.object(["written": .bool(true)]))
        case "tmp-fill":
            let path = try Self.tmpPath(event)
            let megabytes = try Self.int(event, "mb")
            if let failure = Self.fill(path, megabytes: megabytes) {
                unlink(path)
                throw FunctionError(
                    errorType: "Probe.TmpFull", errorMessage: "cannot write \(megabytes) MB to \(path): \(failure)")
            }
            return .json(.object(["filled": .int(Int64(megabytes))]))
        case "cwd":
            return .json(.object(["cwd": .string(FileManager.default.currentDirectoryPath)]))
        case "allocate":
            let megabytes = max(try Self.int(event, "mb"), 0)
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(megabytes << 20, 1), alignment: 4096)
            defer { block.deallocate() }
            // Touch every page so the memory is really resident, as a handler's working set would be.
            for offset in stride(from: 0, to: megabytes << 20, by: 4096) { block[offset] = 0x78 }
            return .json(.object(["allocated": .int(Int64(megabytes))]))
        case "tmp-read":
            let path = try Self.tmpPath(event)
            let data = FileManager.default.contents(atPath: path)
            return .json(.object(["data": JSON(data.map { String(decoding: $0, as: UTF8.self) })]))
        case "log":
            let stream: ProcessEnvironment.Stream =
                event["stream"]?.stringValue == "stderr" ? .standardError : .standardOutput
            ProcessEnvironment.writeLine(event["message"]?.stringValue ?? "", to: stream)
            return .json(.object(["logged": .bool(true)]))
        case "exit":
            exit(Int32(truncatingIfNeeded: event["code"]?.intValue ?? 0))
        case "crash":
            abort()  // SIGABRT: the runtime dies from a signal, as a crashing function would
        case "large":
            let bytes = try Self.int(event, "bytes")
            return .json(.string(String(repeating: "x", count: max(bytes, 0))))
        case "stream":
            let chunks = (event["chunks"]?.arrayValue ?? []).compactMap(\.stringValue)
            let failure = event["fail"].map {
                FunctionError(
                    errorType: $0["errorType"]?.stringValue ?? "Probe.Error",
                    errorMessage: $0["errorMessage"]?.stringValue ?? ""
                )
            }
            let delayMs = event["delayMs"]?.intValue ?? 0
            return .stream(StreamedResponse(chunks: chunks, delayMs: max(delayMs, 0), failure: failure))
        default:
            throw FunctionError(errorType: "Probe.UnknownOp", errorMessage: "unknown op: \(op ?? "none")")
        }
    }

    /// The `context` op's answer; `traceId` is read from the environment, where the runtime put it for the handler.
    private static func describe(_ context: InvocationContext) -> JSON {
        .object([
            "requestId": .string(context.requestId),
            "deadlineMs": JSON(context.deadlineMs),
            "invokedFunctionArn": JSON(context.invokedFunctionArn),
            "traceId": JSON(ProcessEnvironment.value("_X_AMZN_TRACE_ID")),
            "clientContext": JSON(context.clientContext),
            "cognitoIdentity": JSON(context.cognitoIdentity),
            "tenantId": JSON(context.tenantId),
            "remainingMs": JSON(context.remainingMs),
        ])
    }

    private static func int(_ event: JSON, _ field: String) throws -> Int {
        guard let value = event[field]?.intValue else {
            throw FunctionError(errorType: "Probe.InvalidEvent", errorMessage: "'\(field)' must be an integer")
        }
        return value
    }

    /// `${TMPDIR:-/tmp}/<name>`: the suite gives each environment its own /tmp through `TMPDIR`.
    /// Writes `megabytes` MiB of zeros; returns the `strerror` text of the first failure.
    private static func fill(_ path: String, megabytes: Int) -> String? {
        guard let file = fopen(path, "wb") else { return String(cString: strerror(errno)) }
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        var failure: String?
        for _ in 0..<max(megabytes, 0) where failure == nil {
            if fwrite(chunk, 1, chunk.count, file) != chunk.count { failure = String(cString: strerror(errno)) }
        }
        if fclose(file) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }

    private static func tmpPath(_ event: JSON) throws -> String {
        guard let name = event["name"]?.stringValue, !name.isEmpty else {
            throw FunctionError(errorType: "Probe.InvalidEvent", errorMessage: "'name' must be a non-empty string")
        }
        let directory = ProcessEnvironment.value("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
